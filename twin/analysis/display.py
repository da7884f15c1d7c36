"""Display units: SI values in the Dataset -> the units process engineers read.

The results Dataset is SI throughout (``units`` attribute, CF/UDUNITS
strings). Tables and figures show µm, mS/cm, Ω cm², mA/cm², Wh/kg, °C, %, ...
This module is the one place that maps one to the other: a variable is looked
up by name first (:data:`BY_NAME`, e.g. a relative density in %, an Li2CO3
layer in nm), then by its SI ``units`` string (:data:`BY_UNITS`); anything
else is shown as stored.

A conversion is ``display = factor * si + offset``.

Examples
--------
>>> import numpy as np, xarray as xr
>>> da = xr.DataArray([25e-6], dims="cell", name="electrolyte_thickness",
...                   attrs={"units": "m", "long_name": "electrolyte thickness"})
>>> d = to_display(da)
>>> float(d[0]), d.attrs["units"]
(25.0, 'µm')
>>> label(da)
'electrolyte thickness [µm]'
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import xarray as xr

__all__ = ["Unit", "BY_NAME", "BY_UNITS", "unit_for", "convert", "to_display", "label", "short_label"]


@dataclass(frozen=True)
class Unit:
    """A display unit: ``display = factor * si + offset``, shown as ``symbol``."""

    symbol: str
    factor: float = 1.0
    offset: float = 0.0

    def __call__(self, si):
        """Convert SI value(s) to this unit."""
        return np.asarray(si, dtype=float) * self.factor + self.offset


PERCENT = Unit("%", 100.0)
UM = Unit("µm", 1e6)
HOURS = Unit("h", 1 / 3600.0)
MINUTES = Unit("min", 1 / 60.0)

#: variable name -> (the SI unit it is stored in, display unit); takes precedence
#: over :data:`BY_UNITS` when the stored unit matches
BY_NAME: dict[str, tuple[str, Unit]] = {
    # fractions engineers read in %
    "yield": ("1", PERCENT),
    "first_pass_yield": ("1", PERCENT),
    "electrolyte_relative_density": ("1", PERCENT),
    "green_density": ("1", PERCENT),
    "li_loss_fraction": ("1", PERCENT),
    "secondary_phase_fraction": ("1", PERCENT),
    "retained_conductivity": ("1", PERCENT),
    "cathode_active_fraction": ("1", PERCENT),
    "cathode_porosity": ("1", PERCENT),
    "contact_fraction": ("1", PERCENT),
    "utilisation": ("1", PERCENT),
    "capacity_fraction": ("1", PERCENT),
    # lengths on other scales
    "li2co3_thickness": ("m", Unit("nm", 1e9)),
    # times
    "lead_time": ("s", HOURS),
    "lead_time_mean": ("s", HOURS),
    "makespan": ("s", HOURS),
    "release_time": ("s", HOURS),
    "completion_time": ("s", HOURS),
    # rates
    "throughput": ("s-1", Unit("cells/h", 3600.0)),
    "items_per_hour": ("s-1", Unit("items/h", 3600.0)),
}

#: SI units string (as written in the Dataset) -> display unit
BY_UNITS: dict[str, Unit] = {
    "m": UM,
    "S m-1": Unit("mS/cm", 10.0),  # 1 S/m = 0.01 S/cm = 10 mS/cm
    "ohm m2": Unit("Ω cm²", 1e4),
    "A m-2": Unit("mA/cm²", 0.1),  # 1 A/m2 = 0.1 mA/cm2
    "J kg-1": Unit("Wh/kg", 1 / 3600.0),
    "J m-3": Unit("Wh/L", 1 / 3.6e6),  # 1 Wh/L = 3600 J / 1e-3 m3
    "C m-2": Unit("mAh/cm²", 1 / 3.6e4),  # 1 mAh/cm2 = 3.6 C / 1e-4 m2
    "J m-2": Unit("mWh/cm²", 1 / 3.6e4),
    "Pa": Unit("MPa", 1e-6),
    "K": Unit("°C", 1.0, -273.15),
    "s": MINUTES,
    "s-1": Unit("1/h", 3600.0),
    "kg": Unit("g", 1e3),
    "m2": Unit("cm²", 1e4),
    "kg m-2": Unit("mg/cm²", 100.0),  # 1 kg/m2 = 1e6 mg / 1e4 cm2
    "N m-1": Unit("N/mm", 1e-3),  # line load
    "m s-1": Unit("m/min", 60.0),
    "kg s-1": Unit("mg/s", 1e6),
    "K s-1": Unit("K/min", 60.0),
    "Pa s": Unit("Pa s", 1.0),
    "V": Unit("V"),
    "USD": Unit("USD"),
    "USD kW-1 h-1": Unit("USD/kWh"),
    "1": Unit(""),
}


def unit_for(name: str | None, units: str | None) -> Unit:
    """Display unit of a variable.

    Parameters
    ----------
    name : str or None
        Dataset variable name (e.g. ``"cell_asr"``); looked up in :data:`BY_NAME` first.
    units : str or None
        Its SI ``units`` attribute (e.g. ``"ohm m2"``); looked up in :data:`BY_UNITS`.

    Returns
    -------
    Unit
        The display unit; the stored unit unchanged if neither table knows the variable.
    """
    if name is not None and name in BY_NAME and BY_NAME[name][0] == units:
        return BY_NAME[name][1]
    if units in BY_UNITS:
        return BY_UNITS[units]
    return Unit(units or "")


def convert(values, name: str | None, units: str | None) -> np.ndarray:
    """SI ``values`` of variable ``name`` (SI ``units``) in display units (float array)."""
    return unit_for(name, units)(values)


def to_display(da: xr.DataArray, name: str | None = None) -> xr.DataArray:
    """A copy of ``da`` in display units.

    ``attrs["units"]`` becomes the display symbol and ``attrs["si_units"]``
    keeps the stored unit. Coordinates are left in SI.

    Parameters
    ----------
    da : xarray.DataArray
        Values in the SI unit named by ``da.attrs["units"]``.
    name : str, optional
        Variable name used for the lookup (default ``da.name``).
    """
    units = da.attrs.get("units")
    u = unit_for(name or da.name, units)
    out = xr.apply_ufunc(u, da.astype(float), keep_attrs=True) if da.dtype.kind in "fiub" else da.copy()
    out.attrs = dict(da.attrs)
    out.attrs["units"] = u.symbol
    out.attrs["si_units"] = units if units is not None else ""
    return out


def short_label(da: xr.DataArray, name: str | None = None) -> str:
    """Short axis text: the swept path for sweep coordinates, else the variable name with spaces."""
    path = da.attrs.get("sweep_path")
    if path:
        return path.split(".", 1)[-1] if path.startswith("process.") else path
    return str(name or da.name or "").replace("_", " ")


def label(da: xr.DataArray, name: str | None = None, *, short: bool = False) -> str:
    """Axis label ``"long_name [display unit]"`` of a variable stored in SI.

    Parameters
    ----------
    da : xarray.DataArray
        Variable or coordinate with ``long_name`` and ``units`` attributes (SI).
        If its ``units`` are already a display symbol (``si_units`` present) they are used as they are.
    name : str, optional
        Variable name for the unit lookup (default ``da.name``).
    short : bool
        Use the variable name (or the swept path) instead of the ``long_name``.
    """
    if "si_units" in da.attrs:
        sym = da.attrs.get("units", "")
    else:
        sym = unit_for(name or da.name, da.attrs.get("units")).symbol
    text = short_label(da, name) if short or da.attrs.get("sweep_path") else da.attrs.get("long_name", str(name or da.name))
    return f"{text} [{sym}]" if sym else text
