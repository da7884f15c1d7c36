"""Unit strings at the YAML boundary -> SI floats."""

import math

import pytest

from twin.scenario.units import UnitError, to_si


@pytest.mark.parametrize(
    "text, kind, expected",
    [
        ("25 um", "length", 25e-6),
        ("1130 degC", "temperature", 1403.15),
        ("20 min", "time", 1200.0),
        ("5 MPa", "pressure", 5e6),
        ("0.5 mA/cm^2", "current_density", 5.0),
        ("40 ohm*cm^2", "asr", 40e-4),
        ("0.3 m/min", "velocity", 0.005),
        ("2 Pa*s", "viscosity", 2.0),
        ("5 K/min", "heating_rate", 5 / 60),
        ("4 mAh/cm^2", "areal_capacity", 4 * 3.6 / 1e-4),
        ("10 %", "dimensionless", 0.10),
        (12.5, "length", 12.5),
    ],
)
def test_to_si(text, kind, expected):
    assert math.isclose(to_si(text, kind), expected, rel_tol=1e-12)


def test_temperature_spread_is_a_difference():
    """An sd of '5 degC' is 5 K, not 278.15 K."""
    assert to_si("5 degC", "temperature", difference=True) == pytest.approx(5.0)
    assert to_si("5 degC", "temperature") == pytest.approx(278.15)


@pytest.mark.parametrize(
    "text, kind, fragment",
    [
        ("5 kg", "pressure", "expected pressure"),
        ("12 parsecs/fortnight", "length", "expected length"),
        ("twelve um", "length", "cannot read quantity"),
        ("12 furlongz", "length", "unknown unit"),
        (True, "length", "boolean"),
        ("nan um", "length", "cannot read"),
    ],
)
def test_bad_quantities(text, kind, fragment):
    with pytest.raises(UnitError, match=fragment):
        to_si(text, kind)
