"""`twin calibrate` end to end on the worked config, and the same posterior serially and on 2 Ray workers."""

import json
import subprocess
import sys

import numpy as np
import pytest
import xarray as xr

from twin.calibration import calibrate
from twin.cli import main

from .conftest import CONFIGS, abc_config, twin_line_data, write

PARAMS = {"STRIPPING_PARAMETERS.Li-LLZO.calibration_current": "A m-2",
          "PLATING_PARAMETERS.Li-LPSCl.effective_resistance": "ohm m2",
          "PLATING_PARAMETERS.Li-LPSCl.porosity_exponent": "1"}


@pytest.fixture(scope="module")
def worked(tmp_path_factory):
    d = tmp_path_factory.mktemp("worked")
    out = d / "post.nc"
    assert main(["calibrate", str(CONFIGS / "li_interface_plating.yaml"), "-o", str(out)]) == 0
    with xr.open_dataset(out) as ds:
        return out, ds.load()


def test_the_posterior_dataset_has_every_parameter_with_units_and_provenance(worked, capsys):
    out, ds = worked
    for name, unit in PARAMS.items():
        v = ds[name]
        assert v.dims == ("sample",) and v.attrs["units"] == unit and v.attrs["long_name"]
        assert v.attrs["prior"] and v.attrs["posterior_ci90_low"] < v.attrs["posterior_median"] < v.attrs["posterior_ci90_high"]
        assert np.all(np.isfinite(v.values))
    assert json.loads(ds.attrs["parameters"]) == list(PARAMS)
    assert ds.attrs["method"] == "emcee" and ds.attrs["seed"] == 11
    assert ds.attrs["config"] == (CONFIGS / "li_interface_plating.yaml").read_text()
    assert ds.attrs["ssb_twin_version"] and ds.attrs["Conventions"].startswith("CF")
    for var in ("weight", "log_posterior", "acceptance_fraction", "autocorr_time", "r_hat", "ess",
                "observed", "predicted_median", "predicted_p05", "predicted_p95"):
        assert "units" in ds[var].attrs and ds[var].attrs["long_name"], var
    assert np.all(ds.r_hat.values < 1.1) and ds.attrs["autocorr_reliable"] == 1


def test_posterior_predictive_covers_the_data_and_the_figures_exist(worked):
    out, ds = worked
    assert set(ds.dataset.values) == {"wang2019_stripping_vs_pressure", "oxford2025_plating_vs_density"}
    assert ds.sizes["observation"] == 4 and ds.observed.attrs["units"] == "A m-2"
    assert np.all((ds.predicted_p05 <= ds.observed * 1.1) & (ds.observed * 0.9 <= ds.predicted_p95))
    for label in ("wang2019_stripping_vs_pressure", "oxford2025_plating_vs_density"):
        png = out.with_name(f"post.{label}.png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_cli_prints_the_intervals(worked, capsys, tmp_path):
    # the module fixture printed while it ran; run a tiny config here to check the text
    cfg = write(tmp_path / "t.yaml", (CONFIGS / "li_interface_plating.yaml").read_text()
                .replace("steps: 2500", "steps: 30").replace("burn: 500", "burn: 10"))
    assert main(["calibrate", str(cfg), "-o", str(tmp_path / "t.nc")]) == 0
    text = capsys.readouterr().out
    assert "emcee, seed 11" in text and "STRIPPING_PARAMETERS.Li-LLZO.calibration_current [A m-2]:" in text
    assert "90 %" in text and f"posterior written to {tmp_path / 't.nc'}" in text


@pytest.mark.ray
def test_same_seed_same_posterior_serially_and_on_2_ray_workers(tmp_path, ray_env):
    """A tiny ABC-SMC run (the line's Monte Carlo): in-process, then `twin calibrate --workers 2` in a subprocess
    that starts a private local Ray on loopback (and stops it): bit-identical particles, weights and diagnostics."""
    data = twin_line_data(tmp_path / "line.csv", 8, {("CATHODE_INTERFACES", "cold_pressed", "asr_ref"): 0.003})
    cfg = write(tmp_path / "tiny.yaml", abc_config(data, particles=24, generations=3))
    serial = calibrate(cfg, tmp_path / "serial.nc")
    r = subprocess.run([sys.executable, "-m", "twin", "calibrate", str(cfg), "-o", str(tmp_path / "ray.nc"), "--workers", "2"],
                       capture_output=True, text=True, env=ray_env, timeout=300)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "ray-local, 2 worker(s)" in r.stdout
    with xr.open_dataset(serial) as a, xr.open_dataset(tmp_path / "ray.nc") as b:
        assert a.attrs["backend"] == "serial" and b.attrs["backend"] == "ray-local"
        for var in ("CATHODE_INTERFACES.cold_pressed.asr_ref", "weight", "distance", "tolerance", "acceptance_rate",
                    "ess", "simulations", "predicted_median", "predicted_p05", "predicted_p95"):
            np.testing.assert_array_equal(a[var].values, b[var].values, err_msg=var)
