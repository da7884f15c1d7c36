"""Issue 13, through the real `twin` command: a damaged store is detected, two runs never interleave on one
output, a failed or killed run never costs a good result, and operational faults are located exit-2 errors."""

import json
import os
import shutil
import signal
import socket
import time
from pathlib import Path

import numpy as np
import pytest
import xarray as xr

from .conftest import assert_same_results, n_manifests, reference_nc, twin, twin_popen, wait_for, write_study


@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A finished study kept in its store, and its reference result."""
    d = tmp_path_factory.mktemp("hard")
    path = write_study(d, cells=30, replicates=6)
    out = d / "kept.nc"
    r = twin("run", path, "-o", out, "--keep-store", "--chunk-size", "3")
    assert r.returncode == 0, r.stderr
    return {"path": path, "store": d / "kept.zarr", "reference": reference_nc(path, d / "reference.nc")}


def _copy_store(finished, tmp_path) -> Path:
    store = tmp_path / "s.zarr"
    shutil.copytree(finished["store"], store)
    return store


def _chunk_files(store: Path, var: str = "cell_asr") -> list[Path]:
    return sorted(p for p in (store / var).rglob("*") if p.is_file() and p.name != "zarr.json")


def _delete_chunk_file(store):
    _chunk_files(store)[0].unlink()


def _flip_a_bit(store):
    f = _chunk_files(store)[-1]
    data = bytearray(f.read_bytes())
    data[len(data) // 2] ^= 0x01
    f.write_bytes(bytes(data))


def _delete_array(store):
    shutil.rmtree(store / "failure_mode")


def _delete_layout_marker(store):
    (store / ".twin" / "layout.done").unlink()


def _forge_manifest(store):
    m = store / ".twin" / "chunks" / "000001.json"
    doc = json.loads(m.read_text())
    doc["sha256"]["cell_asr"] = "0" * 64
    m.write_text(json.dumps(doc))


def _garble_manifest(store):
    (store / ".twin" / "chunks" / "000000.json").write_text("{not json")


DAMAGE = {f.__name__.lstrip("_"): f for f in (_delete_chunk_file, _flip_a_bit, _delete_array, _delete_layout_marker,
                                              _forge_manifest, _garble_manifest)}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_store_is_never_reported_or_exported_and_resume_recomputes_it(finished, tmp_path, damage):
    store = _copy_store(finished, tmp_path)
    DAMAGE[damage](store)
    r = twin("report", store, "-o", tmp_path / "rep")
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "damaged" in r.stderr or "not finished" in r.stderr, r.stderr
    out = tmp_path / "r.nc"
    r = twin("run", finished["path"], "-o", out, "--store", store, "--resume")
    assert r.returncode == 0, r.stderr
    assert_same_results(out, finished["reference"])
    if damage != "garble_manifest":  # a manifest that is not JSON is simply not a finished chunk
        assert "computed again" in r.stderr or "resumed" in r.stdout


def test_a_store_whose_study_file_is_not_json_is_a_located_exit_2(finished, tmp_path):
    store = _copy_store(finished, tmp_path)
    (store / ".twin" / "study.json").write_text("garbage")
    r = twin("run", finished["path"], "-o", tmp_path / "r.nc", "--store", store, "--resume")
    assert r.returncode == 2 and "study.json" in r.stderr and "internal error" not in r.stderr
    assert not (tmp_path / "r.nc").exists()


def test_two_runs_on_one_output_never_interleave(tmp_path):
    """The second run is refused while the first holds the output; the first's result is whole."""
    path = write_study(tmp_path, cells=40, replicates=30, sweep=False)
    out = tmp_path / "r.nc"
    first = twin_popen("run", path, "-o", out, "--backend", "serial", "--chunk-size", "1")
    try:
        wait_for(lambda: n_manifests(tmp_path / "r.zarr") >= 1 or first.poll() is not None, 120, "the first chunk")
        second = twin("run", path, "-o", out, "--resume", "--store", tmp_path / "r.zarr")
        assert second.returncode == 2 and "another twin run is writing this output" in second.stderr
        assert first.wait(timeout=300) == 0, first.stderr.read()
    finally:
        if first.poll() is None:
            first.kill()
    assert_same_results(out, reference_nc(path, tmp_path / "reference.nc"))


