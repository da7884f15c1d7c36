"""Parameter draws as an outer dimension of a study (issue 11, item 4): drawing, running, credible intervals.

The baseline line, shrunk, with uncertain physics parameters drawn from their priors or from a posterior
file. Every draw meets the same process scatter (common random numbers), which gives exact checks: a
parameter that does not act on the oxide line leaves every draw identical, and a parameter that raises an
interface resistance raises each draw's median cell ASR in the order of its values.
"""

import numpy as np
import pytest
import xarray as xr

from tests.conftest import SCENARIOS, run_twin, shrink
from twin.analysis.uncertainty import credible_intervals, uncertain_parameters, variance_shares
from twin.errors import ScenarioError
from twin.scenario import load_scenario, scenario_from_text
from twin.scenario.sweep import expand, n_points
from twin.study.work import simulate_study

from .conftest import assert_same_results, reference_nc, twin

INTERPHASE = "CATHODE_INTERFACES.spray_sintered.interphase_resistivity"   # acts on the co-fired oxide cathode
LPSCL = "PLATING_PARAMETERS.Li-LPSCl.effective_resistance"                 # a sulphide parameter: idle here


def baseline_text(cells=20, replicates=2, block="") -> str:
    text = shrink((SCENARIOS / "baseline.yaml").read_text(), cells=cells, replicates=replicates)
    return text.split("\nsweep:")[0] + "\n" + block


def priors_block(names, draws=8) -> str:
    lines = "".join(f"    - {n}\n" for n in names)
    return f"uncertainty:\n  parameters: priors\n  draws: {draws}\n  names:\n{lines}"


def write_posterior(path, samples: dict, weights) -> None:
    """A posterior file in the layout `twin calibrate` writes (parameters on `sample`, with their prior; weights)."""
    data = {k: ("sample", np.asarray(v, float), {"units": "ohm m", "prior_kind": "lognormal", "long_name": k})
            for k, v in samples.items()}
    data["weight"] = ("sample", np.asarray(weights, float), {"units": "1", "long_name": "normalised weight"})
    xr.Dataset(data).to_netcdf(path)


# --------------------------------------------------------------------------- drawing

def test_prior_draws_are_a_latin_hypercube_of_the_prior_and_repeat_from_the_seed():
    from process_models.priors import get_prior

    sc = scenario_from_text(baseline_text(block=priors_block([INTERPHASE], draws=10)))
    again = scenario_from_text(baseline_text(block=priors_block([INTERPHASE], draws=10)))
    assert sc.draw_table == again.draw_table
    values = np.array([v[0] for v in sc.draw_table.values])
    u = get_prior(*INTERPHASE.split(".")).cdf(values)
    assert sorted(np.floor(u * 10).astype(int)) == list(range(10)), "one draw in each tenth of the prior"
    other = scenario_from_text(baseline_text(block=priors_block([INTERPHASE], draws=10)).replace("seed: ", "seed: 1"))
    assert other.draw_table.values != sc.draw_table.values
    assert other.sha256 != sc.sha256


def test_points_are_draws_times_sweep_points_with_the_parameters_on_each():
    block = priors_block([INTERPHASE, LPSCL], draws=3) + 'sweep:\n  grid:\n    process.stacking.stack_pressure: ["2 MPa", "5 MPa"]\n'
    sc = scenario_from_text(baseline_text(block=block))
    pts = expand(sc)
    assert n_points(sc) == len(pts) == 6
    assert [p["draw"] for p in pts] == [0, 0, 1, 1, 2, 2]
    assert pts[0][f"param:{INTERPHASE}"] == pts[1][f"param:{INTERPHASE}"] == sc.draw_table.values[0][0]


def test_posterior_draws_are_whole_samples_in_proportion_to_their_weights(tmp_path):
    post = tmp_path / "posterior.nc"
    a = np.array([1e4, 2e4, 3e4, 4e4])
    b = np.array([1e-4, 2e-4, 3e-4, 4e-4])  # b = a * 1e-8: a perfectly correlated posterior
    write_posterior(post, {INTERPHASE: a, LPSCL: b}, [0.0, 0.75, 0.0, 0.25])
    sc = scenario_from_text(baseline_text(block=f"uncertainty:\n  parameters: {post}\n  draws: 8\n"))
    vals = np.array(sc.draw_table.values)
    assert sc.draw_table.keys == (INTERPHASE, LPSCL)
    assert np.allclose(vals[:, 1], vals[:, 0] * 1e-8), "a draw is a whole sample: correlations kept"
    assert sorted(vals[:, 0]) == [2e4] * 6 + [4e4] * 2, "systematic resampling: 6 of 8 from weight 0.75"
    before = sc.sha256
    write_posterior(post, {INTERPHASE: a * 2, LPSCL: b}, [0.0, 0.75, 0.0, 0.25])
    assert scenario_from_text(baseline_text(block=f"uncertainty:\n  parameters: {post}\n  draws: 8\n")).sha256 != before


