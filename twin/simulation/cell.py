"""A finished cell, from its manufactured state to its metrics: transport -> interfaces -> protocol.

Vectorised over every cell that reached the end-of-line test: one call per
physics function. :func:`evaluate_cells` only sequences three named stages;
each maps the cell state and the duty onto the arguments of the
``process_models`` functions. The coupling holds no physics of its own beyond
summing series resistances (a single-ion electrolyte has no concentration
polarisation, physics.md section 8) and the discharge current density of the
duty (j = C-rate x nominal areal capacity / 3600 s).

A separator below its percolation threshold (zero ionic conductivity) gets an
infinite ASR and no discharge (capacity and energy 0, mean voltage NaN).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from process_models import conductivity, critical_current, electrochem, shorts, stacking
from process_models.materials import by_family, get_electrolyte

__all__ = ["CellSetup", "Duty", "evaluate_cells", "transport", "interfaces", "protocol", "STATE_FIELDS"]

#: cell-state fields the evaluation reads
STATE_FIELDS = (
    "electrolyte_thickness", "electrolyte_relative_density", "grain_size", "secondary_phase_fraction",
    "li_loss_fraction", "retained_conductivity", "li2co3_thickness", "pinhole", "cathode_thickness",
    "cathode_active_fraction", "cathode_porosity", "catholyte_retained", "anode_thickness", "stack_pressure",
    "lamination_pressure", "plating_quantile",
)


@dataclass(frozen=True)
class Duty:
    """End-of-line duty in SI: discharge C-rate [h-1], charge current density [A m-2], temperature [K]."""

    c_rate: float
    charge_current_density: float
    temperature: float


@dataclass(frozen=True)
class CellSetup:
    """What the evaluation needs besides the cell state: materials, duty, anode and cell design (SI)."""

    electrolyte: str
    cathode: str
    duty: Duty
    anode_method: str = "foil"
    interlayer: bool = False
    cell_area: float = 1e-3  # [m2] (weakest-link size effect on the plating current)

    @classmethod
    def of(cls, scenario) -> "CellSetup":
        d, an = scenario.duty, scenario.process.anode
        return cls(scenario.materials.electrolyte, scenario.materials.cathode,
                   Duty(d.c_rate, d.charge_current_density, d.temperature),
                   an.method, an.interlayer, scenario.process.stacking.cell_area)


def evaluate_cells(state: dict[str, np.ndarray], setup: CellSetup) -> dict[str, np.ndarray]:
    """Cell metrics from the manufactured state (each array shape (n,)).

    Parameters
    ----------
    state : dict of ndarray
        The :data:`STATE_FIELDS`: ``electrolyte_thickness`` [m],
        ``electrolyte_relative_density`` [-], ``grain_size`` [m],
        ``secondary_phase_fraction`` [-], ``li_loss_fraction`` [-],
        ``retained_conductivity`` [-], ``li2co3_thickness`` [m], ``pinhole``
        [bool], ``cathode_thickness`` [m], ``cathode_active_fraction`` [-],
        ``cathode_porosity`` [-], ``catholyte_retained`` [-] (the catholyte's
        conductivity in the composite as a fraction of the separator's: damage
        from processing), ``anode_thickness`` [m], ``stack_pressure``
        [Pa], ``lamination_pressure`` [Pa], ``plating_quantile`` [-].
    setup : CellSetup

    Returns
    -------
    dict of ndarray
        ``electrolyte_conductivity``, ``electronic_conductivity`` [S m-1],
        ``separator_asr``, ``anode_interface_asr``, ``cathode_interface_asr``,
        ``cell_asr`` [ohm m2], ``contact_fraction`` [-],
        ``critical_stripping_current``, ``critical_plating_current`` [A m-2],
        ``short_mode`` (int8, 0 none 1 soft 2 hard), ``assembly_short`` [bool],
        ``cathode_areal_capacity``, ``discharge_capacity`` [C m-2],
        ``discharge_energy`` [J m-2], ``mean_voltage`` [V],
        ``discharge_current_density`` [A m-2], ``specific_energy`` [J kg-1],
        ``energy_density`` [J m-3].
    """
    out = transport(state, setup)
    out.update(interfaces(state, out, setup))
    out.update(protocol(state, out, setup))
    return out


def transport(state, setup: CellSetup) -> dict[str, np.ndarray]:
    """Ionic and electronic conductivity of the separator and its ohmic ASR."""
    T = setup.duty.temperature
    rho, L = state["electrolyte_relative_density"], state["electrolyte_thickness"]
    sigma = conductivity.ionic_conductivity(
        rho,
        secondary_phase_fraction=state["secondary_phase_fraction"],
        grain_size=state["grain_size"] if np.all(np.isfinite(state["grain_size"])) else None,  # pressed: no fired grains
        retained_fraction=state["retained_conductivity"],
        temperature=T,
        material=setup.electrolyte,
    )
    sigma_e = conductivity.electronic_conductivity(rho, li_loss_fraction=state["li_loss_fraction"], temperature=T,
                                                   material=setup.electrolyte)
    # a separator below its percolation threshold has no ionic path: infinite resistance, no discharge
    r_sep = np.divide(L, sigma, out=np.full(L.shape, np.inf), where=sigma > 0)
    return {"electrolyte_conductivity": sigma, "electronic_conductivity": sigma_e, "separator_asr": r_sep}


def interfaces(state, out, setup: CellSetup) -> dict[str, np.ndarray]:
    """Li | electrolyte and cathode | electrolyte interfaces, and the cell's series ASR."""
    T, p, L = setup.duty.temperature, state["stack_pressure"], state["electrolyte_thickness"]
    anode = stacking.anode_interface(
        p, state["li2co3_thickness"], lamination_pressure=state["lamination_pressure"], temperature=T,
        method=setup.anode_method, interlayer=setup.interlayer, electrolyte=setup.electrolyte,
    )
    r_cath = stacking.cathode_interface_asr(
        p, cathode_process=stacking.default_cathode_process(setup.electrolyte), electrolyte=setup.electrolyte, temperature=T,
    )
    return {
        "anode_interface_asr": anode.asr,
        "cathode_interface_asr": np.broadcast_to(r_cath, L.shape).astype(float),
        "cell_asr": out["separator_asr"] + anode.asr + r_cath,
        "contact_fraction": anode.contact_fraction,
    }


