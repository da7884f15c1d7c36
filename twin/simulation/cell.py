"""A finished cell, from its manufactured state to its metrics: transport -> interfaces -> anode -> duty -> stack.

Vectorised over every cell that reached the end-of-line test: one call per
physics function, then one pass of all cells through the duty
(:mod:`twin.simulation.protocol`). :func:`evaluate_cells` only sequences the
named stages; each maps the cell state onto the arguments of the
``process_models`` functions. The coupling holds no physics of its own beyond
summing series resistances (a single-ion electrolyte has no concentration
polarisation, physics.md section 8).

A separator below its percolation threshold (zero ionic conductivity) gets an
infinite ASR and no discharge (capacity and energy 0, mean voltage NaN).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from process_models import anode_cycling, conductivity, critical_current, electrochem, filaments, flaws, shorts, stacking
from process_models.electrodes import LITHIUM
from process_models.materials import by_family, get_electrolyte

from .protocol import DutyCells, run_duty

__all__ = ["CellSetup", "evaluate_cells", "transport", "interfaces", "anode", "duty", "stack", "STATE_FIELDS"]

_LI_PER_VOLUME = LITHIUM.density * LITHIUM.specific_capacity  # C m-3: Li metal as charge

#: cell-state fields the evaluation reads
STATE_FIELDS = (
    "electrolyte_thickness", "electrolyte_relative_density", "grain_size", "secondary_phase_fraction",
    "li_loss_fraction", "retained_conductivity", "li2co3_thickness", "pinhole", "cathode_thickness",
    "cathode_active_fraction", "cathode_porosity", "catholyte_retained", "anode_thickness", "stack_pressure",
    "lamination_pressure", "plating_quantile", "interface_scatter",
)


@dataclass(frozen=True)
class CellSetup:
    """What the evaluation needs besides the cell state: materials, duty, anode, cathode making and cell design (SI)."""

    electrolyte: str
    cathode: str
    duty: object  # twin.scenario.duty.Duty: temperature [K], formation, cycling
    anode_method: str = "foil"
    interlayer: bool = False
    cell_area: float = 1e-3  # [m2] (largest flaw under the anode; absolute protocol currents)
    cathode_method: str = "press"
    pressing_pressure: float = 100e6  # [Pa]
    firing_temperature: float = 973.15  # [K]
    firing_time: float = 600.0  # [s]

    @classmethod
    def of(cls, scenario) -> "CellSetup":
        an, ca = scenario.process.anode, scenario.process.cathode
        return cls(scenario.materials.electrolyte, scenario.materials.cathode, scenario.duty, an.method, an.interlayer,
                   scenario.process.stacking.cell_area, ca.method, ca.pressing_pressure, ca.firing_temperature,
                   ca.firing_time)

    @property
    def temperature(self) -> float:
        return float(self.duty.temperature)


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
        ``cathode_porosity`` [-], ``catholyte_retained`` [-],
        ``anode_thickness`` [m], ``stack_pressure`` [Pa],
        ``lamination_pressure`` [Pa], ``plating_quantile`` [-] (the cell's
        place in its largest-flaw distribution), ``interface_scatter`` [-]
        (its standard-normal draw of cathode-interface scatter).
    setup : CellSetup

    Returns
    -------
    dict of ndarray
        The per-cell variables of the results contract written at the
        end-of-line test (see ``twin.contract``): transport, interfaces,
        critical currents, the largest flaw, the formation results, the
        time-resolved failure outputs and the stack-level energy.
    """
    out = transport(state, setup)
    out.update(interfaces(state, out, setup))
    out.update(anode(state, out, setup))
    out.update(duty(state, out, setup))
    out.update(stack(state, out, setup))
    return out


def transport(state, setup: CellSetup) -> dict[str, np.ndarray]:
    """Ionic and electronic conductivity of the separator and its ohmic ASR."""
    T = setup.temperature
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
    """Li | electrolyte and cathode | electrolyte interfaces (as made), and the cell's series ASR."""
    T, p = setup.temperature, state["stack_pressure"]
    an = stacking.anode_interface(
        p, state["li2co3_thickness"], lamination_pressure=state["lamination_pressure"], temperature=T,
        method=setup.anode_method, interlayer=setup.interlayer, electrolyte=setup.electrolyte,
    )
    r_cath = stacking.cathode_interface_asr(
        cathode_process=stacking.cathode_process(setup.cathode_method, setup.electrolyte), electrolyte=setup.electrolyte,
        pressing_pressure=setup.pressing_pressure, firing_temperature=setup.firing_temperature,
        firing_time=setup.firing_time, temperature=T, scatter=state["interface_scatter"],
    )
    return {
        "anode_interface_asr": an.asr, "cathode_interface_asr": r_cath,
        "cell_asr": out["separator_asr"] + an.asr + r_cath, "contact_fraction": an.contact_fraction,
    }


