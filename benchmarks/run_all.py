"""Run every benchmark once with its default settings and print its report.

    make bench            # or: python benchmarks/run_all.py

Benchmarks report ratios against a baseline measured in the same run (the
machines are shared and noisy); they assert nothing.
"""

from __future__ import annotations

import runpy
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(path: Path) -> int:
    """Run one benchmark script as ``__main__``; its exit status (a script that ends in ``sys.exit`` does not end
    the whole run)."""
    argv = sys.argv
    try:
        sys.argv = [str(path)]
        runpy.run_path(str(path), run_name="__main__")
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.argv = argv
    return 0


def main() -> int:
    failed = []
    for p in sorted(HERE.glob("bench_*.py")):
        print(f"\n=== {p.name} ===", flush=True)
        t0 = time.perf_counter()
        if _run(p):
            failed.append(p.name)
        print(f"({p.name}: {time.perf_counter() - t0:.0f} s)", flush=True)
    if failed:
        print(f"benchmarks that reported a failure: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
