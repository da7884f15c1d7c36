"""The results Dataset as data: every variable, flag and failure mode, in one place.

A variable is one :class:`Variable` row: name, dimensions, ``units``
(CF/UDUNITS, SI), ``long_name``, dtype and the fill value a cell gets when
it never reaches the step that makes the value (NaN for floats). Flags
(``failure_mode``, ``short_mode``) carry CF ``flag_values`` /
``flag_meanings``; each failure mode names the kind of gate that decides it
(``inspection``, ``breakdown`` or ``eol``), so analysis can tell where a cell
was lost without knowing the line.

The simulation allocates its per-cell state from these rows
(:mod:`twin.simulation.state`), the results package builds and stores the
Dataset from them (:mod:`twin.results.dataset`), and analysis reads them
back. Adding a per-cell output is one row here and one line in the step or
stage that computes it (``docs/extending.md``).

Dimensions: ``point`` (sweep point), ``replicate``, ``cell`` (the items the
line makes, in release order: single-layer cells, or the unit layers of
stacked cells), ``stacked_cell`` (the cells made of ``cell.layers`` layers;
the same as ``cell`` when each cell has one layer), ``station`` (route
order), ``gate`` (``breakdown``, each inspection station, the end-of-line
test).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["Variable", "FailureMode", "VARIABLES", "FAILURE_MODES", "FAILURE_CODES", "SHORT_MODES", "FLAGS",
           "GATE_KINDS", "BREAKDOWN_GATE", "CELL", "STACK", "REPLICATE", "REPLICATE_COST_TYPE", "variables", "variable", "flag_attrs", "ANALYSIS_ATTRS"]

CELL = ("point", "replicate", "cell")
STACK = ("point", "replicate", "stacked_cell")
REPLICATE = ("point", "replicate")
CELL_STATION = ("point", "replicate", "cell", "station")
REPLICATE_STATION = ("point", "replicate", "station")
REPLICATE_GATE = ("point", "replicate", "gate")
REPLICATE_COST_TYPE = ("point", "replicate", "cost_type")
#: kinds of cost on the ``cost_type`` dimension (process_models.plant.COST_TYPES, in that order)
COST_TYPES = ("materials", "capital", "building", "labour", "energy", "overhead")

NAN = float("nan")


@dataclass(frozen=True)
class Variable:
    """One variable of the results Dataset."""

    name: str
    dims: tuple[str, ...]
    units: str
    long_name: str
    dtype: str = "float64"
    fill: Any = NAN

    @property
    def per_cell(self) -> bool:
        return self.dims == CELL

    def attrs(self) -> dict:
        """CF attributes: ``units``, ``long_name`` and, for flags, ``flag_values`` / ``flag_meanings``."""
        a = {"units": self.units, "long_name": self.long_name}
        a.update(flag_attrs(self.name))
        return a


@dataclass(frozen=True)
class FailureMode:
    """Why a cell was lost, and the kind of gate that decides it."""

    name: str
    gate: str  # "" (not lost), "inspection", "breakdown" or "eol"
    meaning: str


#: failure_mode flag values, in flag order (append new modes at the end: the codes are stored)
FAILURE_MODES: tuple[FailureMode, ...] = (
    FailureMode("none", "", "passed every gate"),
    FailureMode("drying_crack", "inspection", "tape cracked on drying (visual inspection)"),
    FailureMode("pressing_crack", "inspection", "separator cracked on pressing (visual inspection)"),
    FailureMode("low_density", "inspection", "measured relative density below the gate limit"),
    FailureMode("breakdown_scrap", "breakdown", "on a machine that broke down (on_failure: scrap)"),
    FailureMode("assembly_short", "eol", "Li crept through the separator under stack pressure at assembly"),
    FailureMode("hard_short", "eol", "Li filament connected through the separator in formation (voltage collapse)"),
    FailureMode("soft_short", "eol", "fluctuating short in formation (fractured filaments, electronic leakage: voltage plateau)"),
    FailureMode("voiding", "eol", "anode lost contact in the formation discharge, or its stripping limit is below the duty's discharge current"),
    FailureMode("high_asr", "eol", "cell area-specific resistance above the gate limit"),
    FailureMode("low_capacity", "eol", "delivered capacity below the gate's fraction of nominal"),
    FailureMode("misalignment", "eol", "layer placed off by more than the anode overhang: Li plates at the cathode edge and shorts"),
    FailureMode("layer_reject", "inspection", "unit layer discarded by the layer test before stacking"),
    FailureMode("incomplete_cell", "eol", "too few good layers left at the end of the run to make one more cell"),
    FailureMode("ramp_up_defect", "eol", "immaturity of a line still ramping up (handling, contamination, set-up faults) beyond its steady-state process"),
)
FAILURE_CODES: dict[str, int] = {m.name: i for i, m in enumerate(FAILURE_MODES)}
SHORT_MODES = ("none", "soft", "hard")
#: what the end-of-line tester sees: normal charge to cut-off; plateau: voltage stops rising and fluctuates
#: (soft short); collapse: voltage falls toward 0 V (hard short); polarisation: the discharge hits its
#: cut-off early as the anode loses contact
VOLTAGE_SIGNATURES = ("normal", "plateau", "collapse", "polarisation")
LIFE_FAILURES = ("none", "soft_short", "hard_short", "capacity_fade")
FLAGS: dict[str, tuple[str, ...]] = {
    "failure_mode": tuple(m.name for m in FAILURE_MODES),
    "stack_failure_mode": tuple(m.name for m in FAILURE_MODES),
    "short_mode": SHORT_MODES,
    "voltage_signature": VOLTAGE_SIGNATURES,
    "life_failure": LIFE_FAILURES,
}
#: kinds of gates, in the order they appear on the ``gate`` dimension
GATE_KINDS = ("breakdown", "inspection", "eol")
#: the name of the breakdown gate on the ``gate`` dimension (reserved: no station may take it)
BREAKDOWN_GATE = "breakdown"


def flag_attrs(name: str) -> dict:
    """``flag_values`` / ``flag_meanings`` (and, for failure modes, the gate kind of each) of a flag variable."""
    meanings = FLAGS.get(name)
    if meanings is None:
        return {}
    a = {"flag_values": np.arange(len(meanings), dtype=np.int8), "flag_meanings": " ".join(meanings)}
    if name in ("failure_mode", "stack_failure_mode"):
        a["flag_gates"] = " ".join(m.gate or "none" for m in FAILURE_MODES)
    return a


def _cell(name, units, long_name, dtype="float64", fill=NAN) -> Variable:
    return Variable(name, CELL, units, long_name, dtype, fill)


def _rep(name, units, long_name) -> Variable:
    return Variable(name, REPLICATE, units, long_name)


def _stack(name, units, long_name, dtype="float64", fill=NAN) -> Variable:
    return Variable(name, STACK, units, long_name, dtype, fill)


VARIABLES: tuple[Variable, ...] = (
    # ---- fabrication state of the separator
    _cell("electrolyte_thickness", "m", "fired/pressed electrolyte (separator) thickness"),
    _cell("electrolyte_relative_density", "1", "electrolyte relative density"),
    _cell("electrolyte_conductivity", "S m-1", "electrolyte ionic conductivity at the test temperature"),
    _cell("electronic_conductivity", "S m-1", "electrolyte electronic conductivity"),
    _cell("li_loss_fraction", "1", "Li lost in sintering relative to stoichiometric Li"),
    _cell("secondary_phase_fraction", "1", "volume fraction of Li-deficient secondary phase (La2Zr2O7/tetragonal)"),
    _cell("grain_size", "m", "electrolyte mean grain size"),
    _cell("green_thickness", "m", "dried green tape thickness"),
    _cell("green_density", "1", "green tape relative density"),
    _cell("furnace_temperature", "K", "dwell temperature seen by the sheet (set-point plus position offset)"),
    _cell("li2co3_thickness", "m", "Li2CO3/LiOH surface layer thickness on the electrolyte at Li lamination"),
    _cell("air_exposure_time", "s", "time in ambient air between electrolyte formation and Li lamination"),
    _cell("dry_room_exposure_time", "s", "time in the dry room between electrolyte formation and Li lamination"),
    _cell("retained_conductivity", "1", "fraction of ionic conductivity retained after process/moisture damage"),
    _cell("pinhole", "1", "through-thickness pinhole in the separator", "bool", False),
    _cell("cracked", "1", "crack from drying or pressing", "bool", False),
    # ---- electrodes and stack
    _cell("cathode_thickness", "m", "composite cathode thickness"),
    _cell("cathode_active_fraction", "1", "active-material volume fraction in the composite cathode"),
    _cell("cathode_porosity", "1", "composite cathode porosity"),
    _cell("cathode_areal_capacity", "C m-2", "nominal cathode areal capacity"),
    _cell("catholyte_retained", "1", "fraction of the catholyte's ionic conductivity the composite cathode keeps "
          "after processing (1: undamaged)", fill=1.0),
    _cell("calender_pressure", "Pa", "mean nip pressure on the composite cathode at the calender"),
    _cell("catholyte_cracked", "1", "the calender cracked the catholyte network of the composite cathode", "bool", False),
    _cell("anode_thickness", "m", "Li metal anode thickness"),
    _cell("stack_pressure", "Pa", "stack pressure applied by the fixture"),
    # ---- interfaces, transport, critical currents
    _cell("contact_fraction", "1", "Li | electrolyte true contact area fraction"),
    _cell("separator_asr", "ohm m2", "separator ohmic area-specific resistance"),
    _cell("anode_interface_asr", "ohm m2", "Li | electrolyte interface area-specific resistance"),
    _cell("cathode_interface_asr", "ohm m2", "cathode | electrolyte interface area-specific resistance"),
    _cell("cell_asr", "ohm m2", "cell series area-specific resistance"),
    _cell("critical_stripping_current", "A m-2", "critical stripping current density (void formation) at the assembled contact"),
    _cell("critical_plating_current", "A m-2", "critical plating current density of the largest flaw at the stack pressure"),
    _cell("largest_flaw", "m", "largest flaw (pore or surface flaw) under the anode, at the cell's weakest-link quantile"),
    _cell("threshold_capacity", "C m-2", "capacity plated in one go that takes a pore-network filament across the separator"),
    _cell("filament_severs", "1", "the stack pressure breaks the cell's filaments into dead Li (soft, not hard, shorts)", "bool", False),
    # ---- formation (the end-of-line test)
    _cell("formation_charge_capacity", "C m-2", "charge passed in the formation protocol"),
    _cell("discharge_current_density", "A m-2", "highest discharge current density of the formation protocol"),
    _cell("charge_current_density", "A m-2", "highest charge (plating) current density of the duty"),
    _cell("discharge_capacity", "C m-2", "capacity delivered in the formation protocol"),
    _cell("discharge_energy", "J m-2", "energy delivered in the formation protocol"),
    _cell("first_cycle_efficiency", "1", "formation discharge over formation charge capacity"),
    _cell("mean_voltage", "V", "mean discharge voltage in formation"),
    _cell("voltage_signature", "1", "what the end-of-line tester sees on the formation protocol", "int8", 0),
    _cell("specific_energy", "J kg-1", "stack-level specific energy (formation discharge)"),
    _cell("energy_density", "J m-3", "stack-level energy density at the charged (thickest) state"),
    _cell("charged_anode_thickness", "m", "Li anode thickness at its most charged state in the duty"),
    _cell("layer_areal_mass", "kg m-2", "mass per area of the unit layer (repeat unit with its share of the collectors)"),
    _cell("layer_thickness", "m", "thickness of the unit layer at its charged state (repeat unit with its share of the collectors)"),
    _cell("placement_error", "m", "larger in-plane placement offset of the layer at the stacker"),
    # ---- failure in time under the duty (formation and cycling)
    _cell("short_mode", "1", "short-circuit mode under the duty", "int8", 0),
    _cell("assembly_short", "1", "shorted at assembly (Li pushed through the separator by the stack pressure)", "bool", False),
    _cell("time_to_short", "s", "time from the start of formation to the short (NaN: none)"),
    _cell("capacity_to_short", "C m-2", "Li plated from the start of formation to the short (NaN: none)"),
    _cell("cycles_to_failure", "1", "cycles completed before the cell failed (censored at the protocol's end)"),
    _cell("life_censored", "1", "the cell had not failed when the duty ended", "bool", False),
    _cell("life_failure", "1", "why the cell's cycle life ended", "int8", 0),
    _cell("capacity_retention", "1", "last over first cycle discharge capacity"),
    _cell("dead_li_capacity", "C m-2", "Li isolated as dead Li over the duty"),
    _cell("contact_loss_capacity", "C m-2", "capacity not delivered because the anode lost contact (voids) over the duty"),
    _cell("filament_length", "m", "leading Li filament length at the end of the duty"),
    # ---- fate
    _cell("failure_mode", "1", "why the item was lost (its own check, or its stacked cell's)", "int8", 0),
    _cell("passed", "1", "the item passed every gate (a unit layer: its stacked cell did)", "bool", False),
    _cell("stacked_cell_index", "1", "the stacked cell the layer went into (-1: none)", "int64", -1),
    # ---- genealogy
    _cell("tape_lot", "1", "tape lot (genealogy; -1 on routes without tape casting)", "int64", -1),
    _cell("sheet", "1", "sheet number within its tape lot (genealogy)", "int64", -1),
    _cell("rework_count", "1", "times the item was sent back by a gate", "int64", 0),
    _cell("furnace_batch", "1", "furnace load number (genealogy)", "int64", -1),
    _cell("furnace_position", "1", "position in the furnace load (genealogy)", "int64", -1),
    _cell("release_time", "s", "time the item was released into the line"),
    _cell("completion_time", "s", "time the cell left the end-of-line test"),
    _cell("lead_time", "s", "time from release to leaving the line (completed or scrapped)"),
    # ---- per replicate: line KPIs
    _rep("cells_released", "1", "items released into the line (unit layers: cells x cell.layers)"),
    _rep("cells_completed", "1", "items that left the end-of-line test"),
    _rep("good_cells", "1", "cells that passed every gate (stacked cells of cell.layers layers)"),
    _rep("yield", "1", "final yield: good cells / cells planned (= good items / released items)"),
    _rep("first_pass_yield", "1", "first-pass yield: good cells that were never reworked / released"),
    _rep("reworked", "1", "items sent back at least once by a gate (rework loop)"),
    _rep("false_rejects", "1", "inspection decisions rejecting a conforming item (measurement error)"),
    _rep("false_accepts", "1", "inspection decisions accepting a non-conforming item (measurement error)"),
    _rep("throughput", "s-1", "good cells out of the line per unit time"),
    _rep("makespan", "s", "time until the last item left the line"),
    _rep("wip_mean", "1", "time-averaged work in process"),
    _rep("lead_time_mean", "s", "mean lead time of completed cells"),
    _rep("furnace_loads", "1", "furnace loads fired"),
    _rep("bottleneck", "1", "index on `station` of the most utilised station"),
    # ---- per replicate: cost
    _rep("cost_materials", "USD", "materials consumed by all released items (scrap included)"),
    _rep("cost_energy", "USD", "furnace electricity"),
    _rep("cost_equipment", "USD", "equipment depreciation and labour over the run"),
    _rep("cost_per_good_cell", "USD", "total cost per cell that passed every gate"),
    _rep("cost_per_kwh", "USD kW-1 h-1", "total cost per kWh delivered by good cells at the duty C-rate"),
    # ---- per replicate: layers and stacked cells
    _rep("cells_built", "1", "stacked cells formed (cell.layers good-so-far layers each)"),
    _rep("layer_yield", "1", "unit layers that passed their own end-of-line checks / layers evaluated"),
    _rep("layers_rejected", "1", "unit layers discarded by the layer test"),
    _rep("cost_layer_test", "USD", "cost of testing unit layers before stacking"),
    # ---- per replicate: the line scaled to a plant (scenario.plant), levelized
    _rep("plant_cost_per_kwh", "USD kW-1 h-1", "levelized cost per good kWh of a plant running this line at its nameplate capacity"),
    _rep("plant_cost_per_cell", "USD", "levelized cost per good cell at plant scale"),
    _rep("plant_capital", "USD", "plant investment: equipment, floor and site"),
    _rep("plant_cells_per_year", "year-1", "good cells the plant ships per year"),
    # ---- per stacked cell
    _stack("stack_layers", "1", "unit layers in the cell", "int64", 0),
    _stack("stack_passed", "1", "the cell passed the end-of-line test (every layer did)", "bool", False),
    _stack("stack_failure_mode", "1", "why the cell failed (its worst layer's failure mode)", "int8", 0),
    _stack("stack_capacity", "C", "cell capacity: its layers' formation discharge capacities in parallel"),
    _stack("stack_energy", "J", "cell energy delivered in formation"),
    _stack("stack_resistance", "ohm", "cell series resistance: its layers' ASRs in parallel"),
    _stack("stack_time_to_short", "s", "time to the first short of any of the cell's layers under the duty (NaN: none)"),
    _stack("stack_cycles_to_failure", "1", "cycles completed before the first layer failed (censored at the duty's end)"),
    _stack("stack_mass", "kg", "cell mass: layers, tabs and packaging"),
    _stack("stack_volume", "m3", "cell volume at the charged state, packaging included"),
    _stack("stack_specific_energy", "J kg-1", "cell-level specific energy (packaging included)"),
    _stack("stack_energy_density", "J m-3", "cell-level energy density at the charged state (packaging included)"),
    _stack("module_specific_energy", "J kg-1", "module-level specific energy including the stack-pressure hardware share"),
    _stack("module_energy_density", "J m-3", "module-level energy density including the stack-pressure hardware share"),
    # ---- per cell and station: genealogy time stamps
    Variable("station_start_time", CELL_STATION, "s", "time the item started processing at the station (last visit; NaN: never)"),
    Variable("station_exit_time", CELL_STATION, "s", "time the item left the station (last visit; NaN: never)"),
    # ---- per station and gate
    Variable("utilisation", REPLICATE_STATION, "1", "fraction of time the station's machines are processing"),
    Variable("scrapped", REPLICATE_GATE, "1", "cells scrapped at each gate", "int64", 0),
    Variable("plant_machines", REPLICATE_STATION, "1", "machines the station needs at plant scale"),
    Variable("plant_cost_by_station", REPLICATE_STATION, "USD kW-1 h-1", "conversion cost of the station per good kWh (equipment, floor, labour, energy, overhead)"),
    Variable("scrap_cost", REPLICATE_STATION, "USD kW-1 h-1", "value lost per good kWh by scrapping items at the station (what had been spent on them)"),
    Variable("scrap_point_cost", REPLICATE_STATION, "USD kW-1 h-1", "cost per good kWh of one percentage point more scrap at the station"),
    Variable("plant_cost_by_type", REPLICATE_COST_TYPE, "USD kW-1 h-1", "levelized cost per good kWh by cost type"),
)

_BY_NAME = {v.name: v for v in VARIABLES}

#: global attributes analysis reads instead of the scenario: name -> (units, meaning)
ANALYSIS_ATTRS: dict[str, tuple[str, str]] = {
    "gate_min_relative_density": ("1", "inspection gate: lowest relative density accepted"),
    "gate_max_cell_asr": ("ohm m2", "end-of-line gate: highest cell ASR accepted"),
    "gate_min_capacity_fraction": ("1", "end-of-line gate: lowest fraction of nominal capacity accepted"),
    "gate_require_ccs_margin": ("1", "end-of-line gate: 1 if the stripping current must exceed the discharge current"),
    "duty_temperature": ("K", "temperature of the duty"),
    "duty_formation": ("", "formation protocol steps, separated by ' | '"),
    "duty_cycling": ("", "steps of one cycle, separated by ' | ' (empty: no cycling)"),
    "duty_cycles": ("1", "cycles in the cycling block (0: none)"),
    "duty_current_scale": ("1", "factor on every current of the protocol"),
    "cell_layers": ("1", "unit layers per cell (a sweep of cell.layers overrides it per point)"),
    "plant_params": ("", "plant parameter set the line is levelized at"),
    "sweep_design": ("", "grid, lhs, sobol or none"),
    "uncertainty_source": ("", "where the uncertain parameters were drawn from: priors, posterior FILE, or none"),
    "uncertainty_draws": ("1", "parameter sets drawn (0: none); coordinate draw on point"),
    "uncertainty_parameters": ("", "the uncertain parameters (REGISTRY.set.field), space-separated; coordinates theta_* on point"),
    "credible_level": ("1", "credible level of the intervals the summary and the report give"),
    "sweep_paths": ("", "swept setting paths, in the order the scenario lists them"),
}


def variables(dims: tuple[str, ...] | None = None) -> tuple[Variable, ...]:
    """The contract's variables (those on ``dims`` only, if given), in Dataset order."""
    return VARIABLES if dims is None else tuple(v for v in VARIABLES if v.dims == dims)


def variable(name: str) -> Variable:
    """One variable by name; a wrong name lists the valid ones."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise KeyError(f"no results variable {name!r}; valid: {', '.join(_BY_NAME)}") from None
