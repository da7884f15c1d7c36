"""Tests of process_models.electrodes and process_models.electrochem.

Literature numbers each carry their source and tolerance; trends are hypothesis
property tests; every public entry point passes the conformance check.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_models import electrochem as ec
from process_models.electrodes import (
    CATHODES,
    COLLECTORS,
    FARADAY,
    LITHIUM,
    cathode_ocp,
    get_cathode,
    get_collectors,
    lithium_areal_capacity,
)
from tests.process_models.conformance import check_model

MAH_CM2 = 36_000.0  # C/m2 per mAh/cm2
WH_KG = 3600.0  # J/kg per Wh/kg
WH_L = 3.6e6  # J/m3 per Wh/L

# A representative sulphide composite cathode (60 vol% NMC811, 10 % voids, 2 % carbon,
# Li6PS5Cl-class catholyte 3 mS/cm) with a 20 um separator of the same SE and a
# 1 ohm cm2 Li interface.
CELL = dict(
    cathode_thickness=70e-6,
    active_fraction=0.60,
    cathode_porosity=0.10,
    electrolyte_conductivity=0.30,
    series_asr=20e-6 / 0.30 + 1e-4,
)


# --------------------------------------------------------------------------- OCV
def test_ocp_nmc811_at_027():
    """U(0.27) ~ 4.27 V (PyBaMM Chen2020 NMC811 fit, code read; physics.md s8). Tol 5 mV."""
    assert abs(float(cathode_ocp(0.27)) - 4.27) < 5e-3


def test_ocp_nmc811_at_09():
    """U(0.9) ~ 3.57 V (PyBaMM Chen2020 NMC811 fit, code read; physics.md s8). Tol 5 mV."""
    assert abs(float(cathode_ocp(0.9)) - 3.57) < 5e-3


def test_ocp_strictly_decreasing():
    """The OCP decreases strictly on [0, 1] (needed for the OCV inversion of the start state)."""
    u = cathode_ocp(np.linspace(0.0, 1.0, 20001))
    assert np.all(np.diff(u) < 0)


def test_ocp_table_matches_fit():
    """The interpolated OCP used in the inner loop matches the closed-form fit to 1e-5 V."""
    x = np.random.default_rng(3).uniform(0.0, 1.0, 5000)
    p = get_cathode("NMC811")
    np.testing.assert_allclose(ec._ocp_fast(x, p), cathode_ocp(x), atol=1e-5, rtol=0)


# ----------------------------------------------------------------- parameter sets
def test_unknown_names_list_valid_ones():
    with pytest.raises(KeyError, match="NMC811"):
        get_cathode("NMC999")
    with pytest.raises(KeyError, match="default"):
        get_collectors("gold")
    with pytest.raises(KeyError, match="NMC811"):
        ec.areal_capacity(70e-6, 0.6, cathode="LFP?")


def test_every_value_has_a_source():
    """Parameter sets are data with a source for every numeric field."""
    for p in CATHODES.values():
        for name, value in vars(p).items():
            if isinstance(value, float):
                assert name in p.sources, name
    for c in COLLECTORS.values():
        for name in ("cathode_thickness", "cathode_density", "anode_thickness", "anode_density", "shared_fraction"):
            assert name in c.sources
    for name in ("molar_volume", "density", "specific_capacity"):
        assert name in LITHIUM.sources


def test_lithium_molar_volume_consistent():
    """V_m = M / rho: 6.941e-3 / 534 = 1.30e-5 m3/mol (PyBaMM Xu2019 value). Tol 0.5 %."""
    assert LITHIUM.molar_volume == pytest.approx(LITHIUM.molar_mass / LITHIUM.density, rel=5e-3)


def test_lithium_specific_capacity_is_F_over_M():
    """3860 mAh/g = F / M_Li (physics.md s9). Tol 0.2 %."""
    assert LITHIUM.specific_capacity == pytest.approx(FARADAY / LITHIUM.molar_mass, rel=2e-3)


def test_lithium_20um_holds_412_mAh_cm2():
    """20 um Li ~ 4.12 mAh/cm2 (physics.md s9). Tol 0.5 %."""
    assert float(lithium_areal_capacity(20e-6)) / MAH_CM2 == pytest.approx(4.12, rel=5e-3)


def test_nmc811_density_from_lattice():
    """4780 kg/m3 from the R-3m cell a = 2.872 A, c = 14.20 A, Z = 3, M = 97.28 g/mol. Tol 0.5 %."""
    a, c, z, m = 2.872e-10, 14.20e-10, 3, 0.09728
    rho = z * m / 6.02214076e23 / (np.sqrt(3) / 2 * a**2 * c)
    assert get_cathode("NMC811").density == pytest.approx(rho, rel=5e-3)


# ------------------------------------------------------------------ areal capacity
def test_areal_capacity_analytic():
    """70 um, 60 vol% NMC811: Q = F c_max (x0 - x100) eps L (Chen2020 c_max 63104 mol/m3,
    window 0.2661-0.9084) = 1.643e5 C/m2 = 4.56 mAh/cm2. Tol 1e-12 (same formula, independent code)."""
    q_expected = 96485.33212 * 63104.0 * (0.9084 - 0.2661) * 0.60 * 70e-6
    assert float(ec.areal_capacity(70e-6, 0.60)) == pytest.approx(q_expected, rel=1e-12)
    assert q_expected / MAH_CM2 == pytest.approx(4.56, abs=0.01)


def test_low_rate_discharge_delivers_areal_capacity():
    """At C/20 with a small resistance the discharge reaches the 0 % SOC stoichiometry:
    the delivered capacity equals areal_capacity (stoichiometry cut-off), tol 1e-9."""
    d = ec.discharge(**{**CELL, "series_asr": 1e-5}, c_rate=0.05)
    q = ec.areal_capacity(CELL["cathode_thickness"], CELL["active_fraction"])
    assert float(d.capacity) == pytest.approx(float(q), rel=1e-9)


def test_mean_voltage_close_to_mean_ocv_at_low_rate():
    """At C/20 the mean discharge voltage is within 40 mV below the window-average OCP
    (int U dx / dx over 0.2661-0.9084, computed here by quadrature)."""
    x = np.linspace(0.2661, 0.9084, 20001)
    u_mean = np.trapezoid(cathode_ocp(x), x) / (x[-1] - x[0])
    d = ec.discharge(**CELL, c_rate=0.05)
    assert 0.0 < u_mean - float(d.mean_voltage) < 0.040


def test_surface_excess_limits():
    """Constant flux into a sphere (Crank 1975): g -> 2 sqrt(tau/pi) - 2 tau at short
    times, -> 1/5 at long times; the table matches a 3000-root series to 1e-5."""
    lam = ec._sphere_roots(3000)
    assert lam[0] == pytest.approx(4.493409457909064, rel=1e-12)
    for tau in (1e-3, 1e-2, 0.05, 0.3, 2.0):
        exact = 0.2 - 2.0 * np.sum(np.exp(-(lam**2) * tau) / lam**2)
        assert float(ec._surface_excess(tau)) == pytest.approx(exact, abs=1e-5)
    for tau in (1e-8, 1e-6, 1e-5):  # short-time branch of the table, abs tol 5e-6
        assert float(ec._surface_excess(tau)) == pytest.approx(2 * np.sqrt(tau / np.pi) - 2 * tau, abs=5e-6)
    assert float(ec._surface_excess(50.0)) == pytest.approx(0.2, abs=1e-12)


def test_grid_convergence():
    """48 grid points (default) vs 4000: capacity to 1e-9, energy to 2e-4, over varied cells."""
    args = _scattered_cells(200)
    for c_rate in (0.1, 1.0, 3.0):
        a = ec.discharge(*args, c_rate=c_rate, stoichiometry_cutoff=False, layers=1)
        b = ec.discharge(*args, c_rate=c_rate, stoichiometry_cutoff=False, n_points=4000, layers=1)
        np.testing.assert_allclose(a.capacity, b.capacity, rtol=1e-9)
        np.testing.assert_allclose(a.energy, b.energy, rtol=2e-4)


def _scattered_cells(n, seed=7):
    rng = np.random.default_rng(seed)
    return (
        rng.uniform(40e-6, 150e-6, n), rng.uniform(0.5, 0.7, n), rng.uniform(0.05, 0.15, n),
        rng.uniform(0.03, 1.0, n), rng.uniform(1e-5, 5e-4, n),
    )


def test_layered_step_convergence():
    """Layered model (8 layers): 150 steps (default) vs 600 steps agree to 1 % in capacity
    and energy up to 3C, over scattered cells (ionic drops up to ~5 V)."""
    args = _scattered_cells(60)
    for c_rate in (0.1, 1.0, 3.0):
        a = ec.discharge(*args, c_rate=c_rate, stoichiometry_cutoff=False, layers=8)
        b = ec.discharge(*args, c_rate=c_rate, stoichiometry_cutoff=False, layers=8, n_points=600)
        np.testing.assert_allclose(a.capacity, b.capacity, rtol=1e-2)
        np.testing.assert_allclose(a.energy, b.energy, rtol=1e-2)


def test_layered_reduces_to_single_particle():
    """Where the catholyte is no bottleneck (ionic drop < 0.1 V) the layered model and the
    single-particle model agree: capacity to 1e-5, energy to 1e-3 (same physics)."""
    args = _scattered_cells(60)
    for c_rate in (0.1, 1.0, 2.0):
        a = ec.discharge(*args, c_rate=c_rate, stoichiometry_cutoff=False, layers=8)
        b = ec.discharge(*args, c_rate=c_rate, stoichiometry_cutoff=False, layers=1)
        small = b.ionic_drop < 0.1
        assert small.sum() > 10
        np.testing.assert_allclose(a.capacity[small], b.capacity[small], rtol=1e-5)
        np.testing.assert_allclose(a.energy[small], b.energy[small], rtol=1e-3)


def test_auto_layers_is_continuous():
    """layers="auto" blends the two models over 0.3-0.5 V of ionic drop: sweeping the
    catholyte conductivity finely across the window gives no jump (neighbouring energies
    differ by < 0.3 %, capacities by < 0.3 %) and energy rises with conductivity."""
    kappa = np.geomspace(0.08, 0.25, 80)  # 100 um at 1C: ionic drop 0.78 -> 0.25 V
    d = ec.discharge(100e-6, 0.6, 0.1, kappa, 1e-4, c_rate=1.0, stoichiometry_cutoff=False)
    assert d.ionic_drop.max() > 0.5 and d.ionic_drop.min() < 0.3
    assert np.all(np.abs(np.diff(d.energy)) / d.energy[1:] < 3e-3)
    assert np.all(np.abs(np.diff(d.capacity)) / d.capacity[1:] < 3e-3)
    assert np.all(np.diff(d.energy) > 0)


def test_layers_argument_checked():
    with pytest.raises(ValueError):
        ec.discharge(**CELL, layers=0)
    with pytest.raises(ValueError):
        ec.discharge(**CELL, layers="fast")


def test_energy_is_integral_of_voltage_curve():
    """discharge().energy equals the integral of discharge_voltage() up to the capacity
    (tol 1e-4), and the curve is above the 2.5 V cut-off before the capacity and below it
    just after (the end is the surface-saturation cliff)."""
    d = ec.discharge(**CELL, c_rate=1.0, stoichiometry_cutoff=False)
    cap = float(d.capacity)
    q = np.linspace(0.0, cap, 200001)
    v = ec.discharge_voltage(q, **CELL, c_rate=1.0)
    assert float(d.energy) == pytest.approx(np.trapezoid(v, q), rel=1e-4)
    assert np.all(v > 2.5)
    assert float(ec.discharge_voltage(cap * (1 + 1e-9), **CELL, c_rate=1.0)) < 2.5


def test_series_asr_adds_ir_drop():
    """Extra series ASR dR shifts the loaded voltage by exactly I dR at every point (tol 1e-9 V)."""
    q = np.linspace(0.0, 1e5, 50)
    v1 = ec.discharge_voltage(q, **CELL, c_rate=1.0)
    v2 = ec.discharge_voltage(q, **{**CELL, "series_asr": CELL["series_asr"] + 2e-4}, c_rate=1.0)
    current = float(ec.discharge(**CELL, c_rate=1.0).current_density)
    np.testing.assert_allclose(v1 - v2, current * 2e-4, atol=1e-9)


def test_charge_mirror():
    """A C/20 constant-current charge from 0 % SOC accepts > 99 % of areal_capacity (the
    4.3 V cut-off is only 15 mV above U(x_100) = 4.285 V, so it ends just short of x_100)
    at a mean voltage above the C/20 discharge's; at 2C it accepts less."""
    c = ec.charge(**CELL, c_rate=0.05)
    d = ec.discharge(**CELL, c_rate=0.05)
    q = float(ec.areal_capacity(CELL["cathode_thickness"], CELL["active_fraction"]))
    assert 0.99 * q < float(c.capacity) <= q * (1 + 1e-12)
    assert float(c.mean_voltage) > float(d.mean_voltage)
    assert float(ec.charge(**CELL, c_rate=2.0).capacity) < float(c.capacity)