@pytest.mark.parametrize("block, where, message", [
    ("uncertainty:\n  parameters: priors\n  draws: 4\n", "uncertainty.names", "needs the parameters to draw"),
    (priors_block(["PLATING_PARAMETERS.Li-LLZO.no_such_field"]), "uncertainty.names[0]", "valid fields"),
    (priors_block(["NO_SUCH_REGISTRY.x.y"]), "uncertainty.names[0]", "NO_SUCH_REGISTRY"),
    ("uncertainty:\n  parameters: missing_posterior.nc\n", "uncertainty.parameters", "no such posterior file"),
    ("uncertainty:\n  parameters: priors\n  draws: 1\n  names: [" + INTERPHASE + "]\n", "uncertainty.draws", "greater than or equal to 2"),
    (priors_block([INTERPHASE]) + "  colour: red\n", "uncertainty", "unknown key 'colour'"),
])
def test_bad_uncertainty_is_a_located_error_exit_2_nothing_written(tmp_path, block, where, message):
    sc = tmp_path / "s.yaml"
    sc.write_text(baseline_text(block=block))
    out = tmp_path / "r.nc"
    r = run_twin("run", sc, "-o", out)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr and message in r.stderr and where in r.stderr, r.stderr
    assert f"{sc}:" in r.stderr, "the problem names the file and line"
    assert not out.exists()


def test_a_file_that_is_not_a_posterior_is_refused(tmp_path):
    bogus = tmp_path / "bogus.nc"
    xr.Dataset({"x": ("sample", np.arange(3.0))}).to_netcdf(bogus)
    with pytest.raises(ScenarioError, match="not a posterior"):
        scenario_from_text(baseline_text(block=f"uncertainty:\n  parameters: {bogus}\n"))
    text = tmp_path / "text.nc"
    text.write_text("not netcdf")
    with pytest.raises(ScenarioError, match="cannot read"):
        scenario_from_text(baseline_text(block=f"uncertainty:\n  parameters: {text}\n"))
    post = tmp_path / "p.nc"
    write_posterior(post, {INTERPHASE: [1e4, 2e4]}, [0.5, 0.5])
    with pytest.raises(ScenarioError, match="is not in the posterior"):
        scenario_from_text(baseline_text(block=f"uncertainty:\n  parameters: {post}\n  names: [{LPSCL}]\n"))


def test_a_sobol_design_cannot_be_combined_with_draws():
    block = priors_block([INTERPHASE]) + ("sweep:\n  design: sobol\n  samples: 4\n  ranges:\n"
                                         '    process.stacking.stack_pressure: ["2 MPa", "8 MPa"]\n')
    with pytest.raises(ScenarioError, match="sobol sweep design and parameter draws"):
        scenario_from_text(baseline_text(block=block))


def test_a_relative_posterior_path_is_taken_from_the_scenario_folder(tmp_path):
    write_posterior(tmp_path / "post.nc", {INTERPHASE: [1e4, 2e4]}, [0.5, 0.5])
    (tmp_path / "s.yaml").write_text(baseline_text(block="uncertainty:\n  parameters: post.nc\n  draws: 4\n"))
    assert load_scenario(tmp_path / "s.yaml").draw_table.keys == (INTERPHASE,)


# --------------------------------------------------------------------------- running

@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """Baseline, 20 cells x 2 replicates, 8 draws of the co-fired interphase resistivity and an idle parameter."""
    d = tmp_path_factory.mktemp("unc")
    path = d / "unc.yaml"
    path.write_text(baseline_text(block=priors_block([INTERPHASE, LPSCL], draws=8)))
    return {"path": path, "reference": reference_nc(path, d / "reference.nc")}


def test_each_draw_runs_with_its_parameters_and_the_same_process_scatter(run):
    ds = xr.load_dataset(run["reference"])
    theta = ds[uncertain_parameters(ds)[0]]
    assert theta.attrs["uncertain_parameter"] == INTERPHASE and theta.attrs["units"] == "ohm m"
    # same scatter, so the median cell ASR of each draw follows its interphase resistivity exactly
    asr = ds["cell_asr"].median(("replicate", "cell")).values
    order = np.argsort(theta.values)
    assert np.all(np.diff(asr[order]) > 0), (theta.values[order], asr[order])
    # and the separators, made before any interface exists, are identical in every draw
    dens = ds["electrolyte_relative_density"].values
    assert all(np.array_equal(dens[0], dens[k], equal_nan=True) for k in range(1, ds.sizes["point"]))
    assert ds.attrs["uncertainty_draws"] == 8 and ds.attrs["uncertainty_source"] == "priors"


