"""Backend choice and the small rules around Ray connections (no Ray started here; see test_ray.py)."""

import os

import pytest

from twin.study.backends import SERIAL_MAX_SECONDS, choose_backend
from twin.study.ray_backend import _is_loopback, _token_available


@pytest.fixture(autouse=True)
def no_ray_env(monkeypatch):
    for k in ("RAY_ADDRESS", "RAY_AUTH_TOKEN", "RAY_AUTH_TOKEN_PATH"):
        monkeypatch.delenv(k, raising=False)


def test_small_studies_run_in_process_large_ones_on_local_ray(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    assert choose_backend("auto", None, None, SERIAL_MAX_SECONDS / 2) == ("serial", 1)
    assert choose_backend("auto", None, None, SERIAL_MAX_SECONDS * 10) == ("ray-local", 8)
    assert choose_backend("auto", 1, None, 1e6) == ("serial", 1)  # --workers 1: in-process
    assert choose_backend("auto", 3, None, 1.0) == ("ray-local", 3)  # asked for workers: Ray
    assert choose_backend("ray", None, None, 1.0) == ("ray-local", 8)
    assert choose_backend("serial", None, None, 1e6) == ("serial", 1)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert choose_backend("auto", None, None, 1e6) == ("serial", 1)


def test_an_address_means_the_cluster(monkeypatch):
    assert choose_backend("auto", None, "10.0.0.1:6379", 1.0)[0] == "ray-cluster"
    monkeypatch.setenv("RAY_ADDRESS", "10.0.0.1:6379")
    assert choose_backend("auto", 4, None, 1.0)[0] == "ray-cluster"
    with pytest.raises(ValueError, match="serial"):
        choose_backend("serial", None, None, 1.0)
    with pytest.raises(ValueError, match="unknown backend"):
        choose_backend("dask", None, None, 1.0)


def test_loopback_addresses():
    assert _is_loopback("127.0.0.1:6379") and _is_loopback("localhost:1") and _is_loopback("[::1]:6379")
    assert not _is_loopback("10.1.2.3:6379") and not _is_loopback("auto")


def test_token_lookup(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert not _token_available()
    (tmp_path / ".ray").mkdir()
    (tmp_path / ".ray" / "auth_token").write_text("x")
    assert _token_available()
    monkeypatch.setenv("RAY_AUTH_TOKEN_PATH", str(tmp_path / "missing"))
    assert not _token_available()
    monkeypatch.setenv("RAY_AUTH_TOKEN", "secret")
    assert _token_available()
