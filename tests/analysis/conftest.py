"""Hand-built results Datasets with answers known by construction."""

import numpy as np
import pytest
import xarray as xr

from twin.contract import FLAGS

FAILURE_MODES = FLAGS["failure_mode"]

FM = {m: i for i, m in enumerate(FAILURE_MODES)}
GATES = ["breakdown", "inspection", "eol_test"]
STATIONS = ["casting", "furnace", "inspection", "eol_test"]
GATE_OF = {"breakdown_scrap": "breakdown", "drying_crack": "inspection", "low_density": "inspection",
           "hard_short": "eol_test", "high_asr": "eol_test"}


def hand_dataset(fm: np.ndarray, temps=None, times=None, *, as_coords: bool = True) -> xr.Dataset:
    """A contract-shaped Dataset from a failure-mode table ``fm`` (point, replicate, cell).

    Points are swept over ``temps`` [K] x ``times`` [s] (a grid, first slowest).
    ``cell_asr`` [ohm m2] is 1e-3 x (1 + cell index) on every tested cell;
    utilisation is highest at the furnace; costs are 1/2/3 USD per replicate.
    """
    P, R, N = fm.shape
    passed = fm == 0
    tested = passed | np.isin(fm, [FM["hard_short"], FM["high_asr"]])
    asr = np.where(tested, 1e-3 * (1 + np.arange(N))[None, None, :], np.nan)
    scrapped = np.zeros((P, R, len(GATES)), np.int64)
    for mode, gate in GATE_OF.items():
        scrapped[..., GATES.index(gate)] += (fm == FM[mode]).sum(-1)
    good = passed.sum(-1).astype(float)
    util = np.broadcast_to(np.array([0.2, 0.9, 0.1, 0.5]), (P, R, len(STATIONS))).copy()
    coords = {"point": np.arange(P), "replicate": np.arange(R), "cell": np.arange(N), "gate": GATES, "station": STATIONS}
    sweep = {}
    if temps is not None:
        tt, dd = np.meshgrid(temps, times, indexing="ij")
        sweep = {
            "sintering_dwell_temperature": ("point", tt.ravel(), {"units": "K", "long_name": "swept setting process.sintering.dwell_temperature", "sweep_path": "process.sintering.dwell_temperature"}),
            "sintering_dwell_time": ("point", dd.ravel(), {"units": "s", "long_name": "swept setting process.sintering.dwell_time", "sweep_path": "process.sintering.dwell_time"}),
        }
    data = {
        "failure_mode": (("point", "replicate", "cell"), fm.astype(np.int8),
                         {"units": "1", "long_name": "why", "flag_values": np.arange(len(FAILURE_MODES), dtype=np.int8),
                          "flag_meanings": " ".join(FAILURE_MODES)}),
        "passed": (("point", "replicate", "cell"), passed, {"units": "1", "long_name": "passed"}),
        "cell_asr": (("point", "replicate", "cell"), asr, {"units": "ohm m2", "long_name": "cell series area-specific resistance"}),
        "energy_density": (("point", "replicate", "cell"), np.where(tested, 4e9, np.nan), {"units": "J m-3", "long_name": "energy density"}),
        "cells_released": (("point", "replicate"), np.full((P, R), float(N)), {"units": "1", "long_name": "released"}),
        "good_cells": (("point", "replicate"), good, {"units": "1", "long_name": "good"}),
        "yield": (("point", "replicate"), good / N, {"units": "1", "long_name": "yield"}),
        "first_pass_yield": (("point", "replicate"), good / N, {"units": "1", "long_name": "fpy"}),
        "throughput": (("point", "replicate"), good / 3600.0, {"units": "s-1", "long_name": "throughput"}),
        "makespan": (("point", "replicate"), np.full((P, R), 3600.0), {"units": "s", "long_name": "makespan"}),
        "scrapped": (("point", "replicate", "gate"), scrapped, {"units": "1", "long_name": "scrapped"}),
        "utilisation": (("point", "replicate", "station"), util, {"units": "1", "long_name": "utilisation"}),
        "bottleneck": (("point", "replicate"), np.ones((P, R)), {"units": "1", "long_name": "bottleneck"}),
        "cost_materials": (("point", "replicate"), np.ones((P, R)), {"units": "USD", "long_name": "materials"}),
        "cost_energy": (("point", "replicate"), 2 * np.ones((P, R)), {"units": "USD", "long_name": "energy"}),
        "cost_equipment": (("point", "replicate"), 3 * np.ones((P, R)), {"units": "USD", "long_name": "equipment"}),
        "cost_per_kwh": (("point", "replicate"), np.full((P, R), 100.0), {"units": "USD kW-1 h-1", "long_name": "cost per kWh"}),
    }
    if as_coords:
        coords.update(sweep)
    else:
        data.update(sweep)
    return xr.Dataset(data, coords=coords)


@pytest.fixture
def grid_ds():
    """2 temperatures x 3 times, 2 replicates x 10 cells.

    Failure modes per point p (same in both replicates): cell 0 breakdown at
    p == 0, cells 1..p low_density (p cells), cell 9 hard_short at every
    point, cell 8 drying_crack at point 5. So point p has 10 - 1 - p - [p==0]
    - [p==5] good cells per replicate.
    """
    P, R, N = 6, 2, 10
    fm = np.zeros((P, R, N), int)
    for p in range(P):
        if p == 0:
            fm[p, :, 0] = FM["breakdown_scrap"]
        fm[p, :, 1:1 + p] = FM["low_density"]
        fm[p, :, 9] = FM["hard_short"]
        if p == 5:
            fm[p, :, 8] = FM["drying_crack"]
    return hand_dataset(fm, temps=[1373.15, 1403.15], times=[600.0, 1200.0, 1800.0])
