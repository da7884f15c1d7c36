"""Fuzzing the scenario boundary (issue 13): hostile values in every setting of the schema, and hostile sweeps.

Hypothesis mutates one setting of a small baseline scenario at a time, the path drawn from the schema itself
(every field of every section, a station's fields, a sweep entry), the value from a catalogue of hostile
inputs: wrong types, wrong dimensions, out of range, NaN, infinities, huge and negative numbers, empty and
very long strings, unicode, markup, reserved names, broken distributions. Each case runs `twin validate`
(and, for a share, `twin run`) in a worker process under a memory cap, with a time limit per case
(tests/fuzz/harness.py). Every case must end in exit 0 (it was valid) or exit 2 with the problem located in
the file, within the time limit: never a traceback, an "internal error", a hang or a memory blow-up.
"""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from pydantic import BaseModel

from twin.scenario import Scenario

ROOT = Path(__file__).resolve().parents[2]
BASE = yaml.safe_load((ROOT / "scenarios" / "baseline.yaml").read_text())
BASE.update(cells=30, replicates=1)
BASE["duty"].pop("cycling")  # the fuzzer is after input handling: a formation-only duty keeps each case short

HOSTILE = [
    None, "", "   ", 0, -1, -1e-30, 1e300, -1e300, 2**70, -(2**70), float("nan"), float("inf"), float("-inf"),
    "nan", "inf", "-inf um", "5 kg", "1e400 um", "10 parsec", "20 um um", "um", "1,5 mm", "0x1F", "1e-400 s",
    True, False, [], [1, 2], {}, {"dist": "normal"}, {"dist": "normal", "mean": "20 um", "sd": "-1 um"},
    {"dist": "uniform", "low": 5, "high": 1}, {"dist": "lognormal", "mean": 0, "sd": 1},
    {"dist": "triangular", "low": 1, "mode": 5, "high": 2}, {"dist": "truncnormal", "mean": 1, "sd": 1, "low": 2, "high": 3},
    {"dist": "fixed", "value": float("nan")}, {"dist": "gamma", "mean": 1}, {"dist": "normal", "mean": "1e30 s", "sd": "1 s"},
    "breakdown", "<script>alert(1)</script>", "../../etc/passwd", "µm☃ 🔋", "a" * 5000, "1 year", "1 ns", "1e-6 s",
    "-5 MPa", "1e12 MPa", "0 K", "-300 degC", "5000 degC",
]


def _leaves(model: type[BaseModel], prefix: tuple = ()) -> list[tuple]:
    """Every settable path of the schema (stations at index 0, sections recursed)."""
    out = []
    for name, field in model.model_fields.items():
        if name == "source_text":
            continue
        path = prefix + (name,)
        sub = _model_of(field.annotation)
        if name == "stations":
            out += [path + (0, f) for f in _model_of_station().model_fields]
        elif sub is not None and name != "sweep":
            out += _leaves(sub, path)
        else:
            out.append(path)
    return out


def _model_of(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for a in getattr(annotation, "__args__", ()) or ():
        m = _model_of(a)
        if m is not None:
            return m
    return None


def _model_of_station():
    from twin.scenario.line import Station

    return Station


PATHS = _leaves(Scenario)
SWEEPABLE = [".".join(map(str, p)).replace("stations.0", "stations.tape_casting") for p in PATHS]


def _set(data, path, value):
    node = data
    for key in path[:-1]:
        node = node.setdefault(key, {}) if isinstance(node, dict) else node[key]
    node[path[-1]] = value


def _case(path, value) -> str:
    data = copy.deepcopy(BASE)
    _set(data, path, value)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _sweep_case(sweep) -> str:
    data = copy.deepcopy(BASE)
    data["sweep"] = sweep
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture(scope="module")
def harness():
    p = subprocess.Popen([sys.executable, str(Path(__file__).with_name("harness.py"))], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, text=True, cwd=ROOT)

    def run(command: str, text: str) -> dict:
        p.stdin.write(json.dumps({"command": command, "text": text}) + "\n")
        p.stdin.flush()
        line = p.stdout.readline()
        assert line, "the harness died (memory cap or crash)"
        return json.loads(line)

    yield run
    p.stdin.close()
    p.wait(timeout=60)


def _announced_long(err: str) -> bool:
    """The run said up front that it needs more than half the harness's time limit (a long study, not a hang)."""
    m = re.search(r"~([0-9.]+) (s|min|h) of compute", err)
    return bool(m) and float(m.group(1)) * {"s": 1, "min": 60, "h": 3600}[m.group(2)] > 5.0


def _check(result: dict, text: str) -> None:
    shown = result["out"] + result["err"]
    if result["code"] == "timeout" and _announced_long(result["err"]):
        return
    assert result["code"] in (0, 2), (result, text[:2000])
    assert "Traceback" not in shown and "internal error" not in shown, (shown, text[:2000])
    if result["code"] == 2:
        assert "case.yaml" in result["err"], result["err"]


hostile = st.one_of(st.sampled_from(HOSTILE), st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(min_value=-(2**80), max_value=2**80), st.text(max_size=30))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(path=st.sampled_from(PATHS), value=hostile, run=st.integers(0, 3))
def test_a_hostile_value_in_any_setting_is_valid_or_a_located_exit_2(harness, path, value, run):
    text = _case(path, value)
    result = harness("validate", text)
    _check(result, text)
    if result["code"] == 0 and run == 0:  # a quarter of the valid cases also run, so valid-but-absurd values finish
        _check(harness("run", text), text)


sweep_values = st.lists(hostile, min_size=0, max_size=4)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(path=st.sampled_from(SWEEPABLE + ["replicates", "seed", "nonsense.path", "line.stations.nowhere.machines"]),
       values=sweep_values, design=st.sampled_from(["grid", "lhs", "sobol"]), samples=hostile)
def test_a_hostile_sweep_is_valid_or_a_located_exit_2(harness, path, values, design, samples):
    sweep = {"grid": {path: values}} if design == "grid" else {"design": design, "samples": samples, "ranges": {path: values}}
    text = _sweep_case(sweep)
    _check(harness("validate", text), text)


def _edges() -> list[tuple[tuple, float]]:
    """(path, value) at the edges of every bounded quantity of the schema: valid, but as extreme as allowed."""
    from twin.scenario.quantity import QSpec

    out = []
    for path in PATHS:
        model = Scenario
        for part in path[:-1]:
            if not isinstance(part, int):
                model = _model_of_station() if part == "stations" else _model_of(model.model_fields[part].annotation)
        spec = next((m for m in model.model_fields[path[-1]].metadata if isinstance(m, QSpec)), None)
        if spec is None:
            continue
        for v in (spec.ge, spec.le, None if spec.gt is None else spec.gt + max(abs(spec.gt) * 1e-6, 1e-12),
                  None if spec.lt is None else spec.lt - max(abs(spec.lt) * 1e-6, 1e-12)):
            if v is not None:
                out.append((path, float(v)))
    return out


EDGES = _edges()


@settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(edge=st.sampled_from(EDGES))
def test_a_value_at_the_edge_of_its_range_validates_and_runs_or_is_a_located_exit_2(harness, edge):
    """Valid but extreme settings (the bounds of every quantity): the study finishes or stops with a located
    problem within the time limit; the physics never fails on a value the schema accepts."""
    path, value = edge
    text = _case(path, value)
    _check(harness("validate", text), text)
    _check(harness("run", text), text)
