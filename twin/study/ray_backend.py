"""Ray backends: a private local Ray on this machine, or an existing Ray cluster (``ray >= 2.59``).

The only module of ssb-twin that imports Ray.

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
import socket
from pathlib import Path
from typing import Iterator, Sequence

import ray

from .._version import __version__
from ..errors import BackendError
from ..results.blocks import Chunk, ChunkData
from .ray_sessions import forget_session, reap_orphans, record_session

__all__ = ["RayBackend"]


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


def _token_file() -> Path:
    """Where Ray looks for the auth token file (``RAY_AUTH_TOKEN_PATH`` or ``~/.ray/auth_token``)."""
    p = os.environ.get("RAY_AUTH_TOKEN_PATH")
    return Path(p) if p else Path.home() / ".ray" / "auth_token"


def _token_available() -> bool:
    return bool(os.environ.get("RAY_AUTH_TOKEN")) or _token_file().is_file()


def _check_token_private() -> None:
    """Refuse a token file others can read: it is the cluster's shared secret (Ray asks for mode 600)."""
    f = _token_file()
    if os.environ.get("RAY_AUTH_TOKEN") or not f.is_file():
        return
    mode = f.stat().st_mode & 0o777
    if mode & 0o077:
        raise BackendError(f"the Ray auth token file is readable by others (mode {mode:o}); it is the cluster's "
                           f"shared secret: chmod 600 {f}", f)


def _tighten_local_token() -> bool:
    """A token file Ray generated for our private local Ray, readable by others: make it 600 (True if changed)."""
    f = _token_file()
    if f.is_file() and f.stat().st_mode & 0o077:
        f.chmod(0o600)
        return True
    return False


def _probe(address: str, timeout: float = 5.0) -> None:
    """Fail fast when nothing listens at a cluster address (Ray itself retries for minutes)."""
    if address in ("auto", "local") or "://" in address:
        return
    host, _, port = address.rpartition(":")
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout):
            return
    except ValueError:
        raise BackendError("not a host:port address", address) from None
    except OSError as exc:
        raise BackendError(f"nothing answers at this address ({exc.strerror or exc}); is the cluster up?", address) from None


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
    # SPREAD: chunks go to every node of a cluster instead of being packed onto the driver's node (Ray's default
    # hybrid policy reuses one leased worker for short tasks while it keeps up)
    @ray.remote(max_retries=max_retries, retry_exceptions=False, scheduling_strategy="SPREAD")
    def run_chunk(scenario, chunk):
        from twin.study.work import run_chunk as _run

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
        self.tightened_token = False  # a local Ray's generated token file was made private (mode 600)
        self.reaped: list[int] = []  # processes of killed twins' local Rays stopped before this one started

    # ------------------------------------------------------------------ lifecycle

    def __enter__(self):
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if self.address:
            _probe(self.address)
            _check_token_private()
            _enable_token_auth_if_available()
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
                self.reaped = reap_orphans()  # what killed twins' local Rays left running
                with _loopback_only():
                    ray.init(address="local", num_cpus=self.workers, _temp_dir=self.temp_dir, **common)
                self.tightened_token = _tighten_local_token()
        except Exception as exc:  # ConnectionError, AuthenticationError, ...
            with contextlib.suppress(Exception):
                ray.shutdown()
            if self.address:
                hint = ("; is the address right, is the cluster up, and is its auth token available here "
                        "(~/.ray/auth_token, RAY_AUTH_TOKEN_PATH or RAY_AUTH_TOKEN)?")
                raise BackendError(f"cannot join the Ray cluster: {_first_line(exc)}{hint}", self.address) from exc
            raise BackendError(f"cannot start a local Ray instance: {type(exc).__name__}: {_first_line(exc)}", "ray") from exc
        self._warm_up()
        if not self.address:
            record_session()  # so that a twin killed outright has its local Ray stopped by the next one
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

        @ray.remote(max_retries=self.max_retries, scheduling_strategy="SPREAD")
        def warm_up():
            import time as _t

            import twin.study.work  # noqa: F401  (the physics, the line, the results)
            from twin._version import __version__ as version

            _t.sleep(0.05)  # hold the CPU a moment so the warm-up tasks spread over all workers
            return version

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
        if not self.address:
            forget_session()
        return False

    @property
    def ray(self):
        """The Ray module this backend started or joined (None outside the ``with`` block): for other ordered
        maps over the same workers (:mod:`twin.calibration.parallel`), so Ray stays imported here only."""
        return self._ray

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