def test_no_ionic_path_gives_zero_capacity():
    """Catholyte fraction 0 (voids fill the rest): no capacity, mean voltage = v_min."""
    d = ec.discharge(70e-6, 0.6, 0.38, 0.3, 1e-4)
    assert float(d.capacity) == 0.0 and float(d.energy) == 0.0
    assert float(d.mean_voltage) == 2.5


def test_invalid_inputs_raise():
    with pytest.raises(ValueError):
        ec.discharge(0.0, 0.6, 0.1, 0.3, 1e-4)
    with pytest.raises(ValueError):
        ec.discharge(70e-6, 0.6, 0.1, 0.3, -1e-4)


# ------------------------------------------------------------------ property tests
_cells = dict(
    L=st.floats(30e-6, 150e-6),
    ea=st.floats(0.45, 0.72),
    ep=st.floats(0.0, 0.15),
    kappa=st.floats(0.02, 1.0),
    asr=st.floats(0.0, 5e-3),
)


@settings(max_examples=50, deadline=None)
@given(**_cells, c1=st.floats(0.05, 3.0), c2=st.floats(0.05, 3.0))
def test_capacity_and_energy_fall_with_c_rate(L, ea, ep, kappa, asr, c1, c2):
    """Higher C-rate: capacity does not rise, energy falls (more polarisation)."""
    lo, hi = sorted((c1, c2))
    if hi - lo < 1e-3:
        return
    a = ec.discharge(L, ea, ep, kappa, asr, c_rate=lo)
    b = ec.discharge(L, ea, ep, kappa, asr, c_rate=hi)
    assert float(b.capacity) <= float(a.capacity) * (1 + 1e-12)
    if float(a.capacity) > 0:
        assert float(b.energy) < float(a.energy)