def test_an_idle_parameter_leaves_every_draw_identical():
    sc = scenario_from_text(baseline_text(cells=10, block=priors_block([LPSCL], draws=3)))
    ds = simulate_study(sc)
    for var in ("cell_asr", "discharge_capacity", "failure_mode"):
        v = ds[var].values
        assert all(np.array_equal(v[0], v[k], equal_nan=True) for k in (1, 2)), var
    s = variance_shares(ds, "cell_asr").set_index("source")
    assert s.loc["parameters (all)", "share"] == 0.0 and s.loc["process scatter", "share"] == 1.0


def test_credible_intervals_and_variance_shares(run):
    ds = xr.load_dataset(run["reference"])
    ci = credible_intervals(ds, "cell_asr")
    assert len(ci) == 1 and ci["draws"].iloc[0] == 8
    per_draw = ds["cell_asr"].where(ds["passed"]).median(("replicate", "cell")).values
    assert ci["low"].iloc[0] <= ci["median"].iloc[0] <= ci["high"].iloc[0]
    assert np.min(per_draw) <= ci["low"].iloc[0] and ci["high"].iloc[0] <= np.max(per_draw)
    assert ci["median"].iloc[0] == pytest.approx(np.median(per_draw), rel=1e-12)
    s = variance_shares(ds, "cell_asr").set_index("source")
    assert set(s.index) == {INTERPHASE, LPSCL, "parameters (all)", "process scatter"}
    assert s.loc["parameters (all)", "share"] + s.loc["process scatter", "share"] == pytest.approx(1.0)
    assert s.loc["parameters (all)", "low"] <= s.loc["parameters (all)", "share"] <= s.loc["parameters (all)", "high"]
    assert s.loc[INTERPHASE, "share"] > s.loc[LPSCL, "share"], "the resistivity, not the idle parameter, moves the ASR"


def test_chunked_serial_run_equals_the_reference(run, tmp_path):
    out = tmp_path / "s.nc"
    r = run_twin("run", run["path"], "-o", out, "--backend", "serial", "--chunk-size", "3")
    assert r.returncode == 0, r.stderr[-3000:]
    assert_same_results(out, run["reference"])
    assert "credible interval" in r.stdout and "process scatter" in r.stdout


@pytest.mark.ray
def test_local_ray_with_2_workers_equals_the_reference(ray_env, run, tmp_path):
    """Parameter overrides are process-global: workers that run several draws one after another must restore them."""
    out = tmp_path / "r.nc"
    r = twin("run", run["path"], "-o", out, "--backend", "ray", "--workers", "2", "--chunk-size", "3", env=ray_env["env"])
    assert r.returncode == 0, r.stderr[-3000:]
    assert_same_results(out, run["reference"])


def test_report_draws_the_credible_intervals(run, tmp_path):
    r = run_twin("report", run["reference"], "-o", tmp_path / "rep")
    assert r.returncode == 0, r.stderr
    for name in ("credible", "variance_shares"):
        assert (tmp_path / "rep" / f"{name}.png").stat().st_size > 5000
    assert "<h2>Credible intervals</h2>" in (tmp_path / "rep" / "index.html").read_text()


def test_run_with_a_posterior_from_the_command_line(tmp_path):
    post = tmp_path / "post.nc"
    write_posterior(post, {INTERPHASE: [5e4, 7e4, 9e4]}, [0.2, 0.5, 0.3])
    sc = tmp_path / "s.yaml"
    sc.write_text(baseline_text(cells=10, replicates=1))
    out = tmp_path / "r.nc"
    r = run_twin("run", sc, "-o", out, "--posterior", post, "--draws", 4)
    assert r.returncode == 0, r.stderr
    ds = xr.load_dataset(out)
    assert ds.sizes["point"] == 4 and ds.attrs["uncertainty_source"].startswith("posterior ")
    assert "added by `twin run --posterior`" in ds.attrs["scenario_yaml"], "the stored scenario reproduces the run"
    assert set(ds[uncertain_parameters(ds)[0]].values) <= {5e4, 7e4, 9e4}


def test_posterior_option_errors_exit_2(tmp_path):
    sc = tmp_path / "s.yaml"
    sc.write_text(baseline_text(cells=10, replicates=1))
    r = run_twin("run", sc, "-o", tmp_path / "r.nc", "--draws", 4)
    assert r.returncode == 2 and "--draws needs --posterior" in r.stderr and "Traceback" not in r.stderr
    r = run_twin("run", sc, "-o", tmp_path / "r.nc", "--posterior", tmp_path / "none.nc")
    assert r.returncode == 2 and "no such posterior file" in r.stderr and "Traceback" not in r.stderr
    sc.write_text(baseline_text(cells=10, replicates=1, block=priors_block([INTERPHASE])))
    post = tmp_path / "post.nc"
    write_posterior(post, {INTERPHASE: [5e4, 7e4]}, [0.5, 0.5])
    r = run_twin("run", sc, "-o", tmp_path / "r.nc", "--posterior", post)
    assert r.returncode == 2 and "already draws parameters" in r.stderr
    assert not (tmp_path / "r.nc").exists()