def _grain(state, setup: CellSetup) -> np.ndarray:
    """Grain (fired) or particle (pressed: the powder's typical size) size [m]."""
    typical = critical_current.get_plating_params(by_family(setup.electrolyte, oxide="Li-LLZO", sulphide="Li-LPSCl"))
    return np.where(np.isfinite(state["grain_size"]), state["grain_size"], typical.typical_grain_size), typical


def anode(state, out, setup: CellSetup) -> dict[str, np.ndarray]:
    """The anode as the duty finds it: largest flaw, critical currents, filament route, assembly and leakage shorts."""
    T, p, rho, L = setup.temperature, state["stack_pressure"], state["electrolyte_relative_density"], state["electrolyte_thickness"]
    grain, plating = _grain(state, setup)
    flaw = flaws.largest_flaw(rho, grain, setup.cell_area, state["plating_quantile"], pinhole=state["pinhole"],
                              electrolyte_thickness=L, surface_flaw_size=plating.surface_flaw_size)
    ccp = critical_current.critical_plating_current(rho, flaw, stack_pressure=p, temperature=T, electrolyte=setup.electrolyte)
    supply = critical_current.critical_stripping_current(p, temperature=T, electrolyte=setup.electrolyte)
    mat = get_electrolyte(setup.electrolyte)
    return {
        "largest_flaw": flaw, "critical_plating_current": ccp,
        "critical_stripping_current": supply * out["contact_fraction"],
        "resupply_current": supply,
        "threshold_capacity": filaments.threshold_capacity(L, 1.0 - rho, interlayer=setup.interlayer),
        "filament_severs": filaments.severs(p, 1.0 - rho, mat.youngs_modulus, flaw, T),
        "assembly_short": shorts.assembly_short(ccp, p, rho, L, flaw, pinhole=state["pinhole"], temperature=T),
        "electronic_leakage": shorts.electronic_leakage(out["electronic_conductivity"]),
    }


def duty(state, out, setup: CellSetup) -> dict[str, np.ndarray]:
    """Formation and cycling of every cell (:func:`twin.simulation.protocol.run_duty`)."""
    rho, L = state["electrolyte_relative_density"], state["electrolyte_thickness"]
    itf = anode_cycling.Interface(
        thickness=L, focusing=filaments.network_focusing(1.0 - rho, interlayer=setup.interlayer),
        critical_plating_current=out["critical_plating_current"], resupply_current=out["resupply_current"],
        max_contact=out["contact_fraction"], severs=out["filament_severs"],
    )
    nominal = electrochem.nominal_capacity(state["cathode_thickness"], state["cathode_active_fraction"], cathode=setup.cathode)
    cells = DutyCells(
        itf, nominal, state["anode_thickness"] * _LI_PER_VOLUME, state["cathode_thickness"],
        state["cathode_active_fraction"], state["cathode_porosity"],
        out["electrolyte_conductivity"] * state["catholyte_retained"], out["cell_asr"], setup.cell_area,
        setup.cathode, setup.temperature, float(setup.duty.current_scale),
    )
    res = run_duty(cells, setup.duty.formation, setup.duty.cycling)
    res.update(_immediate_shorts(out, res, L))
    res["cathode_areal_capacity"] = nominal
    res["mean_voltage"] = np.divide(res["discharge_energy"], res["discharge_capacity"],
                                    out=np.full(L.shape, np.nan), where=res["discharge_capacity"] > 0)
    return res


def _immediate_shorts(out, res, L) -> dict[str, np.ndarray]:
    """Cells shorted before any current (assembly: hard) or from the first charge (leakage: soft)."""
    asm, leak = out["assembly_short"], out["electronic_leakage"] & ~out["assembly_short"]
    now = (asm | leak) & ~(res["short_mode"] > 0)
    mode = np.where(asm, shorts.HARD, np.where(leak & now, shorts.SOFT, res["short_mode"])).astype(np.int8)
    sig = np.where(asm, 2, np.where(leak & now, 1, res["voltage_signature"])).astype(np.int8)
    return {
        "short_mode": mode, "voltage_signature": sig,
        "time_to_short": np.where(asm | (leak & now), 0.0, res["time_to_short"]),
        "capacity_to_short": np.where(asm | (leak & now), 0.0, res["capacity_to_short"]),
        "filament_length": np.where(asm, L, res["filament_length"]),
    }


def stack(state, out, setup: CellSetup) -> dict[str, np.ndarray]:
    """Stack-level energy at the charged state: the anode is thickest when the Li is plated."""
    mat = get_electrolyte(setup.electrolyte)
    charged_anode = out["charged_anode_lithium"] / _LI_PER_VOLUME
    st = electrochem.stack_metrics(
        out["discharge_energy"], state["cathode_thickness"], state["electrolyte_thickness"], charged_anode,
        active_fraction=state["cathode_active_fraction"], cathode_porosity=state["cathode_porosity"],
        electrolyte_density=mat.theoretical_density * state["electrolyte_relative_density"], cathode=setup.cathode,
    )
    return {"specific_energy": st.specific_energy, "energy_density": st.energy_density,
            "charged_anode_thickness": charged_anode, "layer_areal_mass": st.areal_mass, "layer_thickness": st.thickness}
