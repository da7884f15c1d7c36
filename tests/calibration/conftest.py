"""Helpers of the calibration tests: configs, line data made by the twin itself, a private Ray environment."""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import ROOT, SCENARIOS

CONFIGS = ROOT / "calibrations"


def write(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def twin_line_data(path: Path, cells: int, values: dict, seed: int = 99) -> Path:
    """Line data made by the twin itself: scenarios/lab_cell.yaml with ``cells`` cells, run with the hidden
    parameter ``values`` ((registry, set, field) -> value), written as a line-data CSV."""
    from process_models.overrides import overridden
    from twin.scenario import load_scenario
    from twin.simulation.replicate import simulate_replicate

    sc = load_scenario(SCENARIOS / "lab_cell.yaml").model_copy(update={"cells": cells, "seed": seed})
    with overridden(values):
        c = simulate_replicate(sc, 0, 0).cells
    pd.DataFrame({"cell": [f"c{i:04d}" for i in range(cells)], "cathode_interface_asr": c["cathode_interface_asr"],
                  "passed": c["passed"]}).to_csv(path, index=False)
    return path


def abc_config(data: Path, *, particles=100, generations=5, quantile=0.5, seed=5, workers=None) -> str:
    """An ABC-SMC config fitting the cold-pressed cathode interface's asr_ref to line data of lab cells."""
    return f"""name: identifiability
seed: {seed}
method: abc-smc
parameters:
  - parameter: CATHODE_INTERFACES.cold_pressed.asr_ref     # prior lognormal(20 ohm cm2, sigma 0.707)
data:
  - path: {data}
    observation: line
    scenario: {SCENARIOS / 'lab_cell.yaml'}
    variable: cathode_interface_asr
abc_smc: {{particles: {particles}, generations: {generations}, quantile: {quantile}}}
""" + (f"workers: {workers}\n" if workers else "")


@pytest.fixture(scope="session")
def ray_env():
    """Environment for a `twin` subprocess that starts a local Ray: private HOME (own token) and RAY_TMPDIR,
    every service on 127.0.0.1, usage statistics off (as tests/study/conftest.py)."""
    base = Path(tempfile.mkdtemp(prefix="ssbc", dir="/tmp"))  # short: Ray's socket paths must stay < 108 chars
    home = base / "home"
    (home / ".ray").mkdir(parents=True)
    token = home / ".ray" / "auth_token"
    token.write_text(secrets.token_hex(32))
    token.chmod(0o600)
    (base / "r").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("RAY_")}
    env.update({"HOME": str(home), "RAY_TMPDIR": str(base / "r"), "RAY_AUTH_TOKEN_PATH": str(token),
                "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0", "RAY_USAGE_STATS_ENABLED": "0", "TMPDIR": str(base),
                "PYTHONPATH": os.pathsep.join([str(ROOT)] + ([os.environ["PYTHONPATH"]] if os.environ.get("PYTHONPATH") else []))})
    yield env
    shutil.rmtree(base, ignore_errors=True)
