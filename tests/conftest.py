import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"


def run_twin(*args, cwd=None, timeout=600):
    """Run the real `twin` command (as `python -m twin`) and capture its output."""
    return subprocess.run([sys.executable, "-m", "twin", *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=timeout)


def shrink(text: str, cells: int, replicates: int) -> str:
    """A shipped scenario with fewer cells/replicates (same settings otherwise)."""
    text = re.sub(r"(?m)^cells: \d+", f"cells: {cells}", text)
    return re.sub(r"(?m)^replicates: \d+", f"replicates: {replicates}", text)


@pytest.fixture
def small_baseline(tmp_path) -> Path:
    p = tmp_path / "baseline_small.yaml"
    p.write_text(shrink((SCENARIOS / "baseline.yaml").read_text(), cells=80, replicates=2))
    return p