@settings(max_examples=50, deadline=None)
@given(**_cells, extra=st.floats(1e-5, 5e-3), c_rate=st.floats(0.05, 3.0))
def test_capacity_and_energy_fall_with_series_asr(L, ea, ep, kappa, asr, extra, c_rate):
    """More series ASR: capacity does not rise, energy falls."""
    a = ec.discharge(L, ea, ep, kappa, asr, c_rate=c_rate)
    b = ec.discharge(L, ea, ep, kappa, asr + extra, c_rate=c_rate)
    assert float(b.capacity) <= float(a.capacity) * (1 + 1e-12)
    if float(a.capacity) > 0:
        assert float(b.energy) < float(a.energy)


@settings(max_examples=50, deadline=None)
@given(ea=st.floats(0.5, 0.7), kappa=st.floats(0.1, 1.0), L1=st.floats(30e-6, 150e-6), dL=st.floats(2e-6, 50e-6))
def test_energy_rises_with_cathode_thickness_at_c10(ea, kappa, L1, dL):
    """At C/10 a thicker cathode stores and delivers more energy per area."""
    a = ec.discharge(L1, ea, 0.1, kappa, 1e-4, c_rate=0.1)
    b = ec.discharge(L1 + dL, ea, 0.1, kappa, 1e-4, c_rate=0.1)
    assert float(b.energy) > float(a.energy)


