"""Scenario loading: SI conversion, defaults, and every bad-input case located by YAML line."""

import textwrap

import pytest

from twin.scenario.distributions import Distribution
from twin.errors import ScenarioError
from twin.scenario import load_scenario, scenario_from_text


def problems(text: str):
    with pytest.raises(ScenarioError) as ei:
        scenario_from_text(textwrap.dedent(text), "s.yaml")
    return ei.value.problems


def test_quantities_become_si_floats_and_distributions():
    sc = scenario_from_text(textwrap.dedent("""
        name: t
        process:
          sintering:
            dwell_temperature: {dist: normal, mean: "1130 degC", sd: "5 degC"}
            dwell_time: "20 min"
          stacking:
            stack_pressure: "5 MPa"
    """))
    d = sc.process.sintering.dwell_temperature
    assert isinstance(d, Distribution) and d.p("mean") == pytest.approx(1403.15) and d.p("sd") == pytest.approx(5.0)
    assert sc.process.sintering.dwell_time == 1200.0
    assert sc.process.stacking.stack_pressure == 5e6


def test_scenario_is_immutable():
    sc = scenario_from_text("name: t\n")
    with pytest.raises(Exception):
        sc.cells = 5  # type: ignore[misc]


def test_default_route_template_is_valid():
    sc = scenario_from_text("name: t\n")
    assert [s.step for s in sc.line.stations][-1] == "eol_test"
    assert any(s.kind == "furnace" for s in sc.line.stations)


def test_unknown_key_located_with_valid_keys():
    (p,) = problems("""
        name: t
        process:
          sintering:
            dwel_time: "20 min"
    """)
    assert p.line == 5 and p.path == ("process", "sintering", "dwel_time")
    assert "unknown key 'dwel_time'" in p.message and "dwell_time" in p.message


def test_wrong_dimension_located():
    (p,) = problems("""
        name: t
        process:
          stacking:
            stack_pressure: "5 kg"
    """)
    assert p.line == 5 and "expected pressure" in p.message


def test_negative_thickness_located():
    (p,) = problems("""
        name: t
        process:
          anode:
            foil_thickness: "-20 um"
    """)
    assert p.line == 5 and "must be > 0" in p.message


def test_unknown_distribution_located():
    (p,) = problems("""
        name: t
        process:
          tape_casting:
            blade_gap: {dist: weibull, mean: "60 um"}
    """)
    assert p.line == 5 and "unknown distribution 'weibull'" in p.message and "truncnormal" in p.message


def test_every_problem_reported_at_once():
    ps = problems("""
        name: t
        cellz: 3
        process:
          stacking:
            stack_pressure: "5 kg"
          anode:
            foil_thickness: "-20 um"
        materials:
          electrolyte: LLZO-typo
    """)
    assert [p.line for p in ps] == [3, 6, 8, 10]
    assert "valid: Al-LLZO" in ps[-1].message


def test_malformed_yaml_located():
    (p,) = problems("""
        name: t
        process:
          sintering: {dwell_time: "20 min"
        replicates: 2
    """)
    assert "malformed YAML" in p.message and p.line is not None


def test_duplicate_key_is_an_error():
    (p,) = problems("""
        name: t
        replicates: 2
        replicates: 3
    """)
    assert "duplicate key" in p.message and p.line == 4


def test_missing_name_and_wrong_types():
    ps = problems("""
        replicates: many
    """)
    msgs = {p.path: p.message for p in ps}
    assert "required" in msgs[("name",)]
    assert ("replicates",) in msgs


def test_route_needs_its_steps_in_order():
    (p,) = problems("""
        name: t
        line:
          stations:
            - {name: cast, step: casting}
            - {name: eol, step: eol_test}
    """)
    assert "needs stations for steps" in p.message and "sintering" in p.message


def test_unknown_step_lists_valid_steps():
    ps = problems("""
        name: t
        line:
          stations:
            - {name: cast, step: casting}
            - {name: zap, step: laser}
    """)
    assert any("unknown step 'laser'" in p.message and "sintering" in p.message and p.line == 6 for p in ps)


def test_sweep_path_errors_located():
    ps = problems("""
        name: t
        sweep:
          grid:
            process.sintering.dwell_tmp: ["1100 degC"]
            process.stacking.stack_pressure: ["5 MPa", "3 kg"]
    """)
    by_line = {p.line: p.message for p in ps}
    assert "unknown setting 'dwell_tmp'" in by_line[5]
    assert "expected pressure" in by_line[6]


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(ScenarioError, match="file not found"):
        load_scenario(tmp_path / "nope.yaml")
    with pytest.raises(ScenarioError, match="is a directory"):
        load_scenario(tmp_path)


def test_empty_file(tmp_path):
    f = tmp_path / "e.yaml"
    f.write_text("")
    with pytest.raises(ScenarioError, match="empty"):
        load_scenario(f)


def test_top_level_must_be_mapping():
    (p,) = problems("- a\n- b\n")
    assert "mapping" in p.message


def test_unknown_cathode_and_cost_set_list_valid_names():
    ps = problems("""
        name: t
        materials:
          cathode: NMC999
          cost: gigafactory-2040
    """)
    msgs = {p.path[-1]: (p.line, p.message) for p in ps}
    assert msgs["cathode"][0] == 4 and "NMC811" in msgs["cathode"][1]
    assert msgs["cost"][0] == 5 and "pilot-2025" in msgs["cost"][1]
