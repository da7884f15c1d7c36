"""The constants module against CODATA 2018 (scipy.constants), and the physics helpers that moved home."""

import numpy as np
import pytest
import scipy.constants as sc

from process_models import constants
from process_models.air_exposure import dew_point, relative_humidity
from process_models.electrodes import composite_solid_density, get_cathode


@pytest.mark.parametrize("ours, codata", [
    (constants.FARADAY, sc.physical_constants["Faraday constant"][0]),
    (constants.GAS_CONSTANT, sc.R),
    (constants.BOLTZMANN_EV, sc.physical_constants["Boltzmann constant in eV/K"][0]),
])
def test_constants_are_codata_2018_to_ten_digits(ours, codata):
    assert ours == pytest.approx(codata, rel=1e-9)


def test_exact_constants():
    assert constants.STANDARD_GRAVITY == sc.g
    assert constants.STANDARD_PRESSURE == sc.atm
    assert constants.ZERO_CELSIUS == sc.zero_Celsius


def test_dew_point_and_relative_humidity_invert_each_other():
    """Magnus formula over water (Alduchov & Eskridge 1996): RH(T_dew(RH)) = RH."""
    for rh in (0.05, 0.4, 0.9):
        assert relative_humidity(dew_point(rh)) == pytest.approx(rh, rel=1e-12)


def test_a_minus_40_degC_dry_room_is_about_0p6_percent_rh_at_25_degC():
    """e_w(-40 degC) = 0.19 hPa over water; e_w(25 degC) = 31.7 hPa (Magnus, Alduchov & Eskridge 1996)."""
    assert relative_humidity(233.15) == pytest.approx(0.19 / 31.7, rel=0.02)


def test_composite_solid_density_is_the_volume_weighted_mean_of_its_solids():
    p = get_cathode("NMC811")
    rho = composite_solid_density(0.6, 0.1, 5100.0)
    se = 1 - 0.6 - 0.1 - p.carbon_fraction
    expect = (0.6 * p.density + se * 5100.0 + p.carbon_fraction * p.carbon_density) / (0.6 + se + p.carbon_fraction)
    assert float(rho) == pytest.approx(expect, rel=1e-15)
    # bounded by its lightest and heaviest solid
    assert p.carbon_density < float(rho) < max(p.density, 5100.0)
    np.testing.assert_allclose(composite_solid_density([0.6, 0.6], [0.1, 0.1], 5100.0), [rho, rho])