def test_capacity_drops_at_high_rate():
    """Solid diffusion limits the 2C capacity (tau_d = R^2/D = 6800 s): 2C gives < 95 %
    of the areal capacity while C/10 gives 100 % (Chen2020 D_s, R)."""
    q = float(ec.areal_capacity(70e-6, 0.6))
    assert float(ec.discharge(**CELL, c_rate=0.1).capacity) / q == pytest.approx(1.0, abs=1e-9)
    assert float(ec.discharge(**CELL, c_rate=2.0).capacity) / q < 0.95


def test_arrhenius_kinetics():
    """Colder cell: lower energy at 1C (k falls with Ea = 17.8 kJ/mol, Chen2020)."""
    warm = ec.discharge(**CELL, c_rate=1.0, temperature=318.15)
    cold = ec.discharge(**CELL, c_rate=1.0, temperature=273.15)
    assert float(cold.energy) < float(warm.energy)


# ------------------------------------------------------------------ stack metrics
def test_reference_stack_metrics():
    """Reference stack: 100 um cathode (60 % NMC811, 10 % voids, 2 % C, 28 % LLZO),
    20 um LLZO (5100 kg/m3), 20 um Li, default collectors (half of 16 um Al + 12 um Cu).

    Analytic estimate (computed below, independent of stack_metrics):
    E ~ Q_areal * 3.8 V = 6.52 mAh/cm2 * 3.8 V = 0.891 MJ/m2; m = 0.622 kg/m2;
    h = 154 um -> ~398 Wh/kg and ~1610 Wh/L at stack level (no packaging), above the
    EV cell targets 235 Wh/kg and 500 Wh/L (physics.md s9) and below the > 500 Wh/kg,
    > 1500 Wh/L potential quoted by Albertus et al. 2021 only in Wh/kg.
    Tolerance: stack_metrics within 1e-9 of the analytic mass/volume balance; the
    discharge-based values within 5 % of the 3.8 V estimate.
    """
    d = ec.discharge(100e-6, 0.6, 0.1, 0.1, 20e-6 / 0.1 + 1e-4, c_rate=0.1)
    s = ec.stack_metrics(d.energy, 100e-6, 20e-6, 20e-6, active_fraction=0.6, cathode_porosity=0.1,
                         electrolyte_density=5100.0)
    m = 100e-6 * (0.6 * 4780 + 0.02 * 1900 + 0.28 * 5100) + 20e-6 * 5100 + 20e-6 * 534 + 0.5 * (16e-6 * 2700 + 12e-6 * 8960)
    h = 100e-6 + 20e-6 + 20e-6 + 0.5 * (16e-6 + 12e-6)
    assert float(s.areal_mass) == pytest.approx(m, rel=1e-9)
    assert float(s.thickness) == pytest.approx(h, rel=1e-9)
    e_est = float(ec.areal_capacity(100e-6, 0.6)) * 3.8
    assert float(d.energy) == pytest.approx(e_est, rel=0.05)
    assert 300 * WH_KG < float(s.specific_energy) < 500 * WH_KG
    assert 1200 * WH_L < float(s.energy_density) < 2000 * WH_L
    assert float(s.specific_energy) > 235 * WH_KG and float(s.energy_density) > 500 * WH_L


