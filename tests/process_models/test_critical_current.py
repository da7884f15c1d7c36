"""Tests for process_models.critical_current (CCS, CCP, manufacturing flaws)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_models import critical_current as cc
from process_models import flaws
from process_models.creep import size_dependent_strength
from tests.process_models.conformance import check_model

MPA = 1e6
MA_CM2 = 10.0  # A m-2


def test_ccs_li_llzo_wang_sakamoto():
    """Li/LLZO CCS 0.1 mA/cm2 at 0 MPa and 0.4 mA/cm2 at 2 MPa.

    Source: Wang, Choudhury & Sakamoto, Joule 3, 2165 (2019), via Roy 2021
    [read]; 0.1 mA/cm2 without pressure also [seed] (Janek group).
    Tolerance: +/-15 %.
    """
    j = cc.critical_stripping_current(np.array([0.0, 2 * MPA])) / MA_CM2
    assert j[0] == pytest.approx(0.1, rel=0.15)
    assert j[1] == pytest.approx(0.4, rel=0.15)


def test_ccs_li_llzo_empirical_slope():
    """Slope k_p ~ 0.15 mA/cm2 per MPa, the empirical Li/LLZO value of physics.md section 7. Tolerance +/-15 %."""
    j = cc.critical_stripping_current(np.array([2 * MPA, 6 * MPA])) / MA_CM2
    assert (j[1] - j[0]) / 4.0 == pytest.approx(0.15, rel=0.15)


def test_ccs_na_beta_alumina_linear_9mpa_for_2p5():
    """Na/Na-beta''-alumina: pressure to avoid failure linear in current; > 9 MPa at 2.5 mA/cm2.

    Source: Spencer Jolly et al., ACS AMI 12, 678 (2020), abstract [read].
    Checks: CCS linear in p (second difference ~0, rtol 1e-9); the pressure
    at which CCS reaches 2.5 mA/cm2 is 9 MPa +/-5 %; slope ~0.28 mA/cm2/MPa
    (physics.md) +/-5 %.
    """
    p = np.array([2.0, 6.0, 10.0]) * MPA
    j = cc.critical_stripping_current(p, params="Na-BetaAlumina") / MA_CM2
    assert abs(j[2] - 2 * j[1] + j[0]) <= 1e-9 * j[2]
    slope = (j[2] - j[0]) / 8.0
    assert slope == pytest.approx(0.28, rel=0.05)
    j0 = float(cc.critical_stripping_current(0.0, params="Na-BetaAlumina")) / MA_CM2
    p_needed = (2.5 - j0) / slope
    assert p_needed == pytest.approx(9.0, rel=0.05)
    assert float(cc.critical_stripping_current(9.5 * MPA, params="Na-BetaAlumina")) / MA_CM2 >= 2.5


def test_ccs_li_lpscl_brackets_kasemchainan_and_doux():
    """Li/Li6PS5Cl: voids at 1 mA/cm2 and 3 MPa (Kasemchainan et al., Nat. Mater. 2019 [read via Roy]);
    stable at ~1 mA/cm2 and 5 MPa (Doux et al., AEM 2020 [read]). Tolerance: the inequalities."""
    j = cc.critical_stripping_current(np.array([3 * MPA, 5 * MPA]), electrolyte="Li6PS5Cl") / MA_CM2
    assert j[0] < 1.0 <= j[1]


def test_ccs_contact_fraction_focusing():
    """Partial contact focuses current: CCS scales with the contact fraction (rtol 1e-12)."""
    full = cc.critical_stripping_current(2 * MPA)
    half = cc.critical_stripping_current(2 * MPA, contact_fraction=0.5)
    np.testing.assert_allclose(half, 0.5 * full, rtol=1e-12)


def test_ccp_li6ps5cl_densification():
    """Li6PS5Cl 83 % dense -> ~1 mA/cm2, 99 % -> ~9 mA/cm2 plating without dendrites.

    Source: Nat. Energy 2025, doi 10.1038/s41560-025-01847-0, abstract [read],
    taken as the medians of 1/4-inch lab cells: the median largest flaw of
    10 um particles over 0.317 cm2, zero stack pressure. Tolerance: +/-20 %.
    """
    rho = np.array([0.83, 0.99])
    a = flaws.largest_flaw(rho, 10e-6, flaws.LAB_CELL_AREA, 0.5)
    j = cc.critical_plating_current(rho, a, electrolyte="Li6PS5Cl") / MA_CM2
    assert j[0] == pytest.approx(1.0, rel=0.2)
    assert j[1] == pytest.approx(9.0, rel=0.2)


def test_ccp_dense_garnet_about_1():
    """> 99 % dense garnet: plating limited to ~1 mA/cm2.

    Source: Nat. Energy 2025 abstract [read]; physics.md section 7. Ga-LLZO,
    1.2 um grains (Yi 2017), 99 and 99.5 % dense, the median lab cell
    (0.4 um median surface flaws, Porz 2017). Tolerance: +/-20 %.
    """
    rho = np.array([0.99, 0.995])
    a = flaws.largest_flaw(rho, 1.2e-6, flaws.LAB_CELL_AREA, 0.5, surface_flaw_size=0.4e-6)
    j = cc.critical_plating_current(rho, a) / MA_CM2
    np.testing.assert_allclose(j, 1.0, rtol=0.2)


def test_porz_flaw_pressure():
    """A 0.4 um surface flaw needs ~1 GPa of Li pressure (Porz et al., AEM 2017 [read via citation]).

    Dense LLZO, K_IC = 1 MPa m^0.5, Y = 1. Tolerance: +/-20 %.
    """
    assert float(cc.flaw_propagation_pressure(0.4e-6, 1.0)) == pytest.approx(1e9, rel=0.2)


def test_overpotential_pressure():
    """-0.135 V can generate ~1 GPa in Li (physics.md section 7 [seed]). Tolerance +/-5 %."""
    assert float(cc.overpotential_pressure(-0.135)) == pytest.approx(1e9, rel=0.05)


def test_pinhole_gives_very_low_ccp():
    """A through pinhole is a flaw spanning the separator: CCP far below the dense value (< 0.3 mA/cm2)."""
    kw = dict(electrolyte_thickness=25e-6)
    a = cc.manufacturing_flaw_size(0.95, 1.2e-6, **kw)
    a_pin = cc.manufacturing_flaw_size(0.95, 1.2e-6, pinhole=True, **kw)
    j, j_pin = cc.critical_plating_current(0.95, a), cc.critical_plating_current(0.95, a_pin)
    assert j_pin < 0.2 * j
    assert j_pin / MA_CM2 < 0.5
    with pytest.raises(ValueError):
        cc.manufacturing_flaw_size(0.95, 1.2e-6, pinhole=True)


def test_stack_pressure_above_griffith_pressure_gives_zero_ccp():
    """If the stack pressure Li carries into the flaw (above its size-dependent flow stress) alone exceeds
    the flaw propagation pressure, CCP = 0 (used as assembly short)."""
    a = cc.manufacturing_flaw_size(0.85, 10e-6)
    pc = float(cc.flaw_propagation_pressure(a, 0.85, electrolyte="Li6PS5Cl")) + float(size_dependent_strength(a))
    assert float(cc.critical_plating_current(0.85, a, stack_pressure=1.01 * pc, electrolyte="Li6PS5Cl")) == 0.0
    assert float(cc.critical_plating_current(0.85, a, stack_pressure=0.9 * pc, electrolyte="Li6PS5Cl")) > 0.0


def test_bad_names():
    with pytest.raises(KeyError, match="Li-LLZO"):
        cc.critical_stripping_current(1e6, params="Li-Unknown")
    with pytest.raises(KeyError, match="Li-LPSCl"):
        cc.critical_plating_current(0.9, 1e-6, params="Li-Unknown")


@settings(max_examples=50, deadline=None)
@given(
    p=st.floats(0.0, 50 * MPA),
    dp=st.floats(0.01 * MPA, 20 * MPA),
    T=st.floats(260.0, 360.0),
    name=st.sampled_from(["Li-LLZO", "Li-LPSCl", "Na-BetaAlumina"]),
)
def test_ccs_rises_with_stack_pressure(p, dp, T, name):
    """Hypothesis (CONVENTIONS.md #9): more stack pressure -> higher critical stripping current; hotter -> higher."""
    assert cc.critical_stripping_current(p + dp, temperature=T, params=name) > cc.critical_stripping_current(p, temperature=T, params=name)
    assert cc.critical_stripping_current(p + dp, temperature=T + 5, params=name) > cc.critical_stripping_current(p + dp, temperature=T, params=name)


@settings(max_examples=50, deadline=None)
@given(
    rho=st.floats(0.7, 0.995),
    drho=st.floats(0.001, 0.05),
    d=st.floats(0.5e-6, 30e-6),
    electrolyte=st.sampled_from(["Ga-LLZO", "Li6PS5Cl"]),
)
def test_ccp_rises_with_density(rho, drho, d, electrolyte):
    """Hypothesis: denser electrolyte -> higher CCP, at fixed flaw and with flaws shrinking on densification."""
    rho2 = min(rho + drho, 0.999)
    a = cc.manufacturing_flaw_size(rho, d)
    a2 = cc.manufacturing_flaw_size(rho2, d)
    assert cc.critical_plating_current(rho2, a, electrolyte=electrolyte) > cc.critical_plating_current(rho, a, electrolyte=electrolyte)
    assert cc.critical_plating_current(rho2, a2, electrolyte=electrolyte) >= cc.critical_plating_current(rho, a, electrolyte=electrolyte)


@settings(max_examples=50, deadline=None)
@given(
    a=st.floats(0.5e-6, 100e-6),
    f=st.floats(1.05, 10.0),
    rho=st.floats(0.75, 1.0),
    p=st.floats(0.0, 10 * MPA),
)
def test_ccp_falls_with_flaw_size(a, f, rho, p):
    """Hypothesis: larger flaws -> lower CCP (Griffith); more stack pressure -> lower or equal CCP."""
    j = cc.critical_plating_current(rho, a, stack_pressure=p, electrolyte="Li6PS5Cl")
    assert cc.critical_plating_current(rho, a * f, stack_pressure=p, electrolyte="Li6PS5Cl") <= j
    assert cc.critical_plating_current(rho, a, stack_pressure=p + 1e6, electrolyte="Li6PS5Cl") <= j


def test_conformance():
    check_model(
        cc.critical_stripping_current,
        {"stack_pressure": 3e6, "temperature": 300.0, "contact_fraction": 0.9, "electrolyte": "Ga-LLZO", "params": "Li-LLZO"},
        {"value": (0.0, None, False, False)},
    )
    check_model(
        cc.critical_plating_current,
        {"relative_density": 0.9, "flaw_size": 1e-6, "stack_pressure": 5e6, "temperature": 300.0, "electrolyte": "Li6PS5Cl"},
        {"value": (0.0, None, True, False)},
    )
    check_model(
        cc.manufacturing_flaw_size,
        {"relative_density": 0.95, "grain_size": 2e-6, "pinhole": False, "electrolyte_thickness": 30e-6},
        {"value": (0.0, None, False, False)},
    )
    check_model(
        cc.manufacturing_flaw_size,
        {"relative_density": 0.95, "grain_size": 2e-6, "pinhole": True, "electrolyte_thickness": 30e-6},
        {"value": (0.0, None, False, False)},
    )
    check_model(
        cc.flaw_propagation_pressure,
        {"flaw_size": 1e-6, "relative_density": 0.9, "electrolyte": "Ga-LLZO"},
        {"value": (0.0, None, False, False)},
    )


def test_array_pinhole_mask():
    """Vectorised pinhole mask as passed by the line code."""
    a = cc.manufacturing_flaw_size(np.array([0.95, 0.95]), np.array([1e-6, 1e-6]), pinhole=np.array([False, True]),
                                   electrolyte_thickness=np.array([30e-6, 30e-6]))
    assert a[1] == 30e-6 and a[0] < 1e-6
