"""Tests for process_models.spray."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from process_models.conductivity import ionic_conductivity
from process_models.materials import ELECTROLYTES
from process_models.spray import (
    SPRAY_PROCESSES,
    SPRAY_SETTINGS,
    flash_sintered_density,
    layer_thickness,
    spray_film,
    through_pinhole_probability,
)
from tests.process_models.conformance import check_model


def _settings(name):
    return {k: v for k, v in SPRAY_SETTINGS[name].items() if k != "sources"}


def test_roadmap_fig17_60_um_from_30_layers():
    """Roadmap (Pasta et al., J. Phys. Energy 2, 032008, 2020), Fig. 17 [seed]: Li6PS5Cl
    dissolved, sprayed and re-precipitated, 60 um film from 30 layers. Default settings
    SPRAY_SETTINGS['roadmap_fig17_LPSCl']; tolerance +-10 %."""
    film = spray_film(**_settings("roadmap_fig17_LPSCl"))
    assert abs(film.thickness / 60e-6 - 1.0) <= 0.10
    np.testing.assert_allclose(film.thickness, 30 * film.layer_thickness, rtol=1e-12)


@pytest.mark.parametrize("name", ["roadmap_fig16_LLZTO", "roadmap_fig16_cathode"])
def test_roadmap_fig16_three_5_um_sublayers(name):
    """Roadmap Fig. 16 [seed]: LLZTO electrolyte and composite cathode each sprayed as three
    ~5 um sub-layers, each flash-sintered. Tolerance +-20 % on the mean sintered layer."""
    film = spray_film(**_settings(name))
    assert abs(film.layer_thickness / 5e-6 - 1.0) <= 0.20
    assert film.relative_density > 1 - _settings(name)["layer_porosity"]


def test_layer_thickness_mass_balance():
    """physics.md §4: t = eta*mdot/(rho*(1-p)*v*w), i.e. deposited mass per area per pass
    equals eta*mdot/(v*w) (rtol 1e-12)."""
    eta, mdot, v, w, p = 0.6, 2e-6, 0.02, 0.015, 0.3
    t = layer_thickness(mdot, eta, v, w, porosity=p, material="Ga-LLZO")
    rho = ELECTROLYTES["Ga-LLZO"].theoretical_density
    np.testing.assert_allclose(t * rho * (1 - p), eta * mdot / (v * w), rtol=1e-12)


@settings(max_examples=50, deadline=None)
@given(p=st.floats(1e-3, 0.9), n=st.integers(1, 30))
def test_pinhole_probability_falls_geometrically(p, n):
    """Independent layers: P(n+1)/P(n) = p_layer for every n (rtol 1e-9)."""
    ratio = through_pinhole_probability(p, n + 1) / through_pinhole_probability(p, n)
    np.testing.assert_allclose(ratio, p, rtol=1e-9)


def test_pinhole_ratio_constant_in_spray_film():
    n = np.arange(1, 11)
    film = spray_film(n, 2e-6, 0.5, 0.01, 0.01, pinhole_probability_per_layer=0.05)
    np.testing.assert_allclose(film.pinhole_probability[1:] / film.pinhole_probability[:-1], 0.05, rtol=1e-9)


def test_flash_sintering_conserves_mass_and_densifies_with_layers():
    """Substrate-constrained shrinkage: thickness*density = n*t_green*(1-porosity) (rtol 1e-12);
    more layers -> lower layers refired -> higher film density, below D_max."""
    n = np.arange(1, 8)
    film = spray_film(n, 5e-6, 0.5, 0.01, 0.01, layer_porosity=0.35, material="Ta-LLZO")
    np.testing.assert_allclose(
        film.thickness * film.relative_density, n * film.deposited_layer_thickness * 0.65, rtol=1e-12
    )
    assert np.all(np.diff(film.relative_density) > 0)
    assert np.all(film.relative_density <= SPRAY_PROCESSES["oxide_flash_sinter"].max_density)


def test_single_firing_density():
    """One firing closes beta = 0.8 of the gap 0.65 -> 0.95: D = 0.89 (rtol 1e-12)."""
    np.testing.assert_allclose(flash_sintered_density(1, 0.65), 0.65 + 0.8 * 0.30, rtol=1e-12)


def test_dense_green_layer_does_not_de_densify():
    np.testing.assert_allclose(flash_sintered_density(3, 0.97), 0.97, rtol=1e-12)


def test_conductivity_factors():
    """Re-precipitated LPSCl loses conductivity (Ruhl et al.; roadmap [seed]); flash-sintered
    oxide and cathode carry no process factor."""
    sul = spray_film(**_settings("roadmap_fig17_LPSCl"))
    assert 0.0 < sul.conductivity_factor < 1.0
    assert spray_film(**_settings("roadmap_fig16_LLZTO")).conductivity_factor == 1.0
    assert spray_film(**_settings("roadmap_fig16_cathode")).conductivity_factor == 1.0
    sigma = ionic_conductivity(sul.relative_density, retained_fraction=sul.conductivity_factor, material="Li6PS5Cl")
    assert sigma < ionic_conductivity(sul.relative_density, material="Li6PS5Cl")


def test_errors():
    with pytest.raises(KeyError, match="oxide_flash_sinter"):
        spray_film(3, 1e-6, 0.5, 0.01, 0.01, process="plasma")
    with pytest.raises(ValueError):
        spray_film(3, 1e-6, 0.5, 0.01, 0.01, process="sulphide_reprecipitation", material="Ga-LLZO")
    with pytest.raises(ValueError):
        spray_film(0, 1e-6, 0.5, 0.01, 0.01)
    with pytest.raises(ValueError):
        layer_thickness(1e-6, 1.5, 0.01, 0.01)


@settings(max_examples=50, deadline=None)
@given(n1=st.integers(1, 40), n2=st.integers(1, 40), mdot=st.floats(1e-7, 1e-4))
def test_more_layers_thicker_and_fewer_pinholes(n1, n2, mdot):
    if n1 == n2:
        return
    lo, hi = sorted((n1, n2))
    f_lo = spray_film(lo, mdot, 0.5, 0.01, 0.01)
    f_hi = spray_film(hi, mdot, 0.5, 0.01, 0.01)
    assert f_hi.thickness > f_lo.thickness
    assert f_hi.pinhole_probability < f_lo.pinhole_probability


BOUNDS = {
    "thickness": (0.0, None, False, True),
    "layer_thickness": (0.0, None, False, True),
    "relative_density": (0.0, 1.0, False, True),
    "pinhole_probability": (0.0, 1.0, True, True),
    "conductivity_factor": (0.0, 1.0, False, True),
    "deposited_layer_thickness": (0.0, None, False, True),
}


@pytest.mark.parametrize("name", sorted(SPRAY_SETTINGS))
def test_conformance_spray_film(name):
    check_model(spray_film, _settings(name), BOUNDS)


def test_conformance_layer_thickness():
    check_model(
        layer_thickness,
        dict(mass_flow=1e-6, transfer_efficiency=0.5, traverse_speed=0.01, spray_width=0.01,
             porosity=0.35, material="Ga-LLZO"),
        {"value": (0.0, None, False, True)},
    )


def test_conformance_through_pinhole_probability():
    check_model(through_pinhole_probability, dict(p_layer=0.05, n_layers=10), {"value": (0.0, 1.0, True, True)})