def test_stack_metrics_collectors():
    """Dropping the Cu foil raises both metrics; single-sided foils lower them."""
    kw = dict(active_fraction=0.6, cathode_porosity=0.1, electrolyte_density=5100.0)
    base = ec.stack_metrics(9e5, 100e-6, 20e-6, 20e-6, **kw)
    nocu = ec.stack_metrics(9e5, 100e-6, 20e-6, 20e-6, collector="no_anode_collector", **kw)
    single = ec.stack_metrics(9e5, 100e-6, 20e-6, 20e-6, collector="single_sided", **kw)
    assert nocu.specific_energy > base.specific_energy > single.specific_energy
    assert nocu.energy_density > base.energy_density > single.energy_density


# ------------------------------------------------------------------ conformance
def test_conformance_discharge():
    check_model(
        ec.discharge,
        dict(**CELL, c_rate=1.0),
        {
            "capacity": (0.0, None, True, None),
            "energy": (0.0, None, True, None),
            "mean_voltage": (2.5, 4.3, True, True),
            "current_density": (0.0, None, False, None),
        },
    )


def test_conformance_discharge_layered():
    """Poor catholyte (0.3 mS/cm, 100 um, 1C: ionic drop 1.5 V): the default runs the
    layered model; it passes the same conformance check."""
    check_model(
        ec.discharge,
        dict(**{**CELL, "cathode_thickness": 100e-6, "electrolyte_conductivity": 0.03}, c_rate=1.0),
        {"capacity": (0.0, None, False, None), "energy": (0.0, None, False, None),
         "mean_voltage": (2.5, 4.3, True, True), "ionic_drop": (0.5, None, False, None)},
    )


