"""A long-lived worker that runs `twin` on hostile inputs, one per line of stdin, under a memory cap and a time limit.

Each input line is JSON ``{"command": "validate" | "run", "text": <scenario YAML>}``; each output line is
JSON ``{"code": exit code, "out": stdout, "err": stderr, "seconds": wall time}``. The case runs in this
process (no interpreter start-up per case) with an alarm of ``LIMIT`` seconds (code ``"timeout"``
when it fires) and an address-space cap of ``MEMORY`` bytes for the whole worker, so a case that would
hang or blow up memory is reported instead of taking the test run down.
"""

from __future__ import annotations

import contextlib
import io
import json
import resource
import signal
import sys
import tempfile
import time
from pathlib import Path

LIMIT = 10  # seconds per case
MEMORY = 3 * 2**30  # bytes for the whole worker


class _Timeout(BaseException):
    pass


def _alarm(signum, frame):
    raise _Timeout


def run_case(case: dict, workdir: Path) -> dict:
    from twin.cli import main

    path = workdir / "case.yaml"
    path.write_text(case["text"], encoding="utf-8")
    args = [case["command"], str(path)] + (["-o", str(workdir / "out.nc"), "--backend", "serial"] if case["command"] == "run" else [])
    out, err = io.StringIO(), io.StringIO()
    t0 = time.monotonic()
    signal.alarm(LIMIT)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exc:
                code = exc.code
    except _Timeout:
        code = "timeout"
    except MemoryError:
        code = "memory"
    finally:
        signal.alarm(0)
    for p in workdir.iterdir():  # a fresh folder for the next case
        if p.name != "case.yaml":
            import shutil

            shutil.rmtree(p, ignore_errors=True) if p.is_dir() else p.unlink()
    return {"code": code, "out": out.getvalue()[-4000:], "err": err.getvalue()[-4000:], "seconds": time.monotonic() - t0}


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    signal.signal(signal.SIGALRM, _alarm)
    import twin.cli  # noqa: F401  (import once, outside the per-case limit)

    with tempfile.TemporaryDirectory() as d:
        for line in sys.stdin:
            result = run_case(json.loads(line), Path(d))
            sys.stdout.write(json.dumps(result) + "\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
