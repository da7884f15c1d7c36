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


def main() -> int:
    scripts = sorted(p for p in HERE.glob("bench_*.py"))
    for p in scripts:
        print(f"\n=== {p.name} ===", flush=True)
        t0 = time.perf_counter()
        argv = sys.argv
        try:
            sys.argv = [str(p)]
            runpy.run_path(str(p), run_name="__main__")
        finally:
            sys.argv = argv
        print(f"({p.name}: {time.perf_counter() - t0:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
