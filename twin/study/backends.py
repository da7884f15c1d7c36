"""Backends that run chunks: in-process serial, local Ray, an existing Ray cluster.

Every backend is a context manager with ``name``, ``workers`` and
``map_unordered(scenario, chunks)``, which yields one
:class:`twin.store.ChunkData` per chunk in completion order. What runs a
chunk is always :func:`twin.runner.run_chunk`; the backend only decides
where and when, so results never depend on the backend.

Ray (``ray >= 2.59``):

- local Ray starts a private single-node Ray on this machine (``address="local"``,
  never joining another cluster), on loopback only, without the dashboard
  (unless asked for: ``dashboard=True``, on 127.0.0.1), with usage statistics off; Ray's token authentication stays as Ray sets it
  (on by default for new local clusters since 2.59: a token is generated in
  ``~/.ray/auth_token`` if there is none);
- a cluster is joined with ``address`` (``--address`` or ``RAY_ADDRESS``); if
  ``RAY_AUTH_MODE`` is not set and an auth token is available (``RAY_AUTH_TOKEN``,
  ``RAY_AUTH_TOKEN_PATH`` or ``~/.ray/auth_token``), token authentication is
  switched on for the connection (Ray does not do that by itself for an
  explicit address);
- the scenario is put in the object store once; each task gets its
  reference. Tasks are retried when their worker dies (``max_retries``);
  exceptions raised by the simulation are not retried (they would fail again)
  and stop the study, leaving the store resumable;
- at most ``max_in_flight`` tasks (default 2 per worker) are submitted at a
  time and collected with ``ray.wait`` in completion order, so memory stays
  bounded however many chunks the study has.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path
from typing import Iterator, Sequence

from ..errors import BackendError
from .plan import Chunk
from ..results.store import ChunkData

__all__ = ["SerialBackend", "RayBackend", "choose_backend", "make_backend", "SERIAL_MAX_SECONDS", "BackendError"]

#: studies estimated to take less than this on one core run in-process (Ray start-up is several seconds)
SERIAL_MAX_SECONDS = 20.0


def choose_backend(backend: str, workers: int | None, address: str | None, estimated_seconds: float) -> tuple[str, int]:
    """(kind, workers) for a study: ``kind`` is ``serial``, ``ray-local`` or ``ray-cluster``."""
    address = address or os.environ.get("RAY_ADDRESS") or None
    if backend not in ("auto", "serial", "ray"):
        raise ValueError(f"unknown backend {backend!r}; valid: auto, serial, ray")
    if workers is not None and workers < 1:
        raise ValueError("workers must be >= 1")
    if address:
        if backend == "serial":
            raise ValueError("--address joins a Ray cluster; it cannot be combined with the serial backend")
        return "ray-cluster", 0  # the cluster's CPUs, known once connected
    ncpu = os.cpu_count() or 1
    if backend == "serial":
        return "serial", 1
    if backend == "ray":
        return "ray-local", workers or ncpu
    if workers == 1:
        return "serial", 1
    if workers:
        return "ray-local", workers
    if ncpu == 1 or estimated_seconds < SERIAL_MAX_SECONDS:
        return "serial", 1
    return "ray-local", ncpu


def make_backend(kind: str, workers: int, address: str | None = None, **kw):
    if kind == "serial":
        return SerialBackend()
    if kind == "ray-local":
        return RayBackend(workers=workers, **kw)
    if kind == "ray-cluster":
        return RayBackend(address=address or os.environ.get("RAY_ADDRESS"), **kw)
    raise ValueError(f"unknown backend kind {kind!r}")


class SerialBackend:
    """Runs chunks one after the other in this process (no start-up cost)."""

    name = "serial"
    workers = 1

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map_unordered(self, scenario, chunks: Sequence[Chunk]) -> Iterator[ChunkData]:
        from . import runner

        for c in chunks:
            yield runner.run_chunk(scenario, c)


@contextlib.contextmanager
def _loopback_only():
    """Make a new local Ray node use 127.0.0.1 for every service (Ray's own switch, used on macOS/Windows)."""
    var = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"
    old = os.environ.get(var)
    os.environ[var] = "0"
    constants = None
    try:
        from ray._private import ray_constants as constants  # private, but the switch Ray itself reads

        old_const = constants.ENABLE_RAY_CLUSTER
        constants.ENABLE_RAY_CLUSTER = False
    except (ImportError, AttributeError):  # pragma: no cover - other Ray versions
        constants = None
    try:
        yield
    finally:
        if constants is not None:
            constants.ENABLE_RAY_CLUSTER = old_const
        if old is None:
            os.environ.pop(var, None)
        else:
            os.environ[var] = old


def _token_available() -> bool:
    if os.environ.get("RAY_AUTH_TOKEN"):
        return True
    p = os.environ.get("RAY_AUTH_TOKEN_PATH")
    if p:
        return Path(p).is_file()
    return (Path.home() / ".ray" / "auth_token").is_file()


def _enable_token_auth_if_available() -> None:
    """Turn token authentication on for joining a cluster when a token is at hand and the mode is not set.

    Ray enables it by itself only for a new local cluster or ``address="auto"``;
    for an explicit address it would connect without a token and be refused.
    """
    if "RAY_AUTH_MODE" in os.environ or not _token_available():
        return
    os.environ["RAY_AUTH_MODE"] = "token"
    with contextlib.suppress(Exception):  # refresh Ray's cached config if ray was imported before
        from ray._raylet import Config

        Config.initialize("")


def _remote_run_chunk(ray, max_retries: int):
    @ray.remote(max_retries=max_retries, retry_exceptions=False)
    def run_chunk(scenario, chunk):
        from twin.study.runner import run_chunk as _run

        return _run(scenario, chunk)

    return run_chunk


class RayBackend:
    """Runs chunks as Ray tasks, on a private local Ray (``workers``) or an existing cluster (``address``)."""

    def __init__(self, workers: int | None = None, address: str | None = None, *, max_retries: int = 3,
                 max_in_flight: int | None = None, temp_dir: str | None = None, dashboard: bool = False):
        self.address = address
        self.workers = workers or 0
        self.name = "ray-cluster" if address else "ray-local"
        self.max_retries = max_retries
        self._max_in_flight = max_in_flight
        self.temp_dir = temp_dir
        self.dashboard = dashboard
        self._ray = None
        self._pending: list = []

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self):
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if self.address:
            _enable_token_auth_if_available()
        import ray

        self._ray = ray
        common = dict(include_dashboard=self.dashboard, log_to_driver=False, logging_level=logging.WARNING,
                      namespace="ssb-twin")
        if self.dashboard:
            common["dashboard_host"] = "127.0.0.1"
        try:
            if self.address:
                common.pop("include_dashboard")
                common.pop("dashboard_host", None)
                # a cluster on this machine's loopback: connect from loopback too (Ray would
                # otherwise translate 127.0.0.1 into the machine's address)
                local = _loopback_only() if _is_loopback(self.address) else contextlib.nullcontext()
                with local:
                    ray.init(address=self.address, **common)
                self.workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
            else:
                self.workers = self.workers or (os.cpu_count() or 1)
                with _loopback_only():
                    ray.init(address="local", num_cpus=self.workers, _temp_dir=self.temp_dir, **common)
        except Exception as exc:  # ConnectionError, AuthenticationError, ...
            with contextlib.suppress(Exception):
                ray.shutdown()
            if self.address:
                hint = ("; is the address right, is the cluster up, and is its auth token available here "
                        "(~/.ray/auth_token, RAY_AUTH_TOKEN_PATH or RAY_AUTH_TOKEN)?")
                raise BackendError(f"cannot join the Ray cluster: {_first_line(exc)}{hint}", self.address) from exc
            raise BackendError(f"cannot start a local Ray instance: {type(exc).__name__}: {_first_line(exc)}", "ray") from exc
        self._warm_up()
        return self

    def _warm_up(self) -> None:
        """Start every worker and import the simulation there before the study starts.

        Workers import numpy, scipy, SimPy, xarray and the physics (about a
        second each) before their first chunk; doing it up front, one task per
        CPU, keeps that out of the chunks (the first chunks would otherwise all
        land on whichever worker is up first) and fails early, with a clear
        message, when the workers cannot import ssb-twin.
        """
        ray = self._ray

        @ray.remote(max_retries=self.max_retries)
        def warm_up():
            import time as _t

            import twin
            import twin.simulation.replicate  # noqa: F401  (the physics and the line)
            import twin.study.runner  # noqa: F401

            _t.sleep(0.05)  # hold the CPU a moment so the warm-up tasks spread over all workers
            return twin.__version__

        from .. import __version__

        try:
            versions = set(ray.get([warm_up.remote() for _ in range(self.workers)]))
        except Exception as exc:  # noqa: BLE001
            with contextlib.suppress(Exception):
                ray.shutdown()
            raise BackendError(
                "Ray workers cannot run the simulation: " + _first_line(exc)
                + " (every node needs ssb-twin installed, the same version as here)") from exc
        if versions != {__version__}:
            with contextlib.suppress(Exception):
                ray.shutdown()
            raise BackendError(f"Ray workers run ssb-twin {', '.join(sorted(versions))}, this machine {__version__}: "
                               "install the same version on every node")

    def __exit__(self, *exc):
        ray = self._ray
        if ray is None:
            return False
        for ref in self._pending:
            with contextlib.suppress(Exception):
                ray.cancel(ref, force=False)
        self._pending = []
        with contextlib.suppress(Exception):
            ray.shutdown()
        return False

    @property
    def max_in_flight(self) -> int:
        return self._max_in_flight or max(2, 2 * self.workers)

    # ------------------------------------------------------------------ running

    def map_unordered(self, scenario, chunks: Sequence[Chunk]) -> Iterator[ChunkData]:
        ray = self._ray
        task = _remote_run_chunk(ray, self.max_retries)
        sc_ref = ray.put(scenario)
        queue = list(chunks)
        queue.reverse()
        pending = self._pending
        try:
            while queue or pending:
                while queue and len(pending) < self.max_in_flight:
                    pending.append(task.remote(sc_ref, queue.pop()))
                ready, rest = ray.wait(pending, num_returns=1)
                pending[:] = rest
                for ref in ready:
                    data = ray.get(ref)
                    del ref
                    yield data
        finally:
            for ref in pending:
                with contextlib.suppress(Exception):
                    ray.cancel(ref, force=False)
            pending.clear()


def _is_loopback(address: str) -> bool:
    host = address.split("://")[-1].rsplit(":", 1)[0].strip("[]")
    return host in ("localhost", "::1") or host.startswith("127.")


def _first_line(exc: BaseException) -> str:
    s = str(exc).strip().splitlines()
    return s[0] if s else ""