def protocol(state, out, setup: CellSetup) -> dict[str, np.ndarray]:
    """The duty: discharge, critical currents, shorts on charge, and stack-level energy."""
    res = _discharge(state, out, setup)
    res.update(_critical_currents(state, out, setup))
    res.update(_shorts(state, out, res, setup))
    res.update(_stack(state, res, setup))
    return res


def _discharge(state, out, setup: CellSetup) -> dict[str, np.ndarray]:
    L = state["electrolyte_thickness"]
    nominal = electrochem.areal_capacity(state["cathode_thickness"], state["cathode_active_fraction"], cathode=setup.cathode)
    ok = np.flatnonzero(out["electrolyte_conductivity"] > 0)
    part = electrochem.discharge(
        state["cathode_thickness"][ok], state["cathode_active_fraction"][ok], state["cathode_porosity"][ok],
        out["electrolyte_conductivity"][ok] * state["catholyte_retained"][ok], out["cell_asr"][ok],
        c_rate=setup.duty.c_rate, temperature=setup.duty.temperature, cathode=setup.cathode,
    )
    dis = {"capacity": np.zeros(L.shape), "energy": np.zeros(L.shape), "mean_voltage": np.full(L.shape, np.nan)}
    for k in dis:
        dis[k][ok] = getattr(part, k)
    return {
        "cathode_areal_capacity": nominal, "discharge_capacity": dis["capacity"], "discharge_energy": dis["energy"],
        "mean_voltage": dis["mean_voltage"], "discharge_current_density": nominal * setup.duty.c_rate / 3600.0,
    }


def _critical_currents(state, out, setup: CellSetup) -> dict[str, np.ndarray]:
    T, p, rho, L = setup.duty.temperature, state["stack_pressure"], state["electrolyte_relative_density"], state["electrolyte_thickness"]
    ccs = critical_current.critical_stripping_current(
        p, temperature=T, contact_fraction=out["contact_fraction"], electrolyte=setup.electrolyte,
    )  # parameter set chosen by the electrolyte family inside the model
    # pressed separators have no grain size from firing: their flaws are set by the powder particle size
    plating_set = by_family(setup.electrolyte, oxide="Li-LLZO", sulphide="Li-LPSCl")
    typical = critical_current.get_plating_params(plating_set).typical_grain_size
    grain = np.where(np.isfinite(state["grain_size"]), state["grain_size"], typical)
    flaw = critical_current.manufacturing_flaw_size(rho, grain, pinhole=state["pinhole"], electrolyte_thickness=L)
    ccp = critical_current.critical_plating_current(rho, flaw, stack_pressure=p, temperature=T, electrolyte=setup.electrolyte)
    ccp = ccp * critical_current.weakest_link_factor(state["plating_quantile"], setup.cell_area)
    return {"critical_stripping_current": ccs, "critical_plating_current": ccp}


def _shorts(state, out, res, setup: CellSetup) -> dict[str, np.ndarray]:
    L = state["electrolyte_thickness"]
    sh = shorts.short_mode(
        np.full_like(L, setup.duty.charge_current_density), res["critical_stripping_current"],
        res["critical_plating_current"], state["stack_pressure"], state["electrolyte_relative_density"],
        out["electronic_conductivity"], L, pinhole=state["pinhole"], temperature=setup.duty.temperature,
        electrolyte=setup.electrolyte,
    )
    return {"short_mode": np.asarray(sh.mode, dtype=np.int8), "assembly_short": np.asarray(sh.assembly_short, dtype=bool)}


def _stack(state, res, setup: CellSetup) -> dict[str, np.ndarray]:
    mat = get_electrolyte(setup.electrolyte)
    stack = electrochem.stack_metrics(
        res["discharge_energy"], state["cathode_thickness"], state["electrolyte_thickness"], state["anode_thickness"],
        active_fraction=state["cathode_active_fraction"], cathode_porosity=state["cathode_porosity"],
        electrolyte_density=mat.theoretical_density * state["electrolyte_relative_density"], cathode=setup.cathode,
    )
    return {"specific_energy": stack.specific_energy, "energy_density": stack.energy_density}
