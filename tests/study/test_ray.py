"""Ray backends with real parts: a 2-node cluster on loopback with token auth, local Ray, a killed worker, Ctrl-C.

Every study here runs through the real `twin run` command in a subprocess
(its own Ray driver) and must give bit-identical results to the in-memory
serial run of the same scenario.
"""

import json
import os
import signal
import time
from pathlib import Path

import pytest

from .conftest import (assert_same_results, cmdline, is_loopback, listening_addresses, n_manifests, process_tree,
                       reference_nc, twin, twin_popen, wait_for, write_study)

pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """2 sweep points x 6 replicates x 30 cells."""
    d = tmp_path_factory.mktemp("ray_small")
    path = write_study(d, cells=30, replicates=6)
    return {"path": path, "reference": reference_nc(path, d / "reference.nc")}


@pytest.fixture(scope="module")
def longer(tmp_path_factory):
    """A study long enough to be interrupted or to lose a worker in the middle: 24 chunks of ~0.1 s."""
    d = tmp_path_factory.mktemp("ray_longer")
    path = write_study(d, cells=150, replicates=48, sweep=False)
    return {"path": path, "reference": reference_nc(path, d / "reference.nc")}


def _workers(store):
    d = store / ".twin" / "chunks"
    return {json.loads(p.read_text())["worker"] for p in d.glob("[0-9]*.json")}


def test_test_cluster_is_multi_node_on_loopback_only(ray_cluster):
    tree = process_tree(ray_cluster["pid"])
    raylets = [p for p in tree if "raylet" in cmdline(p).split(" ")[0]]
    assert len(raylets) == 2, "a head node and a second node, each with its own raylet"
    addrs = listening_addresses(tree)
    assert addrs and all(is_loopback(a) for a in addrs), addrs


def test_study_on_a_cluster_equals_the_serial_run(ray_cluster, longer, tmp_path):
    """`twin run --address` against a real 2-node cluster; the token is found in ~/.ray/auth_token.

    The chunks carry ~0.1 s of work each (the design's minimum for a Ray task): with much shorter tasks
    Ray may reuse one leased worker for every task, and the study would not show that it spreads."""
    out = tmp_path / "r.nc"
    r = twin("run", longer["path"], "-o", out, "--address", ray_cluster["address"], "--chunk-size", "2", "--keep-store",
             env=ray_cluster["env"])
    assert r.returncode == 0, r.stderr[-3000:]
    assert "ray-cluster, 2 worker(s)" in r.stdout
    assert_same_results(out, longer["reference"])
    assert len(_workers(tmp_path / "r.zarr")) >= 2  # chunks ran in more than one worker process


