"""`twin run` with the in-process backend: store beside the output, resume, Ctrl-C, progress, bad options."""

import io
import signal
import time

import pytest
from rich.console import Console

from twin.cli import main
from twin.study.progress import StudyProgress

from .conftest import assert_same_results, n_manifests, reference_nc, twin_popen, wait_for, write_study


class _Result:
    def __init__(self, code, out, err):
        self.returncode, self.stdout, self.stderr = code, out, err


@pytest.fixture
def twin(capsys):
    """The real `twin` command, in this process (no interpreter start-up per call)."""

    def run(*args):
        capsys.readouterr()
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        out, err = capsys.readouterr()
        return _Result(code, out, err)

    return run


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    d = tmp_path_factory.mktemp("cli")
    path = write_study(d, cells=30, replicates=6)
    return {"path": path, "reference": reference_nc(path, d / "reference.nc")}


def test_run_streams_into_a_store_beside_the_output_and_exports(study, tmp_path, twin):
    out = tmp_path / "r.nc"
    r = twin("run", study["path"], "-o", out, "--chunk-size", "4")
    assert r.returncode == 0, r.stderr
    assert "serial" in r.stdout and f"results written to {out}" in r.stdout
    assert_same_results(out, study["reference"])
    assert not (tmp_path / "r.zarr").exists()  # working store removed after a successful export
    assert "━" not in r.stderr  # no progress bar when stderr is not a terminal


def test_keep_store_and_resume_of_a_finished_study(study, tmp_path, twin):
    out = tmp_path / "r.nc"
    r = twin("run", study["path"], "-o", out, "--keep-store")
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "r.zarr" / ".twin" / "study.json").is_file()
    # the store exists: a plain run refuses to overwrite it
    r = twin("run", study["path"], "-o", out)
    assert r.returncode == 2 and "--resume" in r.stderr and "Traceback" not in r.stderr
    # resuming a finished study only exports it again
    out.unlink()
    r = twin("run", study["path"], "-o", out, "--resume")
    assert r.returncode == 0, r.stderr
    assert "resumed from the store" in r.stdout
    assert_same_results(out, study["reference"])


def test_no_export_keeps_only_the_store(study, tmp_path, twin):
    store = tmp_path / "only.zarr"
    r = twin("run", study["path"], "-o", tmp_path / "r.nc", "--store", store, "--no-export")
    assert r.returncode == 0, r.stderr
    assert not (tmp_path / "r.nc").exists() and n_manifests(store) >= 1
    assert f"results written to {store}" in r.stdout


@pytest.mark.parametrize("args, fragment", [
    (["--workers", "0"], "whole number >= 1"),
    (["--chunk-size", "x"], "whole number"),
    (["--backend", "serial", "--address", "127.0.0.1:1"], "cannot be combined"),
])
def test_bad_run_options_exit_2(study, tmp_path, args, fragment, twin):
    r = twin("run", study["path"], "-o", tmp_path / "r.nc", *args)
    assert r.returncode == 2 and fragment in r.stderr and "Traceback" not in r.stderr


def test_resume_refuses_a_store_of_another_scenario(study, tmp_path, twin):
    out = tmp_path / "r.nc"
    assert twin("run", study["path"], "-o", out, "--keep-store").returncode == 0
    other = write_study(tmp_path, "other.yaml", cells=30, replicates=5)
    r = twin("run", other, "-o", out, "--resume")
    assert r.returncode == 2 and "different scenario" in r.stderr


def test_ctrl_c_leaves_a_resumable_store(tmp_path, twin):
    """SIGINT in the middle of a study: exit 130, the finished chunks are kept, --resume completes it."""
    path = write_study(tmp_path, cells=40, replicates=30, sweep=False)
    out, store = tmp_path / "r.nc", tmp_path / "r.zarr"
    p = twin_popen("run", path, "-o", out, "--backend", "serial", "--chunk-size", "1")
    try:
        wait_for(lambda: n_manifests(store) >= 3 or p.poll() is not None, 120, "three stored chunks")
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=60)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130, err
    assert "interrupted" in err and "--resume" in err and "Traceback" not in err
    k = n_manifests(store)
    assert 3 <= k < 30 and not out.exists()
    r = twin("run", path, "-o", out, "--resume")
    assert r.returncode == 0, r.stderr
    assert f"{k} of 30 chunks resumed" in r.stdout
    assert_same_results(out, reference_nc(path, tmp_path / "reference.nc"))


def test_progress_shows_chunks_rate_and_eta_on_a_terminal():
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=120)
    with StudyProgress(10, 1000, done_chunks=2, done_cells=200, console=console) as bar:
        for _ in range(8):
            time.sleep(0.01)
            bar.advance(100)
    text = buf.getvalue()
    assert "10/10" in text and "chunks" in text and "cells/s" in text and "ETA" in text


def test_progress_is_silent_when_not_a_terminal():
    buf = io.StringIO()
    with StudyProgress(3, 30, console=Console(file=buf, force_terminal=False)) as bar:
        bar.advance(10)
    assert buf.getvalue() == ""
