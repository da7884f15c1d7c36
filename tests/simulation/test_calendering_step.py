"""The calendering step through the line: the step added the new way (a module, a settings class, a registry line,
contract rows) works on the sulphide and the oxide route."""

import re
from pathlib import Path

import numpy as np
import pytest

from twin.errors import ScenarioError
from twin.scenario import scenario_from_text
from twin.simulation.replicate import simulate_replicate

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
CAL = (SCENARIOS / "calendering.yaml").read_text()
BASELINE = (SCENARIOS / "baseline.yaml").read_text()


def calendered(line_load: str, cells: int = 120):
    text = re.sub(r"(?m)^cells: \d+", f"cells: {cells}", CAL.split("\nsweep:")[0])
    return scenario_from_text(text.replace('line_load: "200 N/mm"', f'line_load: "{line_load}"'))


def test_calendering_compacts_the_sprayed_composite_and_conserves_its_capacity():
    """Same point and replicate, so every other draw is the same: the calender closes pores, thins the layer and
    raises the active fraction by the same factor, leaving the cathode's capacity per area unchanged."""
    open_, pressed = simulate_replicate(calendered("0 N/mm"), 0, 0).cells, simulate_replicate(calendered("400 N/mm"), 0, 0).cells
    ok = np.isfinite(open_["cathode_thickness"]) & np.isfinite(pressed["cathode_thickness"])
    assert np.all(pressed["cathode_porosity"][ok] < open_["cathode_porosity"][ok])
    assert np.all(pressed["cathode_thickness"][ok] < open_["cathode_thickness"][ok])
    loading = lambda c: c["cathode_thickness"] * c["cathode_active_fraction"]  # noqa: E731 - active volume per area
    np.testing.assert_allclose(loading(pressed)[ok], loading(open_)[ok], rtol=1e-12)
    tested = np.isfinite(pressed["energy_density"]) & np.isfinite(open_["energy_density"])
    assert np.median(pressed["energy_density"][tested]) > 1.05 * np.median(open_["energy_density"][tested])
    assert np.all(open_["calender_pressure"][ok] == 0) and np.all(pressed["calender_pressure"][ok] > 100e6)


def test_too_much_line_load_cracks_the_catholyte_and_halves_its_conductivity():
    c = simulate_replicate(calendered("1600 N/mm"), 0, 0).cells
    cracked = c["catholyte_cracked"]
    assert cracked.mean() > 0.5
    np.testing.assert_array_equal(c["catholyte_retained"][cracked], 0.5)
    np.testing.assert_array_equal(c["catholyte_retained"][~cracked], 1.0)


def test_the_oxide_route_takes_a_calender_but_a_sintered_composite_only_cracks():
    station = '    - {name: calender, step: calendering, process_time: "1 min", atmosphere: inert}\n'
    anchor = '    - {name: surface_treatment,'
    text = re.sub(r"(?m)^cells: \d+", "cells: 80", BASELINE).replace(anchor, station + anchor)
    c = simulate_replicate(scenario_from_text(text), 0, 0).cells
    got = np.isfinite(c["calender_pressure"])
    assert got.sum() > 60
    assert np.all(c["catholyte_cracked"][got].mean() > 0.5)


def test_a_calender_before_the_cathode_is_a_located_error():
    text = CAL.replace('    - {name: calender, step: calendering, process_time: "1 min", atmosphere: dry_room}\n', "")
    text = text.replace("    - {name: separator_press,", '    - {name: calender, step: calendering, process_time: "1 min"}\n    - {name: separator_press,')
    with pytest.raises(ScenarioError) as e:
        scenario_from_text(text)
    assert "calendering step needs an earlier station applying ['cathode']" in e.value.format()
