"""Sweep expansion: grid, LHS and Saltelli/Sobol layouts; swept values shift distributions."""

import textwrap

import numpy as np
import pytest

from twin.scenario import scenario_from_text
from twin.scenario.sweep import apply_point, coord_name, expand


def sc(text):
    return scenario_from_text(textwrap.dedent(text))


def test_no_sweep_is_one_point():
    assert expand(sc("name: t\n")) == [{}]


def test_grid_is_cartesian_first_path_slowest():
    s = sc("""
        name: t
        sweep:
          grid:
            process.sintering.dwell_temperature: ["1100 degC", "1150 degC"]
            line.stations.sintering_furnace.load_capacity: [20, 30, 40]
    """)
    pts = expand(s)
    assert len(pts) == 6
    assert [p["line.stations.sintering_furnace.load_capacity"] for p in pts[:3]] == [20, 30, 40]
    assert pts[0]["process.sintering.dwell_temperature"] == pytest.approx(1373.15)
    s2 = apply_point(s, pts[4])
    assert s2.process.sintering.dwell_temperature == pytest.approx(1423.15)
    assert [st.load_capacity for st in s2.line.stations if st.kind == "furnace"] == [30]


def test_swept_value_shifts_a_distribution_keeping_its_spread():
    s = sc("""
        name: t
        process:
          sintering:
            dwell_temperature: {dist: normal, mean: "1130 degC", sd: "4 degC"}
        sweep:
          grid:
            process.sintering.dwell_temperature: ["1100 degC"]
    """)
    d = apply_point(s, expand(s)[0]).process.sintering.dwell_temperature
    assert d.p("mean") == pytest.approx(1373.15) and d.p("sd") == pytest.approx(4.0)


def test_lhs_stratifies_each_range_and_is_seeded():
    text = """
        name: t
        seed: 11
        sweep:
          design: lhs
          samples: 20
          ranges:
            process.sintering.dwell_temperature: ["1080 degC", "1180 degC"]
            process.stacking.stack_pressure: ["1 MPa", "10 MPa"]
    """
    pts = expand(sc(text))
    t = np.array([p["process.sintering.dwell_temperature"] for p in pts])
    # one sample in each of the 20 strata
    strata = np.floor((t - 1353.15) / 100.0 * 20).astype(int)
    assert sorted(strata) == list(range(20))
    assert pts == expand(sc(text))


def test_sobol_saltelli_layout():
    s = sc("""
        name: t
        sweep:
          design: sobol
          samples: 6
          ranges:
            process.sintering.dwell_temperature: ["1080 degC", "1180 degC"]
            process.stacking.stack_pressure: ["1 MPa", "10 MPa"]
            process.anode.foil_thickness: ["10 um", "30 um"]
    """)
    pts = expand(s)
    d = 3
    assert len(pts) == 8 * (d + 2)  # N rounded up to 8
    x = np.array([[p[k] for k in p] for p in pts]).reshape(8, d + 2, d)
    A, B = x[:, 0], x[:, -1]
    for j in range(d):  # AB_j equals A except column j, taken from B
        ab = x[:, 1 + j]
        np.testing.assert_array_equal(np.delete(ab, j, 1), np.delete(A, j, 1))
        np.testing.assert_array_equal(ab[:, j], B[:, j])


def test_coord_names():
    assert coord_name("process.sintering.dwell_temperature") == "sintering_dwell_temperature"


def test_bool_settings_sweep_in_a_grid_only():
    s = sc("""
        name: t
        sweep:
          grid:
            process.sintering.cover_powder: [true, false]
            process.sintering.dwell_temperature: ["1100 degC", "1150 degC"]
    """)
    pts = expand(s)
    assert [p["process.sintering.cover_powder"] for p in pts] == [True, True, False, False]
    assert apply_point(s, pts[2]).process.sintering.cover_powder is False
    from twin.errors import ScenarioError

    with pytest.raises(ScenarioError, match="true/false"):
        sc("""
            name: t
            sweep:
              design: lhs
              samples: 4
              ranges:
                process.sintering.cover_powder: [false, true]
        """)
    with pytest.raises(ScenarioError, match="expected true or false"):
        sc("""
            name: t
            sweep:
              grid:
                process.sintering.cover_powder: [yes-please]
        """)
