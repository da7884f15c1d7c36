"""Process settings: what each step does, per section of ``process:`` in a scenario.

Each section is a frozen settings class read by the step(s) that use it
(:mod:`twin.simulation.steps`); every quantity is a :func:`~twin.scenario.quantity.Q`
field (a unit string, a bare SI number or a distribution) with its bounds.
Unknown keys are errors everywhere (``extra="forbid"``).
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .quantity import Q

__all__ = ["Model", "TapeCasting", "Sintering", "Exposure", "CathodeSpray", "Separator", "Anode", "Stacking", "Calendering",
           "Process"]


class Model(BaseModel):
    """Base of every scenario section: frozen, validated, no unknown keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class TapeCasting(Model):
    """Doctor-blade tape casting of the oxide electrolyte green tape."""

    blade_gap: Q("length", gt=0, le=5e-3, doc="Doctor-blade gap h0 (drawn per sheet: blade and carrier run-out along the tape).", default="60 um")
    casting_speed: Q("velocity", gt=0, le=2, doc="Carrier (casting) speed U.", default="0.3 m/min")
    slurry_viscosity: Q("viscosity", gt=0, le=1e4, doc="Apparent slurry viscosity at the reference shear rate (drawn once per tape lot: one slurry batch).", default="2 Pa*s")
    reservoir_height: Q("length", ge=0, le=1, doc="Slurry height in the reservoir behind the blade (head pressure rho g H).", default="10 mm")
    solids_fraction: Q("dimensionless", gt=0, lt=1, doc="Volume fraction of solids in the wet slurry (drawn once per tape lot).", default=0.30)
    sheets_per_tape: int = Field(20, ge=1, le=100_000, description="Sheets (cells) cut from one cast tape (one tape lot).")


class Sintering(Model):
    """Firing of the oxide green sheets in the batch furnace (one profile per furnace load)."""

    dwell_temperature: Q("temperature", gt=273.15, lt=2000, doc="Furnace set-point at dwell (per furnace load).", default="1130 degC")
    dwell_time: Q("time", gt=0, le=3.6e6, doc="Dwell time at the set-point (per furnace load).", default="20 min")
    ramp_rate: Q("heating_rate", ge=1e-4, le=1e3, doc="Heating rate from room temperature.", default="5 K/min")
    cooling_rate: Q("heating_rate", ge=1e-4, le=1e3, doc="Cooling rate back to room temperature.", default="5 K/min")
    excess_li: Q("dimensionless", ge=0, le=1, doc="Molar excess of Li in the starting powder relative to stoichiometry.", default=0.10)
    cover_powder: bool = Field(True, description="Sheets covered with sacrificial mother powder (suppresses Li2O loss).")
    geometry: Literal["free", "setter"] = Field("setter", description="'free': both faces exposed (A/V = 2/h); 'setter': sheet on a setter, one face exposed (A/V = 1/h).")


class Exposure(Model):
    """Atmospheres the items wait in between stations (the line keeps the clocks)."""

    ambient_relative_humidity: Q("dimensionless", ge=0, le=1, doc="Relative humidity of ambient air.", default=0.40)
    dry_room_dew_point: Q("temperature", gt=173.15, le=298.15, doc="Dew point of the dry room (at most the 25 degC room temperature: saturated air).", default="-40 degC")


class CathodeSpray(Model):
    """Composite cathode: sprayed layer by layer (each oxide layer flash-sintered), or pressed from powder."""

    method: Literal["spray", "press"] = Field("spray", description="'spray': layer-by-layer spray deposition; 'press': powder composite pressed to the given porosity (lab cells, Cao 2023: 100 MPa).")
    areal_mass: Q("areal_mass", gt=0, le=10, doc="Composite powder loading per area (method: press).", default="30 mg/cm^2")
    n_layers: int = Field(12, ge=1, le=1000, description="Number of sprayed sub-layers.")
    mass_flow: Q("mass_flow", gt=0, le=1, doc="Powder/suspension solids mass flow at the nozzle.", default="40 mg/s")
    transfer_efficiency: Q("dimensionless", gt=0, le=1, doc="Fraction of sprayed solids that deposit.", default=0.5)
    traverse_speed: Q("velocity", gt=0, le=10, doc="Nozzle traverse speed.", default="50 mm/s")
    spray_width: Q("length", gt=0, le=1, doc="Spray footprint width.", default="20 mm")
    active_fraction: Q("dimensionless", gt=0, lt=1, doc="Volume fraction of active material (NMC811) in the composite.", default=0.60)
    porosity: Q("dimensionless", ge=0, lt=1, doc="Porosity of the finished composite cathode.", default=0.10)
    pressing_pressure: Q("pressure", distributions=False, gt=0, le=2e9, doc="Pressure the composite is pressed at (method: press); the cathode | electrolyte contact, ASR ~ P^-0.5 (arXiv 2501.00600).", default="100 MPa")
    firing_temperature: Q("temperature", distributions=False, gt=273.15, lt=1800, doc="Co-firing temperature of a sprayed oxide composite (method: spray, oxide electrolytes): Co interdiffusion into LLZO raises the cathode | electrolyte ASR.", default="700 degC")
    firing_time: Q("time", distributions=False, ge=0, le=360000, doc="Time at the co-firing temperature (method: spray, oxide electrolytes).", default="10 min")


