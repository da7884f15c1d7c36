"""Tests for process_models.flaws: the flaw population and the largest flaw over a cell's area."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_models import flaws
from tests.process_models.conformance import check_model


def test_kozeny_hydraulic_diameter():
    """d_K = (2/3) phi/(1-phi) d (analytic): 80 % dense, 10 um -> 1.667 um (rtol 1e-12)."""
    assert float(flaws.kozeny_pore_size(0.8, 10e-6)) == pytest.approx((2 / 3) * 0.25 * 10e-6, rel=1e-12)


def test_count_from_areal_porosity():
    """N = phi A / (pi/4 d_K^2 exp(2 s^2)) (Delesse: areal = volume porosity), never below 1."""
    rho, d, area = 0.84, 10e-6, 1e-4
    dk = float(flaws.kozeny_pore_size(rho, d))
    s = flaws.get_flaw_params("default").size_spread
    expect = 0.16 * area / (np.pi / 4 * dk**2 * np.exp(2 * s**2))
    assert float(flaws.flaw_count(rho, d, area)) == pytest.approx(expect, rel=1e-12)
    assert float(flaws.flaw_count(rho, d, 1e-20)) == 1.0


def test_largest_flaw_follows_the_extreme_value_distribution():
    """Monte Carlo: the max of N lognormal pores (median d_K, log-sd s) has quantile function
    d_K exp(s Phi^-1(u^(1/N))). For N ~ 200 draws the empirical 10/50/90 % points of the max over
    20 000 cells agree with largest_flaw within 1 %."""
    rho, d = 0.84, 10e-6
    dk = float(flaws.kozeny_pore_size(rho, d))
    s = flaws.get_flaw_params("default").size_spread
    area = 200 * (np.pi / 4 * dk**2 * np.exp(2 * s**2)) / 0.16
    n = int(round(float(flaws.flaw_count(rho, d, area))))
    assert n == 200
    rng = np.random.default_rng(1)
    maxima = np.max(dk * np.exp(s * rng.standard_normal((20_000, n))), axis=1)
    for u in (0.1, 0.5, 0.9):
        assert float(flaws.largest_flaw(rho, d, area, u)) == pytest.approx(np.quantile(maxima, u), rel=0.01)


def test_cao_pellet_largest_pore_is_about_their_10_um_pores():
    """Cao 2023 [seed]: 84 % dense pellet of ~10 um powder in 0.317 cm2 shows ~10 um pores; the median
    largest pore of the population is 10-25 um (the leading filament starts at the largest)."""
    a = float(flaws.largest_flaw(0.8375, 10e-6, flaws.LAB_CELL_AREA, 0.5))
    assert 10e-6 <= a <= 25e-6


@settings(max_examples=60, deadline=None)
@given(rho=st.floats(0.7, 0.999), d=st.floats(0.3e-6, 40e-6), area=st.floats(1e-6, 1e-1),
       k=st.floats(1.5, 1e3), u=st.floats(0.01, 0.99), du=st.floats(0.001, 0.2))
def test_larger_cells_and_higher_quantiles_have_larger_flaws(rho, d, area, k, u, du):
    """Weakest link: more area -> larger (or equal, where a single flaw) largest flaw; the flaw grows with the quantile."""
    a = flaws.largest_flaw(rho, d, area, u)
    assert flaws.largest_flaw(rho, d, area * k, u) >= a
    assert flaws.largest_flaw(rho, d, area, min(u + du, 0.999)) > a


def test_surface_flaws_and_pinholes():
    """Surface-finish flaws set a floor on dense ceramics; a pinhole is a flaw the size of the separator."""
    a = flaws.largest_flaw(0.99, 1.2e-6, 1e-3, 0.5)
    a_s = flaws.largest_flaw(0.99, 1.2e-6, 1e-3, 0.5, surface_flaw_size=0.4e-6)
    assert a_s > 0.4e-6 > a
    pin = flaws.largest_flaw(np.array([0.95, 0.95]), 1.2e-6, 1e-3, 0.5, pinhole=np.array([False, True]),
                             electrolyte_thickness=30e-6)
    assert pin[1] == 30e-6 and pin[0] < 30e-6
    with pytest.raises(ValueError):
        flaws.largest_flaw(0.95, 1.2e-6, 1e-3, 0.5, pinhole=True)


def test_conformance():
    check_model(flaws.largest_flaw, {"relative_density": 0.9, "grain_size": 5e-6, "area": 1e-3, "quantile": 0.5},
                {"value": (0.0, None, False, False)})
    check_model(flaws.flaw_count, {"relative_density": 0.9, "grain_size": 5e-6, "area": 1e-3},
                {"value": (1.0, None, True, False)})
    with pytest.raises(KeyError, match="default"):
        flaws.get_flaw_params("nope")
