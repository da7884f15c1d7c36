"""Tests for process_models.voids, process_models.filaments and process_models.anode_cycling."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_models import anode_cycling as ac
from process_models import filaments, voids
from tests.process_models.conformance import check_model

MA_CM2 = 10.0
MAH_CM2 = 36000.0
OMEGA_F = 1.30e-5 / 96485.33212


# --------------------------------------------------------------------------- voids

def _euler_contact(c0, cmax, j, s, t, k, steps=200_000):
    c, dt = c0, t / steps
    for _ in range(steps):
        c = min(max(c - k * (j - c * s) * dt, 0.0), cmax)
    return c


@pytest.mark.parametrize("c0,j,s", [(1.0, 4.0, 1.0), (0.6, 0.5, 1.0), (0.9, 3.0, 0.0), (0.3, 0.0, 2.0)])
def test_contact_after_matches_time_stepping(c0, j, s):
    """The closed form equals an explicit Euler integration of dc/dt = -k (j - c s) clipped to [0, c0=1]
    (rtol 1e-3)."""
    k = voids.void_rate_constant()
    t = 200.0
    exact = float(voids.contact_after(c0, 1.0, j, s, t))
    assert exact == pytest.approx(_euler_contact(c0, 1.0, j, s, t, k, 20_000), rel=1e-3, abs=1e-6)


def test_time_to_contact_is_the_inverse_of_contact_after():
    c, s = 0.9, 1.0
    for j in (1.2, 4.0, 40.0):
        t = float(voids.time_to_contact(c, 0.3, j, s))
        assert float(voids.contact_after(c, 1.0, j, s, t)) == pytest.approx(0.3, rel=1e-9)
    assert float(voids.time_to_contact(c, 0.3, 0.5, s)) == np.inf  # supply keeps up: no loss
    assert float(voids.time_to_contact(0.2, 0.3, 5.0, s)) == 0.0


def test_singh_fit_loses_contact_in_one_strip():
    """The fit (voids.VOID_PARAMETERS): a fully contacted Li | Li6PS5Cl interface at zero stack pressure
    (resupply 0.1 mA/cm2, self-diffusion) stripped 0.3 mAh/cm2 at 0.4 mA/cm2 reaches the lost-contact level
    (Singh et al. 2022 [read]: contact loss from ~0.4 mA/cm2 at 20 MPa attachment)."""
    lost = voids.get_void_params("default").lost_contact
    t = float(voids.time_to_contact(1.0, lost, 0.4 * MA_CM2, 0.1 * MA_CM2))
    assert t * 0.4 * MA_CM2 == pytest.approx(0.3 * MAH_CM2, rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(c=st.floats(0.05, 1.0), j=st.floats(0.0, 100.0), dj=st.floats(0.1, 10.0), s=st.floats(0.0, 50.0),
       t=st.floats(1.0, 1e5))
def test_more_current_less_contact(c, j, dj, s, t):
    """Property: stripping harder never leaves more contact; contact stays within [0, c0]."""
    a = voids.contact_after(c, 1.0, j, s, t)
    b = voids.contact_after(c, 1.0, j + dj, s, t)
    assert 0.0 <= b <= a <= 1.0


# --------------------------------------------------------------------------- filaments

def test_threshold_capacity_reproduces_cao_by_construction():
    """Cao 2023 [seed]: the front crosses the 1.2 mm, 16.25 % porous pellet after 0.2 mA/cm2 x 3.75 h
    = 0.75 mAh/cm2 (the fit); rtol 1e-9."""
    assert float(filaments.threshold_capacity(1.2e-3, 0.1625)) == pytest.approx(0.75 * MAH_CM2, rel=1e-9)


def test_no_network_below_percolation_and_faster_with_porosity():
    phi_c = filaments.get_filament_params("default").percolation_porosity
    assert float(filaments.network_focusing(phi_c - 0.01)) == 0.0
    assert float(filaments.threshold_capacity(1e-3, phi_c - 0.01)) == np.inf
    g = filaments.network_focusing(np.array([0.1, 0.15, 0.2]))
    assert np.all(np.diff(g) > 0)


def test_cao_pellet_severs_at_10_not_at_0_mpa():
    """Cao 2023 [seed]: porous Li5.4PS4.4Cl1.6 pellet (16.25 %, 22 GPa, ~16 um leading pore) - 10 MPa
    filaments fracture into dead Li (soft short), 0 MPa they stay connected (hard short)."""
    sev = filaments.severs(np.array([0.0, 5e6, 10e6]), 0.1625, 22e9, 16e-6)
    assert list(sev) == [False, False, True]


def test_dense_garnet_filaments_do_not_sever():
    """A crack-borne filament in dense LLZO (150 GPa, ~1 um) is far stronger than any stack pressure: hard."""
    assert not bool(filaments.severs(20e6, 0.01, 150e9, 1e-6))


@settings(max_examples=50, deadline=None)
@given(p=st.floats(0.0, 50e6), dp=st.floats(0.1e6, 10e6), phi=st.floats(0.0, 0.4), d=st.floats(0.5e-6, 50e-6))
def test_severing_is_monotonic_in_pressure(p, dp, phi, d):
    """Property: once a filament severs at p, it severs at every higher pressure."""
    if filaments.severs(p, phi, 22e9, d):
        assert filaments.severs(p + dp, phi, 22e9, d)


# --------------------------------------------------------------------------- anode cycling

def _interface(n=1, L=1.2e-3, phi=0.1625, ccp=1e3, supply=1.0, contact=1.0, severs=False):
    f = lambda v: np.full(n, v, dtype=float)  # noqa: E731
    return ac.Interface(f(L), f(float(filaments.network_focusing(phi))), f(ccp), f(supply), f(contact),
                        np.full(n, severs))


def test_unidirectional_plating_shorts_at_the_threshold_capacity():
    """Analytic: plating at j below the CCP shorts at Q_th = L F / (Omega g), at t = Q_th / j, whatever j."""
    for j in (1.0, 2.0, 5.0):
        itf = _interface()
        st_ = ac.InterfaceState.start(itf)
        ac.plate(itf, st_, j, 1e7, 0.0)
        q_th = float(filaments.threshold_capacity(1.2e-3, 0.1625))
        assert st_.short_capacity[0] == pytest.approx(q_th, rel=1e-9)
        assert st_.short_time[0] == pytest.approx(q_th / j, rel=1e-9)
        assert st_.short_mode[0] == ac.HARD


def test_symmetric_reversal_does_not_accumulate_unless_filaments_fracture():
    """Connected filaments retract when stripped: plating then stripping the same charge leaves no
    filament. Fractured ones (severing) keep xi of each plating's growth."""
    for severs, expect in ((False, 0.0), (True, None)):
        itf = _interface(severs=severs, supply=100.0)
        st_ = ac.InterfaceState.start(itf)
        for _ in range(3):
            ac.plate(itf, st_, 1.0, 3600.0, 0.0)
            ac.strip(itf, st_, 1.0, 3600.0)
        grown = OMEGA_F * 1.0 * float(filaments.network_focusing(0.1625)) * 3600.0
        xi = filaments.get_filament_params("default").fractured_retention
        assert st_.filament[0] == pytest.approx(expect if expect is not None else 3 * xi * grown, rel=1e-9, abs=1e-15)