class Separator(Model):
    """Sulphide separator by cold pressing or spray/re-precipitation (sulphide and lab routes)."""

    method: Literal["cold_press", "spray"] = Field("cold_press", description="How the separator is formed.")
    pressure: Q("pressure", gt=0, le=5e9, doc="Cold-pressing pressure (method: spray: the pressure the sprayed film is pressed/clamped at afterwards).", default="375 MPa")
    hold_time: Q("time", gt=0, le=6.1e5, doc="Pressing hold time.", default="10 min")
    areal_mass: Q("areal_mass", gt=0, le=10, doc="Separator powder loading per area.", default="50 mg/cm^2")
    n_layers: int = Field(30, ge=1, le=1000, description="Sprayed layers (method: spray).")
    mass_flow: Q("mass_flow", gt=0, le=1, doc="Solids mass flow (method: spray).", default="5 mg/s")
    transfer_efficiency: Q("dimensionless", gt=0, le=1, doc="Spray transfer efficiency (method: spray).", default=0.5)
    traverse_speed: Q("velocity", gt=0, le=10, doc="Traverse speed (method: spray).", default="50 mm/s")
    spray_width: Q("length", gt=0, le=1, doc="Spray width (method: spray).", default="20 mm")


class Anode(Model):
    """Li-metal anode."""

    method: Literal["foil", "evaporated", "anode_free"] = Field("foil", description="Li foil lamination, evaporation, or anode-free (no Li at assembly: the first charge plates it in situ from the cathode; foil_thickness is ignored).")
    foil_thickness: Q("length", gt=0, le=1e-3, doc="Li foil (or evaporated layer) thickness.", default="20 um")
    lamination_pressure: Q("pressure", gt=0, le=1e9, doc="Lamination pressure of the foil onto the electrolyte.", default="5 MPa")
    interlayer: bool = Field(False, description="Interlayer between Li and separator: a wetting layer (ALD Al2O3) on garnets, a protective Ag-C or LiF-rich layer on argyrodites. Lowers the Li interface ASR and keeps Li out of the separator's pores (no pore-network filaments).")


class Stacking(Model):
    """Stacking and the stack-pressure fixture."""

    stack_pressure: Q("pressure", ge=0, le=1e9, doc="Fixture stack pressure (a distribution models fixture tolerance).", default="5 MPa")
    cell_area: Q("area", gt=0, le=1, distributions=False, doc="Active area of one unit layer (of the cell, when it has one layer).", default="10 cm^2")


class LayerTest(Model):
    """Unit-layer test before stacking (the layer_test step): which latent failures it catches, and what it costs.

    A detection probability is the chance that a layer which would fail the
    end-of-line test for that reason is caught here and discarded; a good
    layer is discarded with the false-reject probability. Placement errors
    happen at the stacker, after the test.
    """

    enabled: bool = Field(True, description="Test the layers (false: the station only passes them through, at no test cost; sweep it to price the test).")
    detect_hard_short: Q("dimensionless", distributions=False, ge=0, le=1, doc="Probability of catching a layer that would short hard in formation.", default=0.95)
    detect_soft_short: Q("dimensionless", distributions=False, ge=0, le=1, doc="Probability of catching a layer that would soft-short in formation.", default=0.80)
    detect_voiding: Q("dimensionless", distributions=False, ge=0, le=1, doc="Probability of catching a layer that would lose anode contact.", default=0.50)
    detect_high_asr: Q("dimensionless", distributions=False, ge=0, le=1, doc="Probability of catching a layer above the ASR limit.", default=0.95)
    detect_low_capacity: Q("dimensionless", distributions=False, ge=0, le=1, doc="Probability of catching a layer below the capacity limit.", default=0.80)
    false_reject: Q("dimensionless", distributions=False, ge=0, lt=1, doc="Probability of discarding a good layer.", default=0.01)
    cost_per_layer: Q("dimensionless", distributions=False, ge=0, le=1000, doc="Test cost per layer tested [USD] (consumables, channel time).", default=0.05)


class Calendering(Model):
    """Calendering of the composite cathode: a calender of given line load, or of given roll gap."""

    control: Literal["line_load", "roll_gap"] = Field("line_load", description="What the calender is set by: the line load (force per coating width) or the roll gap of a rigid mill.")
    line_load: Q("line_load", ge=0, le=1e7, doc="Roll force per coating width (control: line_load); 0: the rolls do not touch.", default="200 N/mm")
    roll_gap: Q("length", gt=0, lt=1e-2, doc="Gap between the rolls (control: roll_gap); a gap wider than the layer does nothing.", default="60 um")
    roll_radius: Q("length", gt=0, le=2, distributions=False, doc="Roll radius (pilot calenders: 100-250 mm).", default="100 mm")
    spring_back: Q("dimensionless", ge=0, lt=0.5, doc="Elastic recovery after the nip, (h_out - h_nip)/h_nip; none: the parameter set's.", default=None)
    parameters: str | None = Field(None, description="Calendering parameter set (process_models.calendering.CALENDER_PARAMETERS); none: by the electrolyte family.")

    @field_validator("parameters")
    @classmethod
    def _known_set(cls, v: str | None) -> str | None:
        from process_models.calendering import CALENDER_PARAMETERS

        if v is not None and v not in CALENDER_PARAMETERS:
            raise ValueError(f"unknown calendering parameter set {v!r}; valid: {', '.join(sorted(CALENDER_PARAMETERS))}")
        return v


class Process(Model):
    """Process settings, one section per step (or family of steps) that reads it."""

    tape_casting: TapeCasting = TapeCasting()
    sintering: Sintering = Sintering()
    exposure: Exposure = Exposure()
    cathode: CathodeSpray = CathodeSpray()
    separator: Separator = Separator()
    anode: Anode = Anode()
    stacking: Stacking = Stacking()
    layer_test: LayerTest = LayerTest()
    calendering: Calendering = Calendering()
