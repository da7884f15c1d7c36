"""The results Dataset: contract, assembly and atomic writing.

Every variable and coordinate carries ``units`` (CF/UDUNITS, SI) and
``long_name``; flags (``failure_mode``, ``short_mode``) carry CF
``flag_values``/``flag_meanings``. Global attributes carry the scenario YAML
text, its SHA-256, the package version and the base seed.

Dimensions: ``point`` (sweep point; swept settings are coordinates on it),
``replicate``, ``cell``, ``station``, ``gate``.
"""

from __future__ import annotations

import datetime as _dt
import os
import tempfile
from pathlib import Path
from typing import Sequence

import numpy as np
import xarray as xr

from .. import __version__
from ..simulation.cell import FAILURE_MODES, SHORT_MODES
from ..scenario.sweep import coord_name, sweep_params

__all__ = ["CELL_VARS", "REPLICATE_VARS", "CELL_STATION_VARS", "build_dataset", "write_netcdf_atomic", "open_results"]

#: per-cell variables: name -> (units, long_name)
CELL_VARS: dict[str, tuple[str, str]] = {
    "electrolyte_thickness": ("m", "fired/pressed electrolyte (separator) thickness"),
    "electrolyte_relative_density": ("1", "electrolyte relative density"),
    "electrolyte_conductivity": ("S m-1", "electrolyte ionic conductivity at the test temperature"),
    "electronic_conductivity": ("S m-1", "electrolyte electronic conductivity"),
    "li_loss_fraction": ("1", "Li lost in sintering relative to stoichiometric Li"),
    "secondary_phase_fraction": ("1", "volume fraction of Li-deficient secondary phase (La2Zr2O7/tetragonal)"),
    "grain_size": ("m", "electrolyte mean grain size"),
    "green_thickness": ("m", "dried green tape thickness"),
    "green_density": ("1", "green tape relative density"),
    "furnace_temperature": ("K", "dwell temperature seen by the sheet (set-point plus position offset)"),
    "li2co3_thickness": ("m", "Li2CO3/LiOH surface layer thickness on the electrolyte at Li lamination"),
    "air_exposure_time": ("s", "time in ambient air between electrolyte formation and Li lamination"),
    "dry_room_exposure_time": ("s", "time in the dry room between electrolyte formation and Li lamination"),
    "retained_conductivity": ("1", "fraction of ionic conductivity retained after process/moisture damage"),
    "pinhole": ("1", "through-thickness pinhole in the separator"),
    "cracked": ("1", "crack from drying or pressing"),
    "cathode_thickness": ("m", "composite cathode thickness"),
    "cathode_active_fraction": ("1", "active-material volume fraction in the composite cathode"),
    "cathode_porosity": ("1", "composite cathode porosity"),
    "cathode_areal_capacity": ("C m-2", "nominal cathode areal capacity"),
    "anode_thickness": ("m", "Li metal anode thickness"),
    "stack_pressure": ("Pa", "stack pressure applied by the fixture"),
    "contact_fraction": ("1", "Li | electrolyte true contact area fraction"),
    "separator_asr": ("ohm m2", "separator ohmic area-specific resistance"),
    "anode_interface_asr": ("ohm m2", "Li | electrolyte interface area-specific resistance"),
    "cathode_interface_asr": ("ohm m2", "cathode | electrolyte interface area-specific resistance"),
    "cell_asr": ("ohm m2", "cell series area-specific resistance"),
    "critical_stripping_current": ("A m-2", "critical stripping current density (void formation)"),
    "critical_plating_current": ("A m-2", "critical plating current density (dendrite penetration)"),
    "discharge_current_density": ("A m-2", "discharge current density of the end-of-line duty"),
    "discharge_capacity": ("C m-2", "delivered discharge capacity at the duty C-rate"),
    "discharge_energy": ("J m-2", "delivered discharge energy at the duty C-rate"),
    "mean_voltage": ("V", "mean discharge voltage"),
    "specific_energy": ("J kg-1", "stack-level specific energy"),
    "energy_density": ("J m-3", "stack-level energy density"),
    "short_mode": ("1", "short-circuit mode under the charge duty"),
    "assembly_short": ("1", "shorted at assembly (Li creep through separator porosity)"),
    "failure_mode": ("1", "why the cell was lost (first failed check)"),
    "passed": ("1", "cell passed every gate"),
    "tape_lot": ("1", "tape lot (genealogy; -1 on routes without tape casting)"),
    "sheet": ("1", "sheet number within its tape lot (genealogy)"),
    "rework_count": ("1", "times the item was sent back by a gate"),
    "furnace_batch": ("1", "furnace load number (genealogy)"),
    "furnace_position": ("1", "position in the furnace load (genealogy)"),
    "release_time": ("s", "time the item was released into the line"),
    "completion_time": ("s", "time the cell left the end-of-line test"),
    "lead_time": ("s", "time from release to leaving the line (completed or scrapped)"),
}

