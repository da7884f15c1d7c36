"""Tests for process_models.conductivity (literature checks, trends, conformance)."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from process_models.conductivity import (
    CONDUCTION_PARAMETERS,
    electronic_conductivity,
    get_conduction_parameters,
    ionic_conductivity,
    porosity_factor,
    secondary_phase_factor,
)
from process_models.materials import ELECTROLYTES
from tests.process_models.conformance import check_model

MS_PER_CM = 0.1  # 1 mS/cm = 0.1 S/m

OXIDES = ["Ga-LLZO", "Ta-LLZO", "Al-LLZO"]
SULPHIDES = ["Li6PS5Cl", "Li5.4PS4.4Cl1.6"]


def test_yi_2017_ga_llzo_tape():
    """Yi, Wang, Kieffer & Laine, J. Power Sources 2017: flame-spray Ga-LLZO tape,
    95 +- 1 % dense, 1.2 um grains, 1.3 +- 0.1 mS/cm. Tolerance +-0.3 mS/cm (brief)."""
    sigma = ionic_conductivity(0.95, grain_size=1.2e-6, material="Ga-LLZO")
    assert abs(sigma / MS_PER_CM - 1.3) <= 0.3


def test_cao_2023_pellet_li54():
    """Cao et al., Adv. Funct. Mater. 2023, 2307998: Li5.4PS4.4Cl1.6, 7.8 mS/cm measured
    on their pressed pellet (84 % dense): a pellet of that density gets 7.8 mS/cm, not a
    second porosity derating of it (issue 10). Tolerance +-0.05 mS/cm."""
    sigma = ionic_conductivity(0.84, material="Li5.4PS4.4Cl1.6")
    assert abs(sigma / MS_PER_CM - 7.8) <= 0.05
    assert ionic_conductivity(0.80, material="Li5.4PS4.4Cl1.6") < sigma < ionic_conductivity(0.9, material="Li5.4PS4.4Cl1.6")


def test_reference_density_phase_pure_equals_bulk_for_every_material():
    """At the density its conductivity was measured at, no secondary phase, 298.15 K the law
    returns the material's value of materials.py (relative tolerance 1e-12)."""
    for name, mat in ELECTROLYTES.items():
        rho = mat.conductivity_reference_density
        np.testing.assert_allclose(ionic_conductivity(rho, material=name), mat.bulk_ionic_conductivity, rtol=1e-12)
        np.testing.assert_allclose(electronic_conductivity(1.0, material=name), mat.electronic_conductivity, rtol=1e-12)


def test_oxide_density_law_is_bruggeman():
    """physics.md §5 [read]: Bruggeman sigma*phi^1.5 for the sintered oxides (rtol 1e-12)."""
    phi = np.linspace(0.6, 1.0, 9)
    np.testing.assert_allclose(
        ionic_conductivity(phi, material="Ga-LLZO") / ELECTROLYTES["Ga-LLZO"].bulk_ionic_conductivity,
        phi**1.5, rtol=1e-12,
    )


def test_sulphide_zero_below_percolation_threshold():
    phi_c = CONDUCTION_PARAMETERS["Li6PS5Cl"].percolation_threshold
    assert ionic_conductivity(phi_c - 0.05, material="Li6PS5Cl") == 0.0
    assert ionic_conductivity(phi_c + 0.05, material="Li6PS5Cl") > 0.0


def test_effective_medium_limits():
    """Bruggeman EMA: F(0) = 1, F(1) = s, and F(2/3) -> 0 as s -> 0 (percolation of
    the conducting phase lost at 2/3 secondary phase). Tolerance 1e-12 / 1e-3."""
    s = 1e-3
    np.testing.assert_allclose(secondary_phase_factor(0.0, s), 1.0, rtol=1e-12)
    np.testing.assert_allclose(secondary_phase_factor(1.0, s), s, rtol=1e-12)
    assert secondary_phase_factor(2.0 / 3.0, 1e-9) < 1e-3


def test_arrhenius_warmer_conducts_better():
    """Ga-LLZO, E_a = 0.25 eV: 60 C vs 25 C ratio = exp(0.25/k_B (1/298.15-1/333.15)) (rtol 1e-9)."""
    ratio = ionic_conductivity(1.0, temperature=333.15) / ionic_conductivity(1.0, temperature=298.15)
    expected = np.exp(0.25 / 8.617333262e-5 * (1 / 298.15 - 1 / 333.15))
    np.testing.assert_allclose(ratio, expected, rtol=1e-9)
    assert ratio > 2.0


