"""End-to-end through the `twin` command: valid runs, the Dataset contract, and every bad-input case."""


import numpy as np
import pytest
import xarray as xr

from tests.conftest import SCENARIOS, run_twin, shrink

CONTRACT_CELL_VARS = [
    "electrolyte_thickness", "electrolyte_relative_density", "electrolyte_conductivity", "li_loss_fraction",
    "secondary_phase_fraction", "cathode_thickness", "cathode_areal_capacity", "anode_thickness", "stack_pressure",
    "anode_interface_asr", "cell_asr", "critical_stripping_current", "critical_plating_current",
    "discharge_capacity", "specific_energy", "energy_density", "short_mode", "failure_mode", "passed",
]
CONTRACT_REPLICATE_VARS = ["throughput", "yield", "wip_mean", "lead_time_mean", "utilisation", "scrapped"]


@pytest.mark.parametrize("name", sorted(p.name for p in SCENARIOS.glob("*.yaml")))
def test_shipped_scenarios_validate(name):
    r = run_twin("validate", SCENARIOS / name)
    assert r.returncode == 0, r.stderr
    assert "valid" in r.stdout


def test_run_writes_the_contract_dataset(small_baseline, tmp_path):
    out = tmp_path / "out.nc"
    r = run_twin("run", small_baseline, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "yield" in r.stdout and "results written to" in r.stdout
    ds = xr.open_dataset(out)
    assert dict(ds.sizes) == {"point": 1, "replicate": 2, "cell": 80, "stacked_cell": 80, "station": 9, "gate": 3, "cost_type": 6}
    for v in CONTRACT_CELL_VARS:
        assert ds[v].dims == ("point", "replicate", "cell"), v
    for v in CONTRACT_REPLICATE_VARS:
        assert ds[v].dims[:2] == ("point", "replicate"), v
    for name in list(ds.data_vars) + list(ds.coords):
        assert "units" in ds[name].attrs and "long_name" in ds[name].attrs, name
    text = small_baseline.read_text()
    assert ds.attrs["scenario_yaml"] == text
    import hashlib

    assert ds.attrs["scenario_sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert ds.attrs["seed"] == 20261122 and ds.attrs["Conventions"].startswith("CF")
    assert "ssb_twin_version" in ds.attrs and "history" in ds.attrs
    # physical sanity of what the line made
    tested = np.isfinite(ds.cell_asr.values)
    assert tested.sum() > 0
    assert np.all((ds.electrolyte_relative_density.values[tested] > 0) & (ds.electrolyte_relative_density.values[tested] <= 1))
    assert np.all(ds.cell_asr.values[tested] > 0)
    assert 0 <= float(ds["yield"].mean()) <= 1
    # every released cell is accounted for: passed, or lost with a reason
    fm = ds.failure_mode.values
    assert np.array_equal(ds.passed.values, fm == 0) or np.all(ds.passed.values <= (fm == 0))
    assert int(ds.scrapped.sum()) + int(ds.passed.sum()) == 2 * 80


def test_same_seed_same_numbers(small_baseline, tmp_path):
    a, b = tmp_path / "a.nc", tmp_path / "b.nc"
    assert run_twin("run", small_baseline, "-o", a).returncode == 0
    assert run_twin("run", small_baseline, "-o", b).returncode == 0
    da, db = xr.open_dataset(a), xr.open_dataset(b)
    xr.testing.assert_identical(da.drop_attrs(), db.drop_attrs())


def test_different_seed_different_numbers(small_baseline, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text(small_baseline.read_text().replace("seed: 20261122", "seed: 1"))
    a, b = tmp_path / "a.nc", tmp_path / "b.nc"
    assert run_twin("run", small_baseline, "-o", a).returncode == 0
    assert run_twin("run", other, "-o", b).returncode == 0
    assert not np.array_equal(xr.open_dataset(a).electrolyte_thickness.values, xr.open_dataset(b).electrolyte_thickness.values)


def test_sulphide_route_runs(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text(shrink((SCENARIOS / "sulphide.yaml").read_text(), cells=60, replicates=1))
    r = run_twin("run", p, "-o", tmp_path / "s.nc")
    assert r.returncode == 0, r.stderr
    ds = xr.open_dataset(tmp_path / "s.nc")
    assert ds.attrs["electrolyte"] == "Li6PS5Cl"
    assert np.isfinite(ds.electrolyte_conductivity.values).any()


BAD = {
    "unknown_key": ("name: t\nreplicats: 2\n", 2, "unknown key 'replicats'"),
    "wrong_dimension": ("name: t\nprocess:\n  stacking:\n    stack_pressure: \"5 kg\"\n", 4, "expected pressure"),
    "negative_thickness": ("name: t\nprocess:\n  anode:\n    foil_thickness: \"-20 um\"\n", 4, "must be > 0"),
    "unknown_distribution": ("name: t\nprocess:\n  sintering:\n    dwell_time: {dist: gamma, mean: \"20 min\"}\n", 4, "unknown distribution 'gamma'"),
    "malformed_yaml": ("name: t\nprocess: [\n", 3, "malformed YAML"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["validate", "run"])
def test_bad_input_is_located_exit_2_no_traceback(case, command, tmp_path):
    text, line, fragment = BAD[case]
    f = tmp_path / f"{case}.yaml"
    f.write_text(text)
    args = [command, f] + (["-o", tmp_path / "x.nc"] if command == "run" else [])
    r = run_twin(*args)
    assert r.returncode == 2
    assert "Traceback" not in r.stderr + r.stdout
    assert f"{f}:{line}:" in r.stderr and fragment in r.stderr
    assert not (tmp_path / "x.nc").exists()


@pytest.mark.parametrize("command", ["validate", "run"])
def test_missing_file(command, tmp_path):
    r = run_twin(command, tmp_path / "nope.yaml")
    assert r.returncode == 2 and "file not found" in r.stderr and "Traceback" not in r.stderr


def test_bad_output_path(small_baseline, tmp_path):
    r = run_twin("run", small_baseline, "-o", tmp_path)
    assert r.returncode == 2 and "directory" in r.stderr and "Traceback" not in r.stderr
    r = run_twin("run", small_baseline, "-o", tmp_path / "x.csv")
    assert r.returncode == 2 and ".nc" in r.stderr


def test_usage_error_exits_2():
    r = run_twin("frobnicate")
    assert r.returncode == 2 and "Traceback" not in r.stderr
