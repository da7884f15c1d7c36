"""Performance coupling edge cases."""

import warnings
from types import SimpleNamespace

import numpy as np

from twin.contract import FAILURE_CODES as FM
from twin.simulation.cell import CellSetup, Duty, evaluate_cells
from twin.simulation.eol import eol_decision


def _state(density):
    n = len(density)
    return dict(
        electrolyte_thickness=np.full(n, 50e-6), electrolyte_relative_density=np.asarray(density, float),
        grain_size=np.full(n, np.nan), secondary_phase_fraction=np.zeros(n), li_loss_fraction=np.zeros(n),
        retained_conductivity=np.ones(n), li2co3_thickness=np.zeros(n), pinhole=np.zeros(n, bool),
        cathode_thickness=np.full(n, 60e-6), cathode_active_fraction=np.full(n, 0.6), cathode_porosity=np.full(n, 0.1),
        catholyte_retained=np.ones(n),
        anode_thickness=np.full(n, 20e-6), stack_pressure=np.full(n, 5e6), lamination_pressure=np.full(n, 5e6),
        plating_quantile=np.full(n, 0.5),
    )


def test_non_percolating_separator_has_infinite_asr_and_no_discharge_without_warnings():
    """A pressed sulphide below its percolation threshold conducts no ions: infinite ASR, zero capacity,
    and the cell fails the end-of-line test; percolating cells in the same call are unaffected."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = evaluate_cells(_state([0.5, 0.85]), CellSetup("Li6PS5Cl", "NMC811", Duty(0.1, 2.0, 298.15), "foil", False, 1e-3))
    assert m["electrolyte_conductivity"][0] == 0 and np.isinf(m["cell_asr"][0])
    assert m["discharge_capacity"][0] == 0 and m["specific_energy"][0] == 0 and np.isnan(m["mean_voltage"][0])
    assert m["discharge_capacity"][1] > 0.9 * m["cathode_areal_capacity"][1]
    fm = eol_decision(m, SimpleNamespace(max_cell_asr=4e-3, min_capacity_fraction=0.8, require_ccs_margin=True))
    assert fm[0] != FM["none"] and fm[1] == FM["none"]