def test_grain_boundaries_lower_conductivity_of_fine_grains():
    fine = ionic_conductivity(0.95, grain_size=0.1e-6)
    coarse = ionic_conductivity(0.95, grain_size=10e-6)
    none = ionic_conductivity(0.95)
    assert fine < coarse < none


def test_retained_fraction_multiplies():
    np.testing.assert_allclose(
        ionic_conductivity(0.9, retained_fraction=0.3, material="Li6PS5Cl"),
        0.3 * ionic_conductivity(0.9, material="Li6PS5Cl"), rtol=1e-12,
    )


def test_electronic_li_loss_coefficient_option():
    base = electronic_conductivity(0.95, li_loss_fraction=0.1)
    np.testing.assert_allclose(base, electronic_conductivity(0.95), rtol=1e-12)  # default: unsourced -> 0
    assert electronic_conductivity(0.95, li_loss_fraction=0.1, li_loss_coefficient=20.0) > base


def test_wrong_names_list_valid_ones():
    with pytest.raises(KeyError, match="Ga-LLZO"):
        ionic_conductivity(0.9, material="LLZO")
    with pytest.raises(KeyError, match="Li6PS5Cl"):
        get_conduction_parameters("nope")


def test_out_of_range_density_rejected():
    with pytest.raises(ValueError):
        ionic_conductivity(1.2)


def test_every_material_has_sourced_parameters():
    for name in ELECTROLYTES:
        par = get_conduction_parameters(name)
        for attr in ("activation_energy", "percolation_threshold", "percolation_exponent",
                     "gb_length", "secondary_phase_ratio"):
            assert attr in par.sources, (name, attr)


@settings(max_examples=50, deadline=None)
@given(
    material=st.sampled_from(OXIDES + SULPHIDES),
    a=st.floats(0.55, 1.0),
    b=st.floats(0.55, 1.0),
    x=st.floats(0.0, 0.3),
)
def test_conductivity_rises_with_density(material, a, b, x):
    lo, hi = sorted((a, b))
    if hi - lo < 1e-6:
        return
    s_lo = ionic_conductivity(lo, secondary_phase_fraction=x, material=material)
    s_hi = ionic_conductivity(hi, secondary_phase_fraction=x, material=material)
    assert s_hi > s_lo


@settings(max_examples=50, deadline=None)
@given(
    material=st.sampled_from(OXIDES + SULPHIDES),
    phi=st.floats(0.6, 1.0),
    a=st.floats(0.0, 0.6),
    b=st.floats(0.0, 0.6),
)
def test_conductivity_falls_with_secondary_phase(material, phi, a, b):
    lo, hi = sorted((a, b))
    if hi - lo < 1e-6:
        return
    assert ionic_conductivity(phi, secondary_phase_fraction=hi, material=material) < ionic_conductivity(
        phi, secondary_phase_fraction=lo, material=material
    )


@settings(max_examples=50, deadline=None)
@given(phi=st.floats(0.0, 1.0), phi_c=st.floats(0.0, 0.9), t=st.floats(1.0, 3.0))
def test_porosity_factor_bounded(phi, phi_c, t):
    f = porosity_factor(phi, phi_c, t)
    assert 0.0 <= f <= 1.0


BOUNDS_SIGMA = {"value": (0.0, None, False, True)}


@pytest.mark.parametrize("material", OXIDES)
def test_conformance_ionic_oxide(material):
    check_model(
        ionic_conductivity,
        dict(relative_density=0.9, secondary_phase_fraction=0.05, grain_size=1e-6,
             retained_fraction=0.9, temperature=300.0, material=material),
        BOUNDS_SIGMA,
    )


@pytest.mark.parametrize("material", SULPHIDES)
def test_conformance_ionic_sulphide(material):
    check_model(
        ionic_conductivity,
        dict(relative_density=0.85, secondary_phase_fraction=0.02, grain_size=None,
             retained_fraction=0.8, temperature=300.0, material=material),
        BOUNDS_SIGMA,
    )


@pytest.mark.parametrize("material", OXIDES + SULPHIDES)
def test_conformance_electronic(material):
    check_model(
        electronic_conductivity,
        dict(relative_density=0.9, li_loss_fraction=0.05, temperature=300.0, material=material),
        BOUNDS_SIGMA,
    )
