"""Display units: SI in the Dataset, the units engineers read on axes and in tables."""

import numpy as np
import pytest
import xarray as xr
from numpy.testing import assert_allclose

from twin.analysis.display import convert, label, to_display, unit_for


@pytest.mark.parametrize("name, units, si, shown, symbol", [
    ("electrolyte_thickness", "m", 25e-6, 25.0, "µm"),
    ("electrolyte_conductivity", "S m-1", 0.13, 1.3, "mS/cm"),            # 1 S/m = 10 mS/cm
    ("cell_asr", "ohm m2", 3.3e-3, 33.0, "Ω cm²"),                       # 1 ohm m2 = 1e4 ohm cm2
    ("critical_plating_current", "A m-2", 5.0, 0.5, "mA/cm²"),          # 10 A/m2 = 1 mA/cm2
    ("specific_energy", "J kg-1", 3600.0 * 300, 300.0, "Wh/kg"),
    ("energy_density", "J m-3", 3.6e6 * 1200, 1200.0, "Wh/L"),
    ("discharge_capacity", "C m-2", 3.6e4 * 3.4, 3.4, "mAh/cm²"),       # 1 mAh/cm2 = 3.6 C / 1e-4 m2
    ("stack_pressure", "Pa", 5e6, 5.0, "MPa"),
    ("furnace_temperature", "K", 1403.15, 1130.0, "°C"),
    ("electrolyte_relative_density", "1", 0.95, 95.0, "%"),
    ("yield", "1", 0.962, 96.2, "%"),
    ("throughput", "s-1", 8.1 / 3600, 8.1, "cells/h"),
    ("li2co3_thickness", "m", 5e-9, 5.0, "nm"),
    ("lead_time", "s", 7200.0, 2.0, "h"),
    ("cost_per_kwh", "USD kW-1 h-1", 130.0, 130.0, "USD/kWh"),
    ("sintering_excess_li", "1", 0.1, 0.1, ""),
])
def test_conversions(name, units, si, shown, symbol):
    assert unit_for(name, units).symbol == symbol
    assert_allclose(convert(si, name, units), shown, rtol=1e-12)


def test_a_named_override_only_applies_to_its_own_unit():
    assert unit_for("yield", "s").symbol == "min"  # not a fraction: falls back to the unit table
    assert unit_for("something", "furlong").symbol == "furlong"


def test_to_display_and_labels():
    da = xr.DataArray(np.array([1e-3, np.nan]), dims="cell", name="cell_asr",
                      attrs={"units": "ohm m2", "long_name": "cell series area-specific resistance"})
    d = to_display(da)
    assert_allclose(d.values, [10.0, np.nan])
    assert d.attrs["units"] == "Ω cm²" and d.attrs["si_units"] == "ohm m2"
    assert label(da) == "cell series area-specific resistance [Ω cm²]"
    assert label(d) == label(da)
    t = xr.DataArray([1403.15], dims="point", name="sintering_dwell_temperature",
                     attrs={"units": "K", "long_name": "swept setting process.sintering.dwell_temperature",
                            "sweep_path": "process.sintering.dwell_temperature"})
    assert label(t) == "sintering.dwell_temperature [°C]"
