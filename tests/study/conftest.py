"""Fixtures for the runner tests: small real studies, a reference result, and a real Ray cluster.

The Ray cluster is started by a helper process (``ray_cluster.py``) so that
the test process itself never starts Ray: a head node plus a second node,
each a real raylet with its own workers, on 127.0.0.1 only, with token
authentication on and every piece of Ray state (``HOME``, ``RAY_TMPDIR``,
the token) under a private temporary directory. Teardown shuts down exactly
the processes the helper started.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
import xarray as xr

from tests.conftest import ROOT, SCENARIOS, shrink

SWEEP = """
sweep:
  grid:
    process.stacking.stack_pressure: ["4 MPa", "6 MPa"]
"""


def study_text(cells: int = 30, replicates: int = 6, sweep: bool = True) -> str:
    """The baseline scenario, smaller, with a 2-point sweep (so chunks span points and split replicates)."""
    text = shrink((SCENARIOS / "baseline.yaml").read_text(), cells=cells, replicates=replicates)
    return text + SWEEP if sweep else text


def write_study(tmp_path: Path, name: str = "study.yaml", **kw) -> Path:
    p = tmp_path / name
    p.write_text(study_text(**kw))
    return p


def load_nc(path) -> xr.Dataset:
    ds = xr.load_dataset(path)
    ds.attrs.pop("history", None)  # the only attribute that differs between runs
    return ds


def assert_same_results(a, b) -> None:
    """Bit-identical data, coordinates and attributes (except ``history``)."""
    xr.testing.assert_identical(load_nc(a) if not isinstance(a, xr.Dataset) else a,
                                load_nc(b) if not isinstance(b, xr.Dataset) else b)


def reference_nc(scenario_path: Path, out: Path) -> Path:
    """The study run in memory, serially, without store or backend, written like `twin run` writes."""
    from twin.results.dataset import write_netcdf_atomic
    from twin.study.work import simulate_study
    from twin.scenario import load_scenario

    return write_netcdf_atomic(simulate_study(load_scenario(scenario_path)), out)


def twin(*args, env=None, timeout=300, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "twin", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=timeout, cwd=kw.pop("cwd", None), **kw)


def twin_popen(*args, env=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "twin", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)


def n_manifests(store: Path) -> int:
    d = store / ".twin" / "chunks"
    return len(list(d.glob("[0-9]*.json"))) if d.is_dir() else 0


def wait_for(cond, timeout: float, what: str, interval: float = 0.02) -> None:
    t_end = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > t_end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(interval)


# --------------------------------------------------------------------------- processes and sockets (/proc)

def _children() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(d.name))
    return kids


def process_tree(root: int) -> list[int]:
    """``root`` and all its descendants."""
    kids = _children()
    out, todo = [], [root]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def listening_addresses(pids) -> set[str]:
    """Local addresses of the TCP sockets in LISTEN state owned by ``pids``."""
    inodes = set()
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                try:
                    link = os.readlink(fd)
                except OSError:
                    continue
                if link.startswith("socket:["):
                    inodes.add(link[8:-1])
        except OSError:
            continue
    out = set()
    for table, v6 in (("/proc/net/tcp", False), ("/proc/net/tcp6", True)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if f[3] != "0A" or f[9] not in inodes:  # 0A = LISTEN
                continue
            out.add(_decode_addr(f[1].split(":")[0], v6))
    return out


def _decode_addr(hexaddr: str, v6: bool) -> str:
    import ipaddress

    raw = bytes.fromhex(hexaddr)
    if not v6:
        return str(ipaddress.IPv4Address(raw[::-1]))
    words = [raw[i:i + 4][::-1] for i in range(0, 16, 4)]
    return str(ipaddress.IPv6Address(b"".join(words)))


def is_loopback(addr: str) -> bool:
    import ipaddress

    ip = ipaddress.ip_address(addr)
    if getattr(ip, "ipv4_mapped", None) is not None:
        ip = ip.ipv4_mapped
    return ip.is_loopback


# --------------------------------------------------------------------------- Ray

@pytest.fixture(scope="session")
def ray_env():
    """Environment for every Ray process of the tests: private HOME and RAY_TMPDIR, token auth, loopback."""
    base = Path(tempfile.mkdtemp(prefix="ssbt", dir="/tmp"))  # short: Ray's unix socket paths must stay < 108 chars
    home = base / "home"
    (home / ".ray").mkdir(parents=True)
    token = home / ".ray" / "auth_token"
    token.write_text(secrets.token_hex(32))
    token.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update({
        "HOME": str(home),
        "RAY_TMPDIR": str(base / "r"),
        "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0",  # Ray's own switch: every service on 127.0.0.1
        "RAY_USAGE_STATS_ENABLED": "0",
        "PYTHONPATH": os.pathsep.join([str(ROOT)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else [])),
    })
    (base / "r").mkdir()
    yield {"env": env, "base": base, "token": token}
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def ray_cluster(ray_env):
    """A real 2-node Ray cluster (1 CPU per node) on loopback with token authentication."""
    env = dict(ray_env["env"], RAY_AUTH_MODE="token")
    proc = subprocess.Popen([sys.executable, str(Path(__file__).with_name("ray_cluster.py")), "2", "1"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        address = proc.stdout.readline().strip()
        if not address:
            proc.kill()
            raise RuntimeError(f"the test Ray cluster did not start:\n{proc.stderr.read()[-3000:]}")
        yield {"address": address, "pid": proc.pid, "env": ray_env["env"]}
    finally:
        try:
            proc.stdin.close()  # the helper shuts the cluster down
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
