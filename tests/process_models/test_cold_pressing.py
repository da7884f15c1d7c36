"""Tests for process_models.cold_pressing."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from process_models.cold_pressing import (
    HECKEL_PARAMETERS,
    cold_press,
    crack_probability,
    get_heckel_parameters,
    heckel_density,
)
from process_models.conductivity import ionic_conductivity
from tests.process_models.conformance import check_model

MS_PER_CM = 0.1


def _pressed_sigma(pressure):
    return ionic_conductivity(cold_press(pressure).relative_density, material="Li6PS5Cl") / MS_PER_CM


def test_li6ps5cl_conductivity_after_250_mpa():
    """Yan et al., J. Colloid Interface Sci. 2026 (read via summary): Li6PS5Cl pressed at
    250 MPa -> 1.02 mS/cm (physics.md: ~1.0 mS/cm [verify]). This point was used in the
    Heckel/percolation fit, so the test guards the fit. Tolerance +-0.15 mS/cm."""
    assert abs(_pressed_sigma(250e6) - 1.02) <= 0.15


def test_li6ps5cl_conductivity_after_625_mpa():
    """Yan et al. 2026 (via summary): 625 MPa -> 1.54 mS/cm (physics.md ~1.5 mS/cm [verify]).
    Fitted point. Tolerance +-0.15 mS/cm."""
    assert abs(_pressed_sigma(625e6) - 1.54) <= 0.15


def test_density_after_400_mpa_cold_pressing():
    """Nat. Energy 2025, doi 10.1038/s41560-025-01847-0: cold-pressed (400 MPa) Li6PS5Cl is
    83 % dense. Fitted point. Tolerance +-0.01."""
    assert abs(cold_press(400e6).relative_density - 0.83) <= 0.01


def test_cold_pressing_cannot_reach_99_percent_without_cracking():
    """Nat. Energy 2025: 99 % density needed spark plasma sintering; cold pressing below the
    cracking pressure (Yan et al.: 750 MPa fractures the pellet) stays well below 99 %."""
    assert cold_press(740e6).relative_density < 0.95


def test_crack_probability_steep_near_750_mpa():
    """Yan et al. 2026 (via summary): crack-free at 625 MPa, 750 MPa fractures the pellet.
    Required: p(625 MPa) < 0.05, p(750 MPa) > 0.5, p(400 MPa) < 1e-4."""
    p = cold_press(np.array([400e6, 625e6, 750e6])).crack_probability
    assert p[0] < 1e-4 and p[1] < 0.05 and p[2] > 0.5


def test_heckel_form():
    """ln(1/(1-D)) is linear in P with slope K (rtol 1e-9)."""
    par = get_heckel_parameters("Li6PS5Cl")
    P = np.array([200e6, 400e6, 600e6])
    y = -np.log1p(-heckel_density(P, par.heckel_k, par.heckel_a))
    np.testing.assert_allclose(np.diff(y) / np.diff(P), par.heckel_k, rtol=1e-9)
    np.testing.assert_allclose(y[0], par.heckel_k * P[0] + par.heckel_a, rtol=1e-9)


def test_reference_hold_time_is_plain_heckel():
    par = get_heckel_parameters("Li6PS5Cl")
    np.testing.assert_allclose(
        cold_press(300e6, hold_time=par.reference_hold_time).relative_density,
        heckel_density(300e6, par.heckel_k, par.heckel_a), rtol=1e-12,
    )


def test_longer_hold_densifies_a_little():
    d = cold_press(400e6, hold_time=np.array([0.0, 600.0, 3600.0])).relative_density
    assert d[0] < d[1] < d[2] and d[2] - d[0] < 0.03  # hold term is a small correction


def test_both_parameter_sets_exist_with_sources():
    for name in ("Li6PS5Cl", "Li5.4PS4.4Cl1.6"):
        par = HECKEL_PARAMETERS[name]
        for attr in ("heckel_k", "heckel_a", "crack_pressure"):
            assert attr in par.sources
    cold_press(300e6, material="Li5.4PS4.4Cl1.6", params="Li5.4PS4.4Cl1.6")


def test_errors():
    with pytest.raises(KeyError, match="Li6PS5Cl"):
        cold_press(300e6, params="LPSCl")
    with pytest.raises(ValueError):
        cold_press(300e6, material="Ga-LLZO")
    with pytest.raises(ValueError):
        cold_press(-1.0)


@settings(max_examples=50, deadline=None)
@given(a=st.floats(0.0, 1.0e9), b=st.floats(0.0, 1.0e9), hold=st.floats(0.0, 7200.0))
def test_density_rises_with_pressure(a, b, hold):
    lo, hi = sorted((a, b))
    if hi - lo < 1e3:
        return
    r_lo, r_hi = cold_press(lo, hold_time=hold), cold_press(hi, hold_time=hold)
    assert r_hi.relative_density > r_lo.relative_density
    assert r_hi.crack_probability >= r_lo.crack_probability
    assert 0.0 < r_lo.relative_density < 1.0


@settings(max_examples=50, deadline=None)
@given(p=st.floats(0.0, 2e9))
def test_crack_probability_bounded(p):
    c = crack_probability(p, 740e6, 25.0)
    assert 0.0 <= c <= 1.0


@pytest.mark.parametrize("params", ["Li6PS5Cl", "Li5.4PS4.4Cl1.6"])
def test_conformance_cold_press(params):
    check_model(
        cold_press,
        dict(pressure=400e6, hold_time=600.0, material=params, params=params),
        {"relative_density": (0.0, 1.0, False, False), "crack_probability": (0.0, 1.0, True, True)},
    )


def test_conformance_heckel_density():
    check_model(heckel_density, dict(pressure=300e6, heckel_k=1e-9, heckel_a=1.3),
                {"value": (0.0, 1.0, False, False)})
