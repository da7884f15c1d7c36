"""Calendering of composite cathodes (process_models.calendering): analytic cases, conservation, trends."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from process_models.calendering import (CALENDER_PARAMETERS, calender, compacted_porosity, default_calender_params,
                                        get_calender_params, nip_contact_length)
from tests.process_models.conformance import check_model

SULPHIDE = get_calender_params("sulphide-composite")


def test_conformance():
    check_model(calender, dict(thickness=80e-6, porosity=0.3, line_load=200e3, roll_radius=0.1),
                {"thickness": (0, None, False, True), "porosity": (0, 1, True, False), "pressure": (0, None, True, True),
                 "crack_probability": (0, 1, True, True), "solid_scale": (1, None, True, True)}, static=("params",))


def test_siebel_contact_length_of_a_rigid_roll():
    """L = sqrt(R dh - dh^2/4) (Siebel): R = 100 mm, dh = 20 um -> 1.4142 mm."""
    assert float(nip_contact_length(20e-6, 0.1)) == pytest.approx(np.sqrt(0.1 * 20e-6 - 20e-6**2 / 4), rel=1e-12)


def test_roll_flattening_lengthens_the_contact():
    """Hitchcock: the load flattens the roll, so the same thinning spreads over a longer arc."""
    assert nip_contact_length(20e-6, 0.1, 500e3) > nip_contact_length(20e-6, 0.1, 0.0)


def test_compaction_law_limits():
    """Meyer et al. 2017 form: no pressure -> unchanged; infinite pressure -> eps_min; p = p_c closes 1 - 1/e."""
    assert float(compacted_porosity(0.0, 0.3)) == pytest.approx(0.3)
    assert float(compacted_porosity(1e12, 0.3)) == pytest.approx(SULPHIDE.min_porosity)
    left = (float(compacted_porosity(SULPHIDE.compaction_pressure, 0.3)) - SULPHIDE.min_porosity) / (0.3 - SULPHIDE.min_porosity)
    assert left == pytest.approx(np.exp(-1.0), rel=1e-12)


def test_no_load_no_change():
    r = calender(80e-6, 0.3, line_load=0.0)
    assert float(r.thickness) == 80e-6 and float(r.porosity) == pytest.approx(0.3) and float(r.pressure) == 0.0
    assert float(r.crack_probability) == 0.0


def test_mass_is_conserved_and_the_nip_is_self_consistent():
    """Solid per area h (1 - eps) is unchanged by the pass; without spring-back the nip porosity is the compaction
    law at the pressure the line load makes over the contact arc of that very thinning."""
    h0, e0, q, R = 90e-6, 0.32, 300e3, 0.125
    r = calender(h0, e0, line_load=q, roll_radius=R, spring_back=0.0)
    assert float(r.thickness * (1 - r.porosity)) == pytest.approx(h0 * (1 - e0), rel=1e-12)
    length = nip_contact_length(h0 - float(r.thickness), R, q)
    assert float(r.pressure) == pytest.approx(q / float(length), rel=1e-9)
    assert float(r.porosity) == pytest.approx(float(compacted_porosity(r.pressure, e0)), abs=1e-9)


def test_spring_back_thickens_the_layer_by_its_fraction():
    a = calender(90e-6, 0.32, line_load=300e3, spring_back=0.0)
    b = calender(90e-6, 0.32, line_load=300e3, spring_back=0.05)
    assert float(b.thickness) == pytest.approx(1.05 * float(a.thickness), rel=1e-12)
    assert float(b.porosity) > float(a.porosity)


@settings(max_examples=40, deadline=None)
@given(q1=st.floats(1e3, 2e6), q2=st.floats(1e3, 2e6), eps=st.floats(0.15, 0.5))
def test_more_line_load_more_compaction_more_cracking(q1, q2, eps):
    lo, hi = sorted((q1, q2))
    a, b = calender(80e-6, eps, line_load=lo), calender(80e-6, eps, line_load=hi)
    assert float(b.porosity) <= float(a.porosity) + 1e-12
    assert float(b.pressure) >= float(a.pressure) - 1e-6
    assert float(b.crack_probability) >= float(a.crack_probability)
    assert float(b.porosity) >= SULPHIDE.min_porosity


def test_a_narrower_gap_compacts_more():
    wide, narrow = calender(80e-6, 0.3, roll_gap=75e-6), calender(80e-6, 0.3, roll_gap=65e-6)
    assert float(narrow.porosity) < float(wide.porosity) < 0.3
    assert float(calender(80e-6, 0.3, roll_gap=100e-6).porosity) == pytest.approx(0.3)  # gap wider than the layer


def test_a_gap_below_what_the_layer_can_reach_stalls_at_the_minimum_porosity_and_cracks_it():
    """60 um for a layer with 56 um of solid would need 7 % porosity, below eps_min = 8 %: the nip cannot close
    that far, the pressure runs away and the catholyte cracks."""
    r = calender(80e-6, 0.3, roll_gap=60e-6, spring_back=0.0)
    assert float(r.porosity) == pytest.approx(SULPHIDE.min_porosity, abs=1e-4)
    assert float(r.crack_probability) > 0.99


def test_a_sintered_oxide_composite_is_not_compacted_but_cracks():
    """A flash-sintered oxide composite at 10 % porosity lies below what rearranging rigid particles reaches
    (eps_min 0.38): the calender cannot densify it, only load it, and 200 N/mm cracks it."""
    r = calender(60e-6, 0.10, line_load=200e3, params="oxide-composite")
    assert float(r.porosity) == pytest.approx(0.10) and float(r.thickness) == pytest.approx(60e-6)
    assert float(r.crack_probability) > 0.5


def test_default_set_by_electrolyte_family_and_lookup_errors():
    assert default_calender_params("Li6PS5Cl") == "sulphide-composite"
    assert default_calender_params("Ga-LLZO") == "oxide-composite"
    with pytest.raises(KeyError, match="sulphide-composite"):
        get_calender_params("graphite")


@pytest.mark.parametrize("name", sorted(CALENDER_PARAMETERS))
def test_every_value_has_a_source(name):
    p = CALENDER_PARAMETERS[name]
    for attr in ("min_porosity", "compaction_pressure", "spring_back", "crack_pressure", "crack_modulus", "cracked_retained"):
        assert attr in p.sources and ("assumed" in p.sources[attr] or "read" in p.sources[attr]), attr
