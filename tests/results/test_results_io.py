"""Atomic writing: a failed write never leaves a half-written file under the final name."""

import numpy as np
import pytest
import xarray as xr

from twin.results.dataset import write_netcdf_atomic


def test_atomic_write_round_trip(tmp_path):
    ds = xr.Dataset({"x": ("a", np.arange(3.0), {"units": "m", "long_name": "x"})})
    p = write_netcdf_atomic(ds, tmp_path / "r.nc")
    xr.testing.assert_identical(xr.open_dataset(p).load(), ds)
    assert [f.name for f in tmp_path.iterdir()] == ["r.nc"]


def test_failed_write_keeps_previous_file_and_leaves_no_temp(tmp_path, monkeypatch):
    good = xr.Dataset({"x": ("a", np.arange(3.0))})
    p = write_netcdf_atomic(good, tmp_path / "r.nc")
    before = p.read_bytes()

    def boom(self, path, *a, **k):
        with open(path, "wb") as fh:
            fh.write(b"partial")
        raise OSError("disk full")

    monkeypatch.setattr(xr.Dataset, "to_netcdf", boom)
    with pytest.raises(OSError, match="disk full"):
        write_netcdf_atomic(good, tmp_path / "r.nc")
    assert p.read_bytes() == before
    assert [f.name for f in tmp_path.iterdir()] == ["r.nc"]
