"""Hostile and careless scenario files: every one is a located problem, found quickly, never a hang or a crash."""

import os
import textwrap

import pytest

from twin.errors import ScenarioError
from twin.scenario import load_scenario, scenario_from_text
from twin.scenario.yamlsource import MAX_BYTES

LAUGHS = "name: t\na: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{c}: &{c} [{', '.join(['*' + p] * 10)}]\n" for p, c in zip("abcdefgh", "bcdefghi"))


def problems(text: str, file: str = "s.yaml"):
    with pytest.raises(ScenarioError) as ei:
        scenario_from_text(textwrap.dedent(text), file)
    return ei.value.problems


@pytest.mark.parametrize("text, fragment", [
    (LAUGHS, "expands to more than"),
    ("name: &a [*a]\n", "contains itself"),
    ("name: t\nx: " + "[" * 3000 + "]" * 3000 + "\n", "nested too deep"),
    ("name: t\nx: " + "[" * 50 + "]" * 50 + "\n", "nested more than"),
    ("name: !!python/object:os.system ls\n", "is not allowed"),
    ("name: !!binary aGVsbG8=\n", "is not allowed"),
    ("name: !custom x\n", "is not allowed"),
    ("name: t\nprocess: !!python/name:os.system\n", "is not allowed"),
])
def test_yaml_that_is_not_plain_data_is_refused(text, fragment):
    assert any(fragment in p.message for p in problems(text))


def test_an_unquoted_date_is_kept_as_text():
    assert scenario_from_text("name: 2026-11-30\n").name == "2026-11-30"


def test_only_regular_files_of_bounded_size_are_read(tmp_path):
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path, fragment in [(fifo, "not a regular file"), ("/dev/zero", "not a regular file"), (tmp_path, "is a directory")]:
        with pytest.raises(ScenarioError) as ei:
            load_scenario(path)
        assert fragment in ei.value.format()
    big = tmp_path / "big.yaml"
    big.write_text("name: t\n" + "# padding\n" * (MAX_BYTES // 10 + 1))
    with pytest.raises(ScenarioError, match="at most"):
        load_scenario(big)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"name: \xff\xfe\n")
    with pytest.raises(ScenarioError, match="not UTF-8"):
        load_scenario(binary)


@pytest.mark.parametrize("station, fragment", [
    ('{name: breakdown, step: casting}', "reserved"),
    ('{name: "<img src=x onerror=alert(1)>", step: casting}', "not a valid name"),
    ('{name: "has space", step: casting}', "not a valid name"),
    ('{name: "../../etc", step: casting}', "not a valid name"),
])
def test_station_names_are_safe(station, fragment):
    ps = problems(f"name: t\nline:\n  stations:\n    - {station}\n")
    assert any(fragment in p.message and p.line == 4 for p in ps)


@pytest.mark.parametrize("setting, fragment", [
    ("line:\n  stations:\n    - {name: a, step: casting, process_time: 1e30}", "out of range"),
    ("line:\n  stations:\n    - {name: a, step: casting, mtbf: 1e-6}", "out of range"),
    ("line:\n  stations:\n    - {name: a, step: casting, downtime_every: 1e-6}", "out of range"),
    ("seed: 1000000000000000000000000", "less than or equal"),
    ("process:\n  sintering:\n    ramp_rate: 1e-30", "out of range"),
])
def test_values_that_would_never_finish_are_out_of_range(setting, fragment):
    assert any(fragment in p.message for p in problems(f"name: t\n{setting}\n"))


def test_rework_under_breakdowns_faster_than_the_job_is_refused():
    text = """
        name: t
        line:
          route: sulphide
          stations:
            - {name: press, step: separator, process_time: "2 h", mtbf: "5 min", on_failure: rework}
            - {name: cathode, step: cathode}
            - {name: anode, step: anode}
            - {name: stack, step: stacking}
            - {name: test, step: eol_test}
    """
    assert any("restarts" in p.message and "press" in p.message for p in problems(text))


@pytest.mark.parametrize("sweep, fragment, line", [
    ('grid:\n    replicates: [1, 2]', "cannot be swept", 7),
    ('grid:\n    seed: [1, 2]', "cannot be swept", 7),
    ('grid:\n    gates.inspection.max_rework: [1, 100]', "out of range", 7),
    ('grid:\n    line.stations.inspection.machines: [1, 10000000]', "out of range", 7),
    ('grid:\n    process.anode.foil_thickness: ["1 um", "20 um"]', "mean - 5 sd", 7),
    ('grid: {}', "lists no setting", 6),
    ('design: lhs\n  samples: 8\n  ranges:\n    process.anode.foil_thickness: ["2 um", "30 um"]', "mean - 5 sd", 9),
    ('grid:\n    line.stations.tape_casting.downtime_every: [null]', "not null", 7),  # found by the fuzzer
])
def test_every_sweep_point_is_checked_like_the_scenario(sweep, fragment, line):
    text = ("name: t\nprocess:\n  anode:\n    foil_thickness: {dist: normal, mean: \"20 um\", sd: \"1 um\"}\n"
            f"sweep:\n  {sweep}\n")
    ps = problems(text)
    assert any(fragment in p.message and p.line == line for p in ps), [(p.line, p.message) for p in ps]
    assert all(p.path[0] == "sweep" for p in ps)
