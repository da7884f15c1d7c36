"""Tests of process_models.tape_casting (doctor blade, drying, drying cracks)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_models import tape_casting as T
from process_models.materials import get_electrolyte
from process_models.tape_casting import cast_tape
from tests.process_models.conformance import check_model

SETTINGS = settings(max_examples=50, deadline=None)
BASE = dict(blade_gap=100e-6, casting_speed=0.01, slurry_viscosity=2.0, reservoir_height=0.01,
            solids_fraction=0.30)


# --- Singh & Tirumkudulu -------------------------------------------------------------


def test_max_crack_free_thickness_scales_as_r_to_1p5():
    """Singh & Tirumkudulu, PRL 98, 218302 (2007): h_max ∝ R^1.5 (with -p_max ∝ gamma/R).
    The log-log slope must be 1.5 within 1e-9 over three decades of radius."""
    radii = np.logspace(-8, -5, 7)
    h = T.max_crack_free_thickness(radii)
    slopes = np.diff(np.log(h)) / np.diff(np.log(radii))
    np.testing.assert_allclose(slopes, 1.5, rtol=0, atol=1e-9)


def test_max_crack_free_thickness_other_exponents():
    """Same closed form: h_max ∝ G^0.5 and ∝ gamma^-0.5 (at fixed R and k)."""
    g = np.array([10e9, 60e9, 200e9])
    h = T.max_crack_free_thickness(shear_modulus=g)
    np.testing.assert_allclose(np.diff(np.log(h)) / np.diff(np.log(g)), 0.5, atol=1e-9)
    gamma = np.array([0.02, 0.04, 0.072])
    h = T.max_crack_free_thickness(surface_tension=gamma)
    np.testing.assert_allclose(np.diff(np.log(h)) / np.diff(np.log(gamma)), -0.5, atol=1e-9)


def test_crack_probability_is_half_at_h_max_and_increases():
    """Assumed Weibull form: P(h_max) = 1/2, small well below, ~1 well above."""
    h_max = 100e-6
    p = T.drying_crack_probability(np.array([0.0, 0.5, 1.0, 1.3, 3.0]) * h_max, h_max)
    assert p[0] == 0.0
    assert p[1] < 0.02
    assert p[2] == pytest.approx(0.5, abs=1e-12)
    assert p[3] > 0.9
    assert p[4] == pytest.approx(1.0, abs=1e-12)
    assert np.all(np.diff(p) > 0)


# --- Chou, Ko & Yan wet thickness ------------------------------------------------------


def _couette_poiseuille_thickness(h0, u, eta, dp, length, alpha, n_points=20001):
    """Independent check: integrate the plane Couette + Poiseuille velocity profile
    u(y) = U (1 - y/h0) + dP/(2 eta L) y (h0 - y) across the gap (trapezoid rule)
    and divide the flow rate by U."""
    y = np.linspace(0.0, h0, n_points)
    vel = u * (1 - y / h0) + dp / (2 * eta * length) * y * (h0 - y)
    return alpha * np.trapezoid(vel, y) / u


@pytest.mark.parametrize("gap,speed,visc,height", [(100e-6, 0.01, 2.0, 0.01), (500e-6, 0.002, 0.5, 0.05),
                                                   (50e-6, 0.05, 5.0, 0.002)])
def test_wet_thickness_is_couette_poiseuille_flow(gap, speed, visc, height):
    """Chou, Ko & Yan (1987) form = flow rate of drag + head-pressure flow through the
    blade channel per carrier speed (Newtonian slurry, n = 1), rtol 1e-6."""
    p = dataclasses.replace(T.get_slurry_params("LLZO-slurry"), flow_index=1.0, alpha=0.8)
    phi = 0.3
    rho = phi * get_electrolyte("Ga-LLZO").theoretical_density + (1 - phi) * p.vehicle_density
    dp = rho * T.G_STANDARD * height
    want = _couette_poiseuille_thickness(gap, speed, visc, dp, p.blade_land_length, p.alpha)
    got = T.wet_thickness(gap, speed, visc, height, phi, params=p)
    assert got == pytest.approx(want, rel=1e-6)


def test_pure_drag_flow_gives_half_gap():
    """Without head pressure the tape carries the Couette flux U h0/2: h_wet = alpha h0/2."""
    p = T.get_slurry_params("LLZO-slurry")
    assert T.wet_thickness(200e-6, 0.01, 1.0, 0.0, 0.3) == pytest.approx(p.alpha * 100e-6, rel=1e-12)


def test_shear_thinning_viscosity():
    """Power law (Joshi et al. 2002): eta falls with shear rate for n < 1 and equals the
    input at the reference shear rate."""
    p = T.get_slurry_params("LLZO-slurry")
    assert p.flow_index < 1
    eta = T.apparent_viscosity(np.array([1.0, p.reference_shear_rate, 1e3]), 2.0)
    assert eta[1] == pytest.approx(2.0)
    assert eta[0] > eta[1] > eta[2]


@SETTINGS
@given(g1=st.floats(20e-6, 1e-3), g2=st.floats(20e-6, 1e-3), u=st.floats(1e-3, 0.1),
       eta=st.floats(0.1, 20.0), h=st.floats(0.0, 0.1))
def test_wet_thickness_rises_with_gap(g1, g2, u, eta, h):
    lo, hi = sorted((g1, g2))
    a = T.wet_thickness(lo, u, eta, h, 0.3)
    b = T.wet_thickness(hi, u, eta, h, 0.3)
    assert b >= a
    if hi > lo * 1.001:
        assert b > a


@SETTINGS
@given(g=st.floats(20e-6, 1e-3), u1=st.floats(1e-3, 0.1), u2=st.floats(1e-3, 0.1),
       eta=st.floats(0.1, 20.0), h=st.floats(1e-3, 0.1))
def test_wet_thickness_falls_with_speed_and_rises_with_head(g, u1, u2, eta, h):
    """Faster casting leaves less time for pressure flow; more head pushes more slurry."""
    slow, fast = sorted((u1, u2))
    assert T.wet_thickness(g, fast, eta, h, 0.3) <= T.wet_thickness(g, slow, eta, h, 0.3)
    assert T.wet_thickness(g, slow, eta, 2 * h, 0.3) > T.wet_thickness(g, slow, eta, h, 0.3)
    assert T.wet_thickness(g, slow, 2 * eta, h, 0.3) < T.wet_thickness(g, slow, eta, h, 0.3)


@SETTINGS
@given(g=st.floats(20e-6, 1e-3), u=st.floats(1e-3, 0.1), eta=st.floats(0.1, 20.0),
       h=st.floats(0.0, 0.1), phi=st.floats(0.1, 0.5))
def test_green_thickness_conserves_ceramic_volume(g, u, eta, h, phi):
    """Drying keeps the ceramic: h_wet * phi_wet = h_green * phi_green."""
    r = cast_tape(g, u, eta, h, phi)
    assert r.wet_thickness * phi == pytest.approx(r.green_thickness * r.green_density, rel=1e-12)
    assert 0.0 <= r.crack_probability <= 1.0


@SETTINGS
@given(g1=st.floats(20e-6, 1e-3), g2=st.floats(20e-6, 1e-3))
def test_thicker_casts_crack_more(g1, g2):
    """A wider gap gives a thicker green tape and a higher drying-crack probability."""
    lo, hi = sorted((g1, g2))
    a = cast_tape(**{**BASE, "blade_gap": lo})
    b = cast_tape(**{**BASE, "blade_gap": hi})
    assert b.crack_probability >= a.crack_probability


# --- conformance and names ---------------------------------------------------------------

BOUNDS = {
    "wet_thickness": (0.0, None, False, True),
    "green_thickness": (0.0, None, False, True),
    "green_density": (0.0, 1.0, False, True),
    "max_crack_free_thickness": (0.0, None, False, True),
    "crack_probability": (0.0, 1.0, True, True),
}


def test_conformance_cast_tape():
    check_model(cast_tape, {**BASE, "material": "Ga-LLZO", "params": "LLZO-slurry"}, BOUNDS,
                static=("material", "params"))


def test_conformance_cast_tape_near_crack_limit():
    """Conformance where the crack probability is intermediate (wide gap)."""
    out = check_model(cast_tape, {**BASE, "blade_gap": 380e-6}, BOUNDS)
    assert 0.05 < out["crack_probability"] < 0.95


def test_wrong_names_raise():
    with pytest.raises(KeyError, match="LLZO-slurry"):
        cast_tape(**BASE, params="no-such-slurry")
    with pytest.raises(KeyError, match="Ga-LLZO"):
        cast_tape(**BASE, material="no-such-material")