def test_cluster_refuses_a_client_without_the_token(ray_cluster, small, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    env = dict(ray_cluster["env"], HOME=str(home), RAY_NUM_REDIS_GET_RETRIES="2")
    r = twin("run", small["path"], "-o", tmp_path / "r.nc", "--address", ray_cluster["address"], env=env, timeout=120)
    assert r.returncode == 2, r.stderr[-3000:]
    assert "cannot join the Ray cluster" in r.stderr and "auth token" in r.stderr
    assert not (tmp_path / "r.nc").exists()


def test_local_ray_with_1_or_2_workers_gives_the_same_numbers_on_loopback_only(ray_env, small, tmp_path):
    """Two private local Ray instances (1 and 2 workers) run side by side; every socket they listen on is loopback."""
    runs = {}
    for workers in (1, 2):
        out = tmp_path / f"r{workers}.nc"
        runs[workers] = (out, twin_popen("run", small["path"], "-o", out, "--backend", "ray", "--workers", workers,
                                         "--chunk-size", "3", env=ray_env["env"]))
    seen = set()
    while any(p.poll() is None for _, p in runs.values()):  # sockets of the drivers and the Ray they started
        for _, p in runs.values():
            seen |= listening_addresses(process_tree(p.pid))
        time.sleep(0.2)
    for workers, (out, p) in runs.items():
        stdout, stderr = p.communicate()
        assert p.returncode == 0, stderr[-3000:]
        assert f"ray-local, {workers} worker(s)" in stdout
        assert_same_results(out, small["reference"])
    assert seen and all(is_loopback(a) for a in seen), seen


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def test_a_driver_killed_outright_has_its_local_ray_stopped_by_the_next_twin(ray_env, longer, tmp_path):
    """SIGKILL of `twin run` leaves Ray's dashboard and runtime-env agents running; the next twin that starts a
    local Ray stops every process the killed one recorded (and nothing else)."""
    env = dict(ray_env["env"], TMPDIR=str(tmp_path))
    store = tmp_path / "r.zarr"
    p = twin_popen("run", longer["path"], "-o", tmp_path / "r.nc", "--backend", "ray", "--workers", "2",
                   "--chunk-size", "1", env=env)
    try:
        wait_for(lambda: n_manifests(store) >= 2 or p.poll() is not None, 180, "two stored chunks")
        tree = [q for q in process_tree(p.pid) if q != p.pid]
        assert (tmp_path / f"ssb-twin-{os.getuid()}" / "ray-sessions" / f"{p.pid}.json").is_file()
        p.kill()
        p.wait(timeout=30)
    finally:
        if p.poll() is None:
            p.kill()
    time.sleep(3)
    r = twin("run", longer["path"], "-o", tmp_path / "again.nc", "--backend", "ray", "--workers", "1",
             "--chunk-size", "24", env=env)
    assert r.returncode == 0, r.stderr[-3000:]
    left = [q for q in tree if _alive(q)]
    assert not left, [cmdline(q) for q in left]


def test_a_killed_worker_is_retried_and_the_results_are_identical(ray_cluster, longer, tmp_path):
    out, store = tmp_path / "r.nc", tmp_path / "r.zarr"
    p = twin_popen("run", longer["path"], "-o", out, "--address", ray_cluster["address"], "--chunk-size", "2",
                   "--keep-store", env=ray_cluster["env"])
    killed = None
    try:
        wait_for(lambda: n_manifests(store) >= 2 or p.poll() is not None, 120, "two stored chunks")
        t_end = time.monotonic() + 30
        while killed is None and p.poll() is None and time.monotonic() < t_end:
            busy = [q for q in process_tree(ray_cluster["pid"]) if cmdline(q).startswith("ray::run_chunk")]
            if busy:
                os.kill(busy[0], signal.SIGKILL)  # a worker dies in the middle of a chunk
                killed = busy[0]
            time.sleep(0.005)
        stdout, stderr = p.communicate(timeout=300)
    finally:
        if p.poll() is None:
            p.kill()
    assert killed is not None, "no worker was busy with a chunk"
    assert p.returncode == 0, stderr[-3000:]
    assert n_manifests(store) == 24
    assert not os.path.exists(f"/proc/{killed}")
    assert_same_results(out, longer["reference"])


def test_interrupted_cluster_study_resumes_to_identical_results(ray_cluster, longer, tmp_path):
    out, store = tmp_path / "r.nc", tmp_path / "r.zarr"
    args = ("run", longer["path"], "-o", out, "--address", ray_cluster["address"], "--chunk-size", "2")
    p = twin_popen(*args, env=ray_cluster["env"])
    try:
        wait_for(lambda: n_manifests(store) >= 3 or p.poll() is not None, 120, "three stored chunks")
        p.send_signal(signal.SIGINT)
        _, stderr = p.communicate(timeout=120)
    finally:
        if p.poll() is None:
            p.kill()
    assert p.returncode == 130, stderr[-3000:]
    assert "--resume" in stderr and "Traceback" not in stderr
    k = n_manifests(store)
    assert 3 <= k < 24 and not out.exists()
    before = {f.name: f.read_text() for f in (store / ".twin" / "chunks").glob("[0-9]*.json")}
    r = twin(*args, "--resume", "--keep-store", env=ray_cluster["env"])
    assert r.returncode == 0, r.stderr[-3000:]
    assert f"{k} of 24 chunks resumed" in r.stdout
    after = {f.name: f.read_text() for f in (store / ".twin" / "chunks").glob("[0-9]*.json")}
    assert len(after) == 24 and all(after[n] == t for n, t in before.items())  # stored chunks were not redone
    assert_same_results(out, longer["reference"])