def test_conformance_charge():
    check_model(
        ec.charge,
        dict(**CELL, c_rate=1.0),
        {"capacity": (0.0, None, True, None), "mean_voltage": (2.5, 4.3, True, True)},
    )


def test_conformance_areal_capacity():
    check_model(ec.areal_capacity, dict(cathode_thickness=70e-6, active_fraction=0.6), {"value": (0.0, None, False, None)})


def test_conformance_stack_metrics():
    check_model(
        ec.stack_metrics,
        dict(energy=8e5, cathode_thickness=100e-6, electrolyte_thickness=20e-6, anode_thickness=20e-6,
             active_fraction=0.6, cathode_porosity=0.1, electrolyte_density=5100.0),
        {
            "specific_energy": (0.0, None, False, None),
            "energy_density": (0.0, None, False, None),
            "areal_mass": (0.0, None, False, None),
            "thickness": (0.0, None, False, None),
        },
    )


def test_conformance_composite_and_curve():
    check_model(
        ec.composite_conductivities,
        dict(active_fraction=0.6, cathode_porosity=0.1, electrolyte_conductivity=0.3),
        {"ionic": (0.0, None, False, None), "electronic": (0.0, None, False, None),
         "catholyte_fraction": (0.0, 1.0, False, True)},
    )
    check_model(ec.discharge_voltage, dict(delivered=5e4, **CELL, c_rate=1.0), {"value": (2.5, 4.3, False, False)})


def test_bruggeman_catholyte():
    """kappa_eff = kappa eps_SE^1.5 (Chen2020 Bruggeman): 0.3 S/m at eps_SE = 0.28 -> 0.0444 S/m."""
    c = ec.composite_conductivities(0.6, 0.1, 0.3)
    assert float(c.catholyte_fraction) == pytest.approx(0.28, rel=1e-12)
    assert float(c.ionic) == pytest.approx(0.3 * 0.28**1.5, rel=1e-12)
    assert float(c.electronic) == 0.18


def test_conformance_ocp_and_lithium():
    check_model(cathode_ocp, dict(stoichiometry=0.6), {"value": (3.0, 4.7, False, False)})
    check_model(lithium_areal_capacity, dict(thickness=20e-6), {"value": (0.0, None, False, None)})


def test_discharge_broadcasts():
    """Cells (3, 1) x C-rates (4,) -> (3, 4), each equal to the scalar call."""
    L = np.array([[50e-6], [80e-6], [120e-6]])
    rates = np.array([0.1, 0.5, 1.0, 2.0])
    d = ec.discharge(L, 0.6, 0.1, 0.3, 1e-4, c_rate=rates)
    assert d.capacity.shape == (3, 4)
    one = ec.discharge(80e-6, 0.6, 0.1, 0.3, 1e-4, c_rate=2.0)
    assert d.energy[1, 3] == pytest.approx(float(one.energy), rel=1e-12)
