"""Performance coupling: manufactured state of each cell -> cell metrics -> gates.

Vectorised over every cell of a replicate: one call per physics function.
This module maps the scenario's duty and materials onto the arguments of the
``process_models`` functions; it holds no physics of its own beyond summing
series resistances (R = sum of area-specific resistances, a single-ion
electrolyte has no concentration polarisation, physics.md section 8) and the
discharge current density of the duty (j = C-rate x nominal areal capacity / 3600 s).

A separator below its percolation threshold (zero ionic conductivity) gets an
infinite ASR and no discharge (capacity and energy 0, mean voltage NaN).

End-of-line decision, in order of precedence (the first that applies is the
cell's ``failure_mode``): assembly short, hard short, soft short, voiding
(critical stripping current below the duty's discharge current density),
high ASR, low capacity.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from process_models import conductivity, critical_current, electrochem, shorts, stacking
from process_models.materials import get_electrolyte

__all__ = ["FAILURE_MODES", "SHORT_MODES", "evaluate_cells", "eol_decision"]

#: failure_mode flag values (CF flag_values / flag_meanings)
FAILURE_MODES = (
    "none",
    "drying_crack",
    "pressing_crack",
    "low_density",
    "breakdown_scrap",
    "assembly_short",
    "hard_short",
    "soft_short",
    "voiding",
    "high_asr",
    "low_capacity",
)
FM = {name: i for i, name in enumerate(FAILURE_MODES)}
SHORT_MODES = ("none", "soft", "hard")


@dataclass(frozen=True)
class Duty:
    """End-of-line duty in SI: discharge C-rate [h-1], charge current density [A m-2], temperature [K]."""

    c_rate: float
    charge_current_density: float
    temperature: float


def evaluate_cells(state: dict[str, np.ndarray], *, electrolyte: str, cathode: str, route: str, duty: Duty,
                   anode_method: str, interlayer: bool, cell_area: float) -> dict[str, np.ndarray]:
    """Cell metrics from the manufactured state.

    Parameters
    ----------
    state : dict of ndarray, each shape (n,)
        ``electrolyte_thickness`` [m], ``electrolyte_relative_density`` [-],
        ``grain_size`` [m], ``secondary_phase_fraction`` [-],
        ``li_loss_fraction`` [-], ``retained_conductivity`` [-],
        ``li2co3_thickness`` [m], ``pinhole`` [bool], ``cathode_thickness`` [m],
        ``cathode_active_fraction`` [-], ``cathode_porosity`` [-],
        ``anode_thickness`` [m], ``stack_pressure`` [Pa],
        ``lamination_pressure`` [Pa], ``plating_quantile`` [-] (uniform
        draw placing the cell in the weakest-link scatter of its critical
        plating current).
    electrolyte, cathode : str
        Parameter-set names.
    route : str
        ``oxide_tape`` or ``sulphide`` (selects the cathode/electrolyte contact model).
    duty : Duty
    anode_method : {"foil", "evaporated"}
    interlayer : bool
    cell_area : float
        Active cell area [m2] (weakest-link size effect on the plating current).

    Returns
    -------
    dict of ndarray
        ``electrolyte_conductivity`` [S m-1], ``electronic_conductivity`` [S m-1],
        ``separator_asr``, ``anode_interface_asr``, ``cathode_interface_asr``,
        ``cell_asr`` [ohm m2], ``contact_fraction`` [-],
        ``critical_stripping_current``, ``critical_plating_current`` [A m-2],
        ``short_mode`` (int8, 0 none 1 soft 2 hard), ``assembly_short`` [bool],
        ``cathode_areal_capacity``, ``discharge_capacity`` [C m-2],
        ``discharge_energy`` [J m-2], ``mean_voltage`` [V],
        ``discharge_current_density`` [A m-2], ``specific_energy`` [J kg-1],
        ``energy_density`` [J m-3].
    """
    mat = get_electrolyte(electrolyte)
    T = duty.temperature
    rho = state["electrolyte_relative_density"]
    L = state["electrolyte_thickness"]
    p = state["stack_pressure"]

    sigma = conductivity.ionic_conductivity(
        rho,
        secondary_phase_fraction=state["secondary_phase_fraction"],
        grain_size=state["grain_size"] if np.all(np.isfinite(state["grain_size"])) else None,  # pressed: no fired grains
        retained_fraction=state["retained_conductivity"],
        temperature=T,
        material=electrolyte,
    )
    sigma_e = conductivity.electronic_conductivity(rho, li_loss_fraction=state["li_loss_fraction"], temperature=T, material=electrolyte)
    # a separator below its percolation threshold has no ionic path: infinite resistance, no discharge
    conducting = sigma > 0
    r_sep = np.divide(L, sigma, out=np.full(L.shape, np.inf), where=conducting)
    anode = stacking.anode_interface(
        p,
        state["li2co3_thickness"],
        lamination_pressure=state["lamination_pressure"],
        temperature=T,
        method=anode_method,
        interlayer=interlayer,
        electrolyte=electrolyte,
    )
    r_cath = stacking.cathode_interface_asr(
        p, cathode_process="spray_sintered" if route == "oxide_tape" else "cold_pressed", electrolyte=electrolyte, temperature=T
    )
    series = r_sep + anode.asr + r_cath

    nominal = electrochem.areal_capacity(state["cathode_thickness"], state["cathode_active_fraction"], cathode=cathode)
    ok = np.flatnonzero(conducting)
    part = electrochem.discharge(
        state["cathode_thickness"][ok],
        state["cathode_active_fraction"][ok],
        state["cathode_porosity"][ok],
        sigma[ok],
        series[ok],
        c_rate=duty.c_rate,
        temperature=T,
        cathode=cathode,
    )
    dis = {"capacity": np.zeros(L.shape), "energy": np.zeros(L.shape), "mean_voltage": np.full(L.shape, np.nan)}
    for k in dis:
        dis[k][ok] = getattr(part, k)
    j_dis = nominal * duty.c_rate / 3600.0

    ccs = critical_current.critical_stripping_current(
        p, temperature=T, contact_fraction=anode.contact_fraction, electrolyte=electrolyte,
    )  # parameter set chosen by the electrolyte family inside the model
    # pressed separators have no grain size from firing: their flaws are set by the powder particle size
    typical = critical_current.get_plating_params("Li-LLZO" if mat.family == "oxide" else "Li-LPSCl").typical_grain_size
    grain = np.where(np.isfinite(state["grain_size"]), state["grain_size"], typical)
    flaw = critical_current.manufacturing_flaw_size(rho, grain, pinhole=state["pinhole"], electrolyte_thickness=L)
    ccp = critical_current.critical_plating_current(rho, flaw, stack_pressure=p, temperature=T, electrolyte=electrolyte)
    ccp = ccp * critical_current.weakest_link_factor(state["plating_quantile"], cell_area)
    sh = shorts.short_mode(
        np.full_like(L, duty.charge_current_density), ccs, ccp, p, rho, sigma_e, L,
        pinhole=state["pinhole"], temperature=T, electrolyte=electrolyte,
    )
    stack = electrochem.stack_metrics(
        dis["energy"],
        state["cathode_thickness"],
        L,
        state["anode_thickness"],
        active_fraction=state["cathode_active_fraction"],
        cathode_porosity=state["cathode_porosity"],
        electrolyte_density=mat.theoretical_density * rho,
        cathode=cathode,
    )
    return {
        "electrolyte_conductivity": sigma,
        "electronic_conductivity": sigma_e,
        "separator_asr": r_sep,
        "anode_interface_asr": anode.asr,
        "cathode_interface_asr": np.broadcast_to(r_cath, L.shape).astype(float),
        "cell_asr": series,
        "contact_fraction": anode.contact_fraction,
        "critical_stripping_current": ccs,
        "critical_plating_current": ccp,
        "short_mode": np.asarray(sh.mode, dtype=np.int8),
        "assembly_short": np.asarray(sh.assembly_short, dtype=bool),
        "cathode_areal_capacity": nominal,
        "discharge_capacity": dis["capacity"],
        "discharge_energy": dis["energy"],
        "mean_voltage": dis["mean_voltage"],
        "discharge_current_density": j_dis,
        "specific_energy": stack.specific_energy,
        "energy_density": stack.energy_density,
    }


def eol_decision(m: dict[str, np.ndarray], *, max_cell_asr: float, min_capacity_fraction: float, require_ccs_margin: bool) -> np.ndarray:
    """failure_mode code per cell at the end-of-line test (0: passed)."""
    n = m["cell_asr"].shape[0]
    fm = np.zeros(n, dtype=np.int8)
    checks = [
        ("low_capacity", m["discharge_capacity"] < min_capacity_fraction * m["cathode_areal_capacity"]),
        ("high_asr", m["cell_asr"] > max_cell_asr),
        ("voiding", (m["critical_stripping_current"] < m["discharge_current_density"]) if require_ccs_margin else np.zeros(n, bool)),
        ("soft_short", m["short_mode"] == 1),
        ("hard_short", m["short_mode"] == 2),
        ("assembly_short", m["assembly_short"]),
    ]
    for name, bad in checks:  # later entries take precedence
        fm[bad] = FM[name]
    return fm