def test_crack_growth_above_ccp_is_fast_and_permanent():
    """Above the CCP the flaw propagates and the crack-tip filament crosses at g_crack (>> g)."""
    itf = _interface(phi=0.02, ccp=5.0)  # dense: no network
    st_ = ac.InterfaceState.start(itf)
    t = ac.plate(itf, st_, 6.0, 1e6, 0.0)
    g = filaments.get_filament_params("default").crack_focusing
    assert t[0] == pytest.approx(1.2e-3 / (OMEGA_F * 6.0 * g), rel=1e-9)
    assert bool(st_.cracked[0]) and st_.short_mode[0] == ac.HARD


def test_voids_focus_current_into_cracks():
    """Kasemchainan 2019 picture: a strip above the resupply opens voids, the next plating runs on
    less contact, its local current passes the CCP and the cell shorts; without the strip it does not."""
    itf = _interface(phi=0.02, ccp=4.0, supply=1.0)
    st_ = ac.InterfaceState.start(itf)
    ac.plate(itf, st_, 3.0, 3600.0, 0.0)
    assert st_.short_mode[0] == ac.NONE
    ac.strip(itf, st_, 3.0, 1800.0)
    assert st_.contact[0] < 0.75
    ac.plate(itf, st_, 3.0, 3600.0, 0.0)
    assert st_.short_mode[0] == ac.HARD


def test_contact_loss_ends_a_strip_early():
    itf = _interface(supply=1.0)
    st_ = ac.InterfaceState.start(itf)
    t = ac.strip(itf, st_, 4.0, 1e5)
    assert t[0] < 1e5
    assert st_.contact[0] == pytest.approx(voids.get_void_params("default").lost_contact, rel=1e-6)


def test_conformance():
    check_model(voids.contact_after, {"contact": 0.8, "max_contact": 1.0, "strip_current": 3.0,
                                      "resupply_current": 1.0, "duration": 100.0}, {"value": (0.0, 1.0, True, True)})
    check_model(filaments.threshold_capacity, {"thickness": 1e-3, "porosity": 0.15}, {"value": (0.0, None, False, False)})
    check_model(filaments.filament_stress, {"stack_pressure": 5e6, "porosity": 0.15, "youngs_modulus": 22e9},
                {"value": (0.0, None, False, False)})
