"""The fixed vocabulary of measured data: quantities, conditions, columns.

A measurement file names each measured thing by a :class:`QuantitySpec` of
:data:`QUANTITIES` and the circumstances of the measurement by the
:class:`ConditionSpec` columns of :data:`CONDITIONS`. Each entry carries its
physical dimension (a key of :data:`twin.scenario.units.DIMENSIONS`, or one of
the few composite dimensions of :data:`COMPOSITE_KINDS` that the scenario does
not need), the SI unit the reader converts to, a description and, where the
results Dataset holds the same thing per cell, the name of that contract
variable (``twin compare`` pairs them through it).

Adding a quantity is one row here and one row in ``docs/data.md`` (a test
checks that the page lists every name).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..scenario.units import DIMENSIONS

__all__ = ["QuantitySpec", "ConditionSpec", "QUANTITIES", "CONDITIONS", "COMPOSITE_KINDS", "RELATIONS", "TAGS",
           "REQUIRED_COLUMNS", "OPTIONAL_COLUMNS", "TEXT_COLUMNS", "LINE_ID_COLUMNS", "si_unit_of_kind",
           "kind_label", "suggest"]

#: dimensions outside the scenario's DIMENSIONS: name -> (base kind, SI factor unit, SI unit printed).
#: A value in unit ``u`` is checked and converted as ``value (u) * (factor)``, which must have the base kind;
#: the factor is 1 in SI, so the SI magnitude is unchanged.
COMPOSITE_KINDS: dict[str, tuple[str, str, str]] = {
    "strain_rate": ("dimensionless", "s", "s-1"),
    "molar_energy": ("dimensionless", "mol / J", "J mol-1"),
    "fracture_toughness": ("pressure", "m ** -0.5", "Pa m0.5"),
}


def si_unit_of_kind(kind: str) -> str:
    """SI unit string (CF/UDUNITS form) of a dimension name, scenario or composite."""
    if kind in COMPOSITE_KINDS:
        return COMPOSITE_KINDS[kind][2]
    return DIMENSIONS[kind][1]


def kind_label(kind: str) -> str:
    """``"current_density"`` -> ``"current density"`` (for messages)."""
    return kind.replace("_", " ")


@dataclass(frozen=True)
class QuantitySpec:
    """One measurable quantity: dimension, SI unit, example unit, meaning and contract twin."""

    name: str
    kind: str
    example: str
    description: str
    contract: str | None = None

    @property
    def si_unit(self) -> str:
        return si_unit_of_kind(self.kind)


@dataclass(frozen=True)
class ConditionSpec:
    """One condition column: dimension, example unit and meaning."""

    name: str
    kind: str
    example: str
    description: str

    @property
    def si_unit(self) -> str:
        return si_unit_of_kind(self.kind)


def _q(name, kind, example, description, contract=None) -> QuantitySpec:
    return QuantitySpec(name, kind, example, description, contract)


_QUANTITY_ROWS: tuple[QuantitySpec, ...] = (
    # ---- electrolyte microstructure and transport
    _q("relative_density", "dimensionless", "%", "electrolyte relative density", "electrolyte_relative_density"),
    _q("porosity", "dimensionless", "%", "electrolyte porosity (1 - relative density where both are given)"),
    _q("grain_size", "length", "um", "mean grain size of the electrolyte", "grain_size"),
    _q("thickness", "length", "um", "electrolyte (separator, pellet or film) thickness", "electrolyte_thickness"),
    _q("ionic_conductivity", "conductivity", "mS/cm", "electrolyte ionic conductivity", "electrolyte_conductivity"),
    _q("electronic_conductivity", "conductivity", "S/cm", "electrolyte electronic conductivity",
       "electronic_conductivity"),
    _q("cracked", "dimensionless", "1", "1 if the specimen cracked (or fractured), 0 if it stayed crack-free",
       "cracked"),
    # ---- firing: phase changes on heating
    _q("secondary_phase_formation_temperature", "temperature", "degC",
       "temperature at which a Li-deficient secondary phase (La2Zr2O7) forms on heating"),
    _q("carbonate_decomposition_temperature", "temperature", "degC",
       "temperature at which the Li2CO3 surface layer decomposes on heating"),
    _q("pore_removal_temperature", "temperature", "degC", "temperature from which strong pore removal sets in"),
    # ---- interfaces and critical currents
    _q("anode_interface_asr", "asr", "ohm*cm^2", "Li | electrolyte interface area-specific resistance",
       "anode_interface_asr"),
    _q("critical_stripping_current", "current_density", "mA/cm^2",
       "stripping current density above which voids open at the Li | electrolyte interface",
       "critical_stripping_current"),
    _q("critical_plating_current", "current_density", "mA/cm^2",
       "plating current density up to which Li plates without dendrites", "critical_plating_current"),
    _q("short_current_density", "current_density", "mA/cm^2",
       "current density of the step at which a stepped-current symmetric cell shorted"),
    _q("contact_loss_current_density", "current_density", "mA/cm^2",
       "current density from which a stepped-current symmetric cell failed by contact loss (voiding)"),
    # ---- failure in time
    _q("time_to_short", "time", "h", "time from the start of current to the short", "time_to_short"),
    _q("capacity_to_short", "areal_capacity", "mAh/cm^2", "Li plated from the start to the short",
       "capacity_to_short"),
    _q("cycles_to_failure", "dimensionless", "1", "cycles completed before failure", "cycles_to_failure"),
    _q("filament_length", "length", "mm", "length of Li filaments in the electrolyte", "filament_length"),
    # ---- Li metal mechanics
    _q("creep_strain_rate", "strain_rate", "1/s", "steady-state creep strain rate of Li metal"),
    _q("creep_prefactor", "strain_rate", "1/s",
       "A of eps_dot = A (sigma / 1 MPa)^n exp(-Q/(R T)): the rate at 1 MPa without the Arrhenius factor"),
    _q("creep_stress_exponent", "dimensionless", "1", "n of the power-law creep law"),
    _q("creep_activation_energy", "molar_energy", "kJ/mol", "Q of the power-law creep law"),
    _q("yield_strength", "pressure", "MPa", "yield (flow) strength"),
    _q("yield_strength_size_exponent", "dimensionless", "1", "m of yield strength ~ D^-m (specimen diameter D)"),
    _q("youngs_modulus", "pressure", "GPa", "Young's modulus"),
    _q("fracture_toughness", "fracture_toughness", "MPa*m^0.5", "mode-I fracture toughness K_IC"),
)

QUANTITIES: dict[str, QuantitySpec] = {q.name: q for q in _QUANTITY_ROWS}


def _c(name, kind, example, description) -> ConditionSpec:
    return ConditionSpec(name, kind, example, description)


_CONDITION_ROWS: tuple[ConditionSpec, ...] = (
    _c("temperature", "temperature", "degC", "temperature of the test (empty: not stated, e.g. 'room temperature')"),
    _c("stack_pressure", "pressure", "MPa", "stack pressure during the test"),
    _c("attachment_pressure", "pressure", "MPa", "pressure used to attach the Li to the electrolyte"),
    _c("pressing_pressure", "pressure", "MPa", "pressure the electrolyte was pressed (cold or isostatically) at"),
    _c("hold_time", "time", "min", "pressing hold time"),
    _c("dwell_temperature", "temperature", "degC", "firing dwell temperature"),
    _c("dwell_time", "time", "h", "firing dwell time"),
    _c("current_density", "current_density", "mA/cm^2", "applied current density"),
    _c("areal_capacity", "areal_capacity", "mAh/cm^2", "capacity passed per half-cycle (or per step)"),
    _c("stress", "pressure", "MPa", "applied (uniaxial) stress"),
    _c("diameter", "length", "um", "specimen (pillar, cell) diameter"),
    _c("thickness", "length", "mm", "electrolyte (pellet, film) thickness"),
    _c("relative_density", "dimensionless", "%", "relative density of the electrolyte tested"),
    _c("porosity", "dimensionless", "%", "porosity of the electrolyte tested"),
    _c("grain_size", "length", "um", "grain size of the electrolyte tested"),
)

CONDITIONS: dict[str, ConditionSpec] = {c.name: c for c in _CONDITION_ROWS}

#: how the value relates to the true quantity: eq (as reported), approx (read as "~" or off a figure),
#: lt/le/gt/ge (a bound: censored data, e.g. "> 1000 h" is gt)
RELATIONS: tuple[str, ...] = ("eq", "approx", "lt", "le", "gt", "ge")
#: confidence tags as in the physics reference: seed (stated in a founding document), read (confirmed in
#: the cited paper), verify (quoted, not confirmed), derived (computed from read numbers, the note says how)
TAGS: tuple[str, ...] = ("read", "seed", "verify", "derived")

#: columns every measurement file has
REQUIRED_COLUMNS: tuple[str, ...] = ("quantity", "value", "unit", "source")
#: further columns a measurement file may have (besides the condition columns)
OPTIONAL_COLUMNS: tuple[str, ...] = ("relation", "uncertainty", "tag", "sample", "cell", "lot", "date", "figure",
                                     "note")
#: free-text columns, kept as given
TEXT_COLUMNS: tuple[str, ...] = ("source", "sample", "cell", "lot", "date", "figure", "note")
#: identifier columns of a line-data file (kept as text); every other column is a per-cell contract variable
LINE_ID_COLUMNS: tuple[str, ...] = ("cell", "lot", "sheet")


def suggest(name: str, valid) -> str:
    """``" (did you mean 'x'?)"`` for a close match among ``valid``, else ``""``."""
    close = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""