def test_kill_during_the_store_clean_up_then_resume_keeps_the_good_result(finished, tmp_path):
    """A run killed while removing its store leaves the store renamed out of the way (the removal's first,
    atomic step): the output is whole, and the next run cleans the leftovers and gives the same numbers."""
    out = tmp_path / "r.nc"
    shutil.copy(finished["reference"], out)
    trash = tmp_path / ".r.zarr.removing-deadbeef"
    shutil.copytree(finished["store"], trash)
    _chunk_files(trash)[0].unlink()  # half deleted
    r = twin("run", finished["path"], "-o", out, "--resume")
    assert r.returncode == 0, r.stderr
    assert not trash.exists() and "interrupted run left behind" in r.stderr
    assert_same_results(out, finished["reference"])


def test_stray_temporary_files_of_a_killed_export_are_removed_by_the_next_run(finished, tmp_path):
    out = tmp_path / "r.nc"
    stray = tmp_path / ".r.nc.abc123.tmp"
    stray.write_bytes(b"half an export")
    r = twin("run", finished["path"], "-o", out)
    assert r.returncode == 0 and not stray.exists()


def test_ctrl_c_during_the_export_keeps_the_earlier_result_and_leaves_no_temporary(finished, tmp_path):
    """Interrupting at any moment of a run never replaces the earlier good file with a partial one: the file is
    the earlier one, or (the interrupt came after the atomic rename) the whole new result."""
    path = write_study(tmp_path, cells=60, replicates=60, sweep=False)
    reference = reference_nc(path, tmp_path / "reference.nc")
    out = tmp_path / "r.nc"
    out.write_bytes(b"the earlier good result")
    for delay in (0.5, 1.0, 1.5, 2.0, 2.5, 3.0):
        p = twin_popen("run", path, "-o", out, "--backend", "serial")
        time.sleep(delay)
        p.send_signal(signal.SIGINT)
        try:
            p.communicate(timeout=60)
        finally:
            if p.poll() is None:
                p.kill()
        assert p.returncode in (0, 130, -signal.SIGINT)  # -SIGINT: interrupted before Python set up its handler
        assert not list(tmp_path.glob(".r.nc.*.tmp"))
        if out.read_bytes() != b"the earlier good result":
            assert_same_results(out, reference)
            break
        shutil.rmtree(tmp_path / "r.zarr", ignore_errors=True)


def test_an_output_where_nothing_can_be_written_is_a_located_exit_2(finished, tmp_path):
    """/proc refuses new files even to root."""
    r = twin("run", finished["path"], "-o", "/proc/self/r.nc")
    assert r.returncode == 2 and "internal error" not in r.stderr and "cannot write here" in r.stderr