#: per-replicate variables: name -> (units, long_name)
REPLICATE_VARS: dict[str, tuple[str, str]] = {
    "cells_released": ("1", "items released into the line"),
    "cells_completed": ("1", "cells that left the end-of-line test"),
    "good_cells": ("1", "cells that passed every gate"),
    "yield": ("1", "final yield: good cells / released"),
    "first_pass_yield": ("1", "first-pass yield: good cells that were never reworked / released"),
    "reworked": ("1", "items sent back at least once by a gate (rework loop)"),
    "false_rejects": ("1", "inspection decisions rejecting a conforming item (measurement error)"),
    "false_accepts": ("1", "inspection decisions accepting a non-conforming item (measurement error)"),
    "throughput": ("s-1", "good cells out of the line per unit time"),
    "makespan": ("s", "time until the last item left the line"),
    "wip_mean": ("1", "time-averaged work in process"),
    "lead_time_mean": ("s", "mean lead time of completed cells"),
    "furnace_loads": ("1", "furnace loads fired"),
    "bottleneck": ("1", "index on `station` of the most utilised station"),
    "cost_materials": ("USD", "materials consumed by all released items (scrap included)"),
    "cost_energy": ("USD", "furnace electricity"),
    "cost_equipment": ("USD", "equipment depreciation and labour over the run"),
    "cost_per_good_cell": ("USD", "total cost per cell that passed every gate"),
    "cost_per_kwh": ("USD kW-1 h-1", "total cost per kWh delivered by good cells at the duty C-rate"),
}

#: per-cell, per-station variables (genealogy timestamps): name -> (units, long_name)
CELL_STATION_VARS: dict[str, tuple[str, str]] = {
    "station_start_time": ("s", "time the item started processing at the station (last visit; NaN: never)"),
    "station_exit_time": ("s", "time the item left the station (last visit; NaN: never)"),
}

FLAGS = {
    "failure_mode": FAILURE_MODES,
    "short_mode": SHORT_MODES,
}


