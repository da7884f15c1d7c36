"""Cell evaluation and the duty engine: edge cases, charge bookkeeping, analytic cases."""

import warnings
from types import SimpleNamespace

import numpy as np
import pytest

from process_models.electrodes import get_cathode
from twin.contract import FAILURE_CODES as FM
from twin.scenario.duty import Cycling, Duty
from twin.simulation.cell import CellSetup, evaluate_cells
from twin.simulation.eol import eol_decision

MAH_CM2 = 36000.0
FORMATION = ["Charge at C/10 until 4.3 V", "Rest for 1 hour", "Discharge at C/10 until 2.5 V"]


def _state(density, **over):
    n = len(density)
    s = dict(
        electrolyte_thickness=np.full(n, 50e-6), electrolyte_relative_density=np.asarray(density, float),
        grain_size=np.full(n, np.nan), secondary_phase_fraction=np.zeros(n), li_loss_fraction=np.zeros(n),
        retained_conductivity=np.ones(n), li2co3_thickness=np.zeros(n), pinhole=np.zeros(n, bool),
        cathode_thickness=np.full(n, 60e-6), cathode_active_fraction=np.full(n, 0.6), cathode_porosity=np.full(n, 0.1),
        catholyte_retained=np.ones(n),
        anode_thickness=np.full(n, 50e-6), stack_pressure=np.full(n, 5e6), lamination_pressure=np.full(n, 5e6),
        plating_quantile=np.full(n, 0.5), interface_scatter=np.zeros(n),
    )
    s.update({k: np.full(n, v) for k, v in over.items()})
    return s


def _setup(formation=FORMATION, cycling=None, **kw):
    return CellSetup("Li6PS5Cl", "NMC811", Duty(formation=formation, cycling=cycling), "foil", False, 1e-3, **kw)


def test_non_percolating_separator_has_infinite_asr_and_no_discharge_without_warnings():
    """A pressed sulphide below its percolation threshold conducts no ions: infinite ASR, zero capacity,
    and the cell fails the end-of-line test; percolating cells in the same call are unaffected."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = evaluate_cells(_state([0.5, 0.93]), _setup())
    assert m["electrolyte_conductivity"][0] == 0 and np.isinf(m["cell_asr"][0])
    assert m["discharge_capacity"][0] == 0 and m["specific_energy"][0] == 0 and np.isnan(m["mean_voltage"][0])
    assert m["discharge_capacity"][1] > 0.8 * m["cathode_areal_capacity"][1]
    m["duty_discharge_current_density"] = m["discharge_current_density"]
    m["misaligned"] = np.zeros(2, bool)
    m["ramp_defect"] = np.zeros(2, bool)
    fm = eol_decision(m, SimpleNamespace(max_cell_asr=4e-3, min_capacity_fraction=0.8, require_ccs_margin=True))
    assert fm[0] != FM["none"] and fm[1] == FM["none"]


def test_formation_bookkeeping():
    """Closed (93 % dense: no pore network) sulphide cell at C/10: the first charge passes the nominal
    capacity plus the irreversible first-cycle part, the discharge gives back ~ICE of it; the clock is
    the charge, the rest and the discharge."""
    m = evaluate_cells(_state([0.93]), _setup())
    ice = get_cathode("NMC811").first_cycle_efficiency
    q_nom = m["cathode_areal_capacity"][0]
    assert m["formation_charge_capacity"][0] == pytest.approx(q_nom / ice, rel=0.05)
    assert m["first_cycle_efficiency"][0] == pytest.approx(ice, rel=0.05)
    assert m["short_mode"][0] == 0 and np.isnan(m["time_to_short"][0]) and m["voltage_signature"][0] == 0
    # the anode is thickest when charged: Li plated on top of the foil
    li_plated = m["formation_charge_capacity"][0] / (534.0 * 3860 * 3600)
    assert m["charged_anode_thickness"][0] == pytest.approx(50e-6 + li_plated, rel=1e-6)


def test_cycling_censored_and_li_limited_fade():
    """600 C/5 cycles: with a thick Li reservoir the cell survives (censored, retention ~1); with almost
    none (the first cycle's irreversible Li is the reservoir) the dead Li (1 - CE per plating) eats it and
    capacity fades below 80 %."""
    cyc = Cycling(steps=["Charge at C/5 until 4.3 V", "Discharge at C/5 until 2.5 V"], repeat=600)
    thick = evaluate_cells(_state([0.93], anode_thickness=200e-6), _setup(cycling=cyc))
    assert thick["life_censored"][0] and thick["cycles_to_failure"][0] == 600
    assert thick["capacity_retention"][0] == pytest.approx(1.0, abs=0.01)
    thin = evaluate_cells(_state([0.93], anode_thickness=0.1e-6), _setup(cycling=cyc))
    assert not thin["life_censored"][0] and thin["life_failure"][0] == 3  # capacity_fade
    assert 100 < thin["cycles_to_failure"][0] < 600
    assert thin["dead_li_capacity"][0] > 0


def test_porous_thick_separator_soft_shorts_in_formation_at_cao_pressure():
    """A 1.2 mm, 84 % dense argyrodite pellet at 10 MPa (Cao 2023's cell) shorts during the formation
    charge (threshold capacity), softly; at 0 MPa hard. The tester sees a plateau / a collapse."""
    soft = evaluate_cells(_state([0.84], electrolyte_thickness=1.2e-3, stack_pressure=10e6), _setup())
    hard = evaluate_cells(_state([0.84], electrolyte_thickness=1.2e-3, stack_pressure=0.0, lamination_pressure=10e6),
                          _setup())
    assert soft["short_mode"][0] == 1 and soft["voltage_signature"][0] == 1
    assert hard["short_mode"][0] == 2 and hard["voltage_signature"][0] == 2
    assert soft["capacity_to_short"][0] == pytest.approx(soft["threshold_capacity"][0], rel=1e-6)


def test_hold_step_charges_to_equilibrium():
    """A CV hold after a CC charge adds the capacity the CC step left (rate-limited) and takes time."""
    cc = ["Charge at C/2 until 4.3 V", "Discharge at C/20 until 2.5 V"]
    cv = ["Charge at C/2 until 4.3 V", "Hold at 4.3 V until C/50", "Discharge at C/20 until 2.5 V"]
    a = evaluate_cells(_state([0.93]), _setup(formation=cc))
    b = evaluate_cells(_state([0.93]), _setup(formation=cv))
    assert b["formation_charge_capacity"][0] > a["formation_charge_capacity"][0]
    assert b["discharge_capacity"][0] > a["discharge_capacity"][0]
