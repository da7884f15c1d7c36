"""A stacked-cell study (issue 12) gives bit-identical results on every backend.

Stacked cells add a dimension (``stacked_cell``), per-cell stations after the
stacker and, when ``cell.layers`` is swept, padding of the item axis to the
largest point. The same scenario and seed must give the same numbers
in-process, chunked, on a private local Ray and on a 2-node Ray cluster on
loopback.
"""

import yaml
import pytest

from .conftest import assert_same_results, reference_nc, twin

ROOT_SCENARIO = "scenarios/layer_test.yaml"

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def layered(tmp_path_factory):
    """layer_test.yaml cut down: 1 or 5 layers x layer test off/on, 4 cells x 2 replicates, one co-firing temperature."""
    from pathlib import Path

    d = tmp_path_factory.mktemp("layers")
    doc = yaml.safe_load((Path(__file__).parents[2] / ROOT_SCENARIO).read_text())
    doc.update(cells=4, replicates=2)
    doc["process"]["cathode"]["firing_temperature"] = "725 degC"
    doc["sweep"] = {"grid": {"cell.layers": [1, 5], "process.layer_test.enabled": [False, True]}}
    path = d / "layers.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False))
    return {"path": path, "reference": reference_nc(path, d / "reference.nc")}


def test_the_reference_carries_stacked_cells_and_plant_cost(layered):
    import xarray as xr

    ds = xr.load_dataset(layered["reference"])
    assert ds.sizes["stacked_cell"] == 4 and ds.sizes["cell"] == 20  # 4 cells x 5 layers at the largest point
    one = ds.sel(point=0) if int(ds["cell_layers"].isel(point=0)) == 1 else ds.sel(point=1)
    assert int(one["cells_built"].isel(replicate=0)) <= 4
    assert ds["plant_cost_per_kwh"].attrs["units"] == "USD kW-1 h-1"
    assert bool((ds["plant_cost_per_kwh"] > 0).all())


def test_chunked_serial_run_equals_the_reference(layered, tmp_path):
    out = tmp_path / "s.nc"
    r = twin("run", layered["path"], "-o", out, "--backend", "serial", "--chunk-size", "1")
    assert r.returncode == 0, r.stderr[-3000:]
    assert_same_results(out, layered["reference"])


def test_local_ray_with_2_workers_equals_the_reference(ray_env, layered, tmp_path):
    out = tmp_path / "r.nc"
    r = twin("run", layered["path"], "-o", out, "--backend", "ray", "--workers", "2", "--chunk-size", "1",
             env=ray_env["env"])
    assert r.returncode == 0, r.stderr[-3000:]
    assert "ray-local, 2 worker(s)" in r.stdout
    assert_same_results(out, layered["reference"])


def test_ray_cluster_equals_the_reference(ray_cluster, layered, tmp_path):
    out = tmp_path / "c.nc"
    r = twin("run", layered["path"], "-o", out, "--address", ray_cluster["address"], "--chunk-size", "3",
             env=ray_cluster["env"])
    assert r.returncode == 0, r.stderr[-3000:]
    assert "ray-cluster, 2 worker(s)" in r.stdout
    assert_same_results(out, layered["reference"])