def build_dataset(scenario, points: Sequence[dict], point_ids: Sequence[int], replicate_ids: Sequence[int],
                  results: dict[tuple[int, int], "object"]) -> xr.Dataset:
    """Assemble ReplicateResults into the contract Dataset.

    Parameters
    ----------
    scenario : Scenario
    points : list of dict
        All points of the study (from :func:`twin.sweep.expand`).
    point_ids, replicate_ids : sequences of int
        The (point, replicate) grid covered by ``results``.
    results : dict (point, replicate) -> ReplicateResult
    """
    P, R, N = len(point_ids), len(replicate_ids), scenario.cells
    first = next(iter(results.values()))
    data_vars = {}
    for name, (units, long) in CELL_VARS.items():
        v0 = first.cells[name]
        arr = np.empty((P, R, N), dtype=v0.dtype)
        for i, p in enumerate(point_ids):
            for j, r in enumerate(replicate_ids):
                arr[i, j] = results[(p, r)].cells[name]
        data_vars[name] = (("point", "replicate", "cell"), arr, _attrs(name, units, long))
    for name, (units, long) in REPLICATE_VARS.items():
        arr = np.array([[results[(p, r)].kpis[name] for r in replicate_ids] for p in point_ids], float)
        data_vars[name] = (("point", "replicate"), arr, _attrs(name, units, long))
    for name, (units, long) in CELL_STATION_VARS.items():
        arr = np.stack([np.stack([results[(p, r)].cell_station[name] for r in replicate_ids]) for p in point_ids])
        data_vars[name] = (("point", "replicate", "cell", "station"), arr, _attrs(name, units, long))
    stations = [s.name for s in scenario.line.stations]
    util = np.array([[results[(p, r)].utilisation for r in replicate_ids] for p in point_ids], float)
    data_vars["utilisation"] = (("point", "replicate", "station"), util, _attrs("utilisation", "1", "fraction of time the station's machines are processing"))
    gates = list(first.scrapped)
    scr = np.array([[[results[(p, r)].scrapped[g] for g in gates] for r in replicate_ids] for p in point_ids], np.int64)
    data_vars["scrapped"] = (("point", "replicate", "gate"), scr, _attrs("scrapped", "1", "cells scrapped at each gate"))

    coords = {
        "point": ("point", np.asarray(point_ids, np.int64), {"units": "1", "long_name": "sweep point index"}),
        "replicate": ("replicate", np.asarray(replicate_ids, np.int64), {"units": "1", "long_name": "Monte Carlo replicate index"}),
        "cell": ("cell", np.arange(N, dtype=np.int64), {"units": "1", "long_name": "cell index in release order"}),
        "station": ("station", np.array(stations, dtype=object), {"units": "1", "long_name": "station name"}),
        "gate": ("gate", np.array(gates, dtype=object), {"units": "1", "long_name": "where cells are scrapped"}),
    }
    for sp in sweep_params(scenario):
        vals = np.array([points[p][sp.path] for p in point_ids])
        coords[coord_name(sp.path)] = ("point", vals, {"units": sp.unit, "long_name": f"swept setting {sp.path}", "sweep_path": sp.path})
    ds = xr.Dataset(data_vars, coords=coords)
    ds.attrs.update(global_attrs(scenario))
    return ds


def _attrs(name: str, units: str, long: str) -> dict:
    a = {"units": units, "long_name": long}
    if name in FLAGS:
        meanings = FLAGS[name]
        a["flag_values"] = np.arange(len(meanings), dtype=np.int8)
        a["flag_meanings"] = " ".join(meanings)
    return a


def global_attrs(scenario) -> dict:
    return {
        "Conventions": "CF-1.10",
        "title": f"ssb-twin study: {scenario.name}",
        "history": f"{_dt.datetime.now(_dt.timezone.utc).isoformat(timespec='seconds')}: twin run (ssb-twin {__version__})",
        "source": "ssb-twin digital twin of solid-state Li-metal battery manufacturing",
        "scenario_name": scenario.name,
        "scenario_yaml": scenario.source_text,
        "scenario_sha256": scenario.sha256,
        "ssb_twin_version": __version__,
        "seed": int(scenario.seed),
        "route": scenario.line.route,
        "electrolyte": scenario.materials.electrolyte,
        "cathode": scenario.materials.cathode,
    }


def write_netcdf_atomic(ds: xr.Dataset, path: str | Path) -> Path:
    """Write ``ds`` to netCDF-4 at ``path`` via a temp file in the same folder and a rename.

    A crash mid-write leaves at most a ``.tmp`` file, never a half-written
    file under the final name.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        enc = {v: {"zlib": True, "complevel": 1} for v in ds.data_vars if ds[v].dtype.kind in "fiu"}
        ds.to_netcdf(tmp, engine="netcdf4", format="NETCDF4", encoding=enc)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return path


def open_results(path: str | Path) -> xr.Dataset:
    """Open a results file (netCDF) or store (zarr directory)."""
    path = Path(path)
    if path.is_dir():
        from .store import open_store_dataset

        return open_store_dataset(path)
    return xr.open_dataset(path)
