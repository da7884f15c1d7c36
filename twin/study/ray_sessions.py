"""Stop what a killed twin left running: the processes of its private local Ray.

A local Ray started by :class:`twin.study.ray_backend.RayBackend` is a tree of
processes under the driver (GCS, raylet, monitors, and the agents the raylet
starts). When the driver is killed outright (SIGKILL, an OOM kill, a lost
terminal), Ray stops most of them, but its dashboard and runtime-env agents
outlive it. So the backend records its session, after the workers are up,
as the ids and start times of every process under the driver
(:func:`record_session`); the next local Ray a twin starts reaps the
sessions whose driver is gone (:func:`reap_orphans`), signalling only the
recorded processes whose start time still matches (a recycled process id is
never touched). A clean exit removes its own record. Linux only (``/proc``).
"""

from __future__ import annotations

import json
import os
import signal
import tempfile
import time
from pathlib import Path

__all__ = ["sessions_dir", "record_session", "forget_session", "reap_orphans", "descendants"]


def sessions_dir() -> Path:
    """Per-user folder of session records (under the temporary folder, honouring ``TMPDIR``)."""
    return Path(tempfile.gettempdir()) / f"ssb-twin-{os.getuid()}" / "ray-sessions"


def _start_time(pid: int) -> int | None:
    """Start time of ``pid`` in clock ticks since boot (field 22 of /proc/PID/stat), None if it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[19])


def descendants(root: int) -> list[int]:
    """Every process under ``root`` (children, grandchildren, ...)."""
    children: dict[int, list[int]] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                ppid = int((d / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(d.name))
    out, todo = [], [root]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def record_session(driver: int | None = None) -> Path | None:
    """Write the process ids and start times under ``driver`` (this process by default); returns the record."""
    driver = driver or os.getpid()
    procs = {pid: t for pid in descendants(driver) if (t := _start_time(pid)) is not None}
    if not procs:
        return None
    folder = sessions_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{driver}.json"
    path.write_text(json.dumps({"driver": driver, "driver_start": _start_time(driver), "processes": procs}))
    return path


def forget_session(driver: int | None = None) -> None:
    (sessions_dir() / f"{driver or os.getpid()}.json").unlink(missing_ok=True)


def reap_orphans(grace: float = 3.0) -> list[int]:
    """Stop the recorded processes of sessions whose driver is gone; returns the ids signalled."""
    folder = sessions_dir()
    stopped: list[int] = []
    for rec in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            doc = json.loads(rec.read_text())
            alive = _start_time(int(doc["driver"])) == doc["driver_start"]
            procs = {int(p): t for p, t in doc["processes"].items()}
        except (OSError, ValueError, KeyError, TypeError):
            rec.unlink(missing_ok=True)
            continue
        if alive:
            continue
        stopped += _stop([p for p, t in procs.items() if _start_time(p) == t], grace)
        rec.unlink(missing_ok=True)
    return stopped


def _stop(pids: list[int], grace: float) -> list[int]:
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for p in pids:
            try:
                os.kill(p, sig)
            except ProcessLookupError:
                pass
        t_end = time.monotonic() + grace
        while time.monotonic() < t_end and any(_start_time(p) is not None for p in pids):
            time.sleep(0.05)
    return pids