def test_an_unwritable_output_folder_is_a_located_exit_2(finished, tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        if os.access(ro, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root): no read-only folder to test with")
        r = twin("run", finished["path"], "-o", ro / "r.nc")
        assert r.returncode == 2 and "internal error" not in r.stderr and str(ro) in r.stderr
    finally:
        ro.chmod(0o700)


def test_a_scenario_name_never_chooses_where_results_go(finished, tmp_path):
    text = finished["path"].read_text().replace("name: baseline-oxide-tape", "name: ../../escaped/evil")
    sc = tmp_path / "evil.yaml"
    sc.write_text(text)
    work = tmp_path / "work"
    work.mkdir()
    r = twin("run", sc, cwd=work)
    assert r.returncode == 0, r.stderr
    assert (work / "results" / "escaped_evil.nc").is_file()
    assert not (tmp_path / "escaped").exists()


def test_a_line_that_would_never_finish_stops_with_the_station_to_blame(tmp_path):
    sc = tmp_path / "storm.yaml"
    sc.write_text("""name: storm
cells: 20
materials: {electrolyte: Li6PS5Cl}
line:
  route: sulphide
  stations:
    - {name: press, step: separator, process_time: "1 year"}
    - {name: cathode, step: cathode, mtbf: "1 min", mttr: "1 s"}
    - {name: anode, step: anode}
    - {name: stack, step: stacking}
    - {name: test, step: eol_test}
""")
    t0 = time.monotonic()
    r = twin("run", sc, "-o", tmp_path / "s.nc")
    assert time.monotonic() - t0 < 30
    assert r.returncode == 2 and "station 'cathode'" in r.stderr and "did not finish" in r.stderr
    assert not (tmp_path / "s.nc").exists() and not (tmp_path / "s.zarr").exists()


def test_nothing_listening_at_a_cluster_address_fails_fast(finished, tmp_path):
    t0 = time.monotonic()
    r = twin("run", finished["path"], "-o", tmp_path / "r.nc", "--address", "127.0.0.1:1", timeout=60)
    assert r.returncode == 2 and "nothing answers" in r.stderr
    assert time.monotonic() - t0 < 20


def test_a_token_file_others_can_read_is_refused(finished, tmp_path):
    home = tmp_path / "home"
    (home / ".ray").mkdir(parents=True)
    token = home / ".ray" / "auth_token"
    token.write_text("secret")
    token.chmod(0o644)
    with socket.socket() as srv:  # something listens, so the address check passes and the token check runs
        srv.bind(("127.0.0.1", 0))
        srv.listen()
        env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
        env["HOME"] = str(home)
        r = twin("run", finished["path"], "-o", tmp_path / "r.nc", "--address", f"127.0.0.1:{srv.getsockname()[1]}",
                 env=env, timeout=60)
    assert r.returncode == 2 and "readable by others" in r.stderr and "chmod 600" in r.stderr


def test_a_report_on_an_unfinished_store_is_refused(tmp_path):
    path = write_study(tmp_path, cells=20, replicates=4)
    r = twin("run", path, "-o", tmp_path / "r.nc", "--no-export", "--chunk-size", "1")
    assert r.returncode == 0
    store = tmp_path / "r.zarr"
    for m in sorted((store / ".twin" / "chunks").glob("*.json"))[:3]:
        m.unlink()
    r = twin("report", store, "-o", tmp_path / "rep")
    assert r.returncode == 2 and "not finished" in r.stderr


def test_a_crafted_results_file_is_escaped_and_bounded(finished, tmp_path):
    ds = xr.open_dataset(finished["reference"]).load()
    ds.attrs["title"] = "<script>alert('x')</script>"
    ds.attrs["scenario_description"] = "<img src=x onerror=alert(1)>"
    crafted = tmp_path / "crafted.nc"
    ds.to_netcdf(crafted)
    r = twin("report", crafted, "-o", tmp_path / "rep")
    assert r.returncode == 0, r.stderr
    page = (tmp_path / "rep" / "index.html").read_text()
    assert "<script>alert" not in page and "<img src=x" not in page and "&lt;script&gt;" in page
    names = ("failure_mode", "passed", "cells_released", "good_cells", "scrapped", "utilisation", "yield")
    huge = tmp_path / "huge.nc"  # 10^7 cells of a crafted file: refused before anything is loaded
    xr.Dataset({v: (("point", "replicate", "cell"), np.zeros((100, 100, 1000), np.int8)) for v in names}).to_netcdf(huge)
    t0 = time.monotonic()
    r = twin("report", huge, "-o", tmp_path / "rep2")
    assert r.returncode == 2 and "too large for a report" in r.stderr and time.monotonic() - t0 < 30
