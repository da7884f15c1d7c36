"""Scenario schema: frozen, validated, SI.

A scenario YAML describes one study: the route and its stations, the process
settings (any of which may be a distribution), the end-of-line duty and gates,
the Monte Carlo size and an optional sweep. :func:`load_scenario` reads a file
and returns an immutable :class:`Scenario` whose quantities are SI floats or
:class:`~twin.distributions.Distribution` objects, or raises
:class:`~twin.errors.ScenarioError` listing every problem with its YAML line.

Unknown keys are errors everywhere (``extra="forbid"``): a typo must never
fall back silently to a default. Defaults that do exist are documented in the
generated scenario reference (``docs/scenario_reference.md``) with their source.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import Problem, ScenarioError
from .quantity import Q
from .yamlsource import Locations, load, load_text

__all__ = ["Scenario", "load_scenario", "scenario_from_text", "STEPS", "ROUTE_TEMPLATES"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


# --------------------------------------------------------------------------- process

class TapeCasting(Model):
    """Doctor-blade tape casting of the oxide electrolyte green tape."""

    blade_gap: Q("length", gt=0, doc="Doctor-blade gap h0 (drawn per sheet: blade and carrier run-out along the tape).", default="60 um")
    casting_speed: Q("velocity", gt=0, doc="Carrier (casting) speed U.", default="0.3 m/min")
    slurry_viscosity: Q("viscosity", gt=0, doc="Apparent slurry viscosity at the reference shear rate (drawn once per tape lot: one slurry batch).", default="2 Pa*s")
    reservoir_height: Q("length", ge=0, doc="Slurry height in the reservoir behind the blade (head pressure rho g H).", default="10 mm")
    solids_fraction: Q("dimensionless", gt=0, lt=1, doc="Volume fraction of solids in the wet slurry (drawn once per tape lot).", default=0.30)
    sheets_per_tape: int = Field(20, ge=1, description="Sheets (cells) cut from one cast tape (one tape lot).")


class Sintering(Model):
    """Firing of the oxide green sheets in the batch furnace (one profile per furnace load)."""

    dwell_temperature: Q("temperature", gt=273.15, lt=2000, doc="Furnace set-point at dwell (per furnace load).", default="1130 degC")
    dwell_time: Q("time", gt=0, doc="Dwell time at the set-point (per furnace load).", default="20 min")
    ramp_rate: Q("heating_rate", gt=0, doc="Heating rate from room temperature.", default="5 K/min")
    cooling_rate: Q("heating_rate", gt=0, doc="Cooling rate back to room temperature.", default="5 K/min")
    excess_li: Q("dimensionless", ge=0, le=1, doc="Molar excess of Li in the starting powder relative to stoichiometry.", default=0.10)
    cover_powder: bool = Field(True, description="Sheets covered with sacrificial mother powder (suppresses Li2O loss).")
    geometry: Literal["free", "setter"] = Field("setter", description="'free': both faces exposed (A/V = 2/h); 'setter': sheet on a setter, one face exposed (A/V = 1/h).")


class Exposure(Model):
    """Atmospheres the items wait in between stations (the line keeps the clocks)."""

    ambient_relative_humidity: Q("dimensionless", ge=0, le=1, doc="Relative humidity of ambient air.", default=0.40)
    dry_room_dew_point: Q("temperature", gt=173.15, lt=300, doc="Dew point of the dry room.", default="-40 degC")


class CathodeSpray(Model):
    """Composite cathode: sprayed layer by layer (each oxide layer flash-sintered), or pressed from powder."""

    method: Literal["spray", "press"] = Field("spray", description="'spray': layer-by-layer spray deposition; 'press': powder composite pressed to the given porosity (lab cells, Cao 2023: 100 MPa).")
    areal_mass: Q("areal_mass", gt=0, doc="Composite powder loading per area (method: press).", default="30 mg/cm^2")
    n_layers: int = Field(12, ge=1, le=1000, description="Number of sprayed sub-layers.")
    mass_flow: Q("mass_flow", gt=0, doc="Powder/suspension solids mass flow at the nozzle.", default="40 mg/s")
    transfer_efficiency: Q("dimensionless", gt=0, le=1, doc="Fraction of sprayed solids that deposit.", default=0.5)
    traverse_speed: Q("velocity", gt=0, doc="Nozzle traverse speed.", default="50 mm/s")
    spray_width: Q("length", gt=0, doc="Spray footprint width.", default="20 mm")
    active_fraction: Q("dimensionless", gt=0, lt=1, doc="Volume fraction of active material (NMC811) in the composite.", default=0.60)
    porosity: Q("dimensionless", ge=0, lt=1, doc="Porosity of the finished composite cathode.", default=0.10)


class Separator(Model):
    """Sulphide separator by cold pressing or spray/re-precipitation (sulphide and lab routes)."""

    method: Literal["cold_press", "spray"] = Field("cold_press", description="How the separator is formed.")
    pressure: Q("pressure", gt=0, doc="Cold-pressing pressure (method: spray: the pressure the sprayed film is pressed/clamped at afterwards).", default="375 MPa")
    hold_time: Q("time", gt=0, doc="Pressing hold time.", default="10 min")
    areal_mass: Q("areal_mass", gt=0, doc="Separator powder loading per area.", default="50 mg/cm^2")
    n_layers: int = Field(30, ge=1, description="Sprayed layers (method: spray).")
    mass_flow: Q("mass_flow", gt=0, doc="Solids mass flow (method: spray).", default="5 mg/s")
    transfer_efficiency: Q("dimensionless", gt=0, le=1, doc="Spray transfer efficiency (method: spray).", default=0.5)
    traverse_speed: Q("velocity", gt=0, doc="Traverse speed (method: spray).", default="50 mm/s")
    spray_width: Q("length", gt=0, doc="Spray width (method: spray).", default="20 mm")


class Anode(Model):
    """Li-metal anode."""

    method: Literal["foil", "evaporated"] = Field("foil", description="Li foil lamination or evaporation.")
    foil_thickness: Q("length", gt=0, doc="Li foil (or evaporated layer) thickness.", default="20 um")
    lamination_pressure: Q("pressure", gt=0, doc="Lamination pressure of the foil onto the electrolyte.", default="5 MPa")
    interlayer: bool = Field(False, description="Wetting interlayer (e.g. ALD Al2O3) on the electrolyte before Li.")


class Stacking(Model):
    """Stacking and the stack-pressure fixture."""

    stack_pressure: Q("pressure", ge=0, doc="Fixture stack pressure (a distribution models fixture tolerance).", default="5 MPa")
    cell_area: Q("area", gt=0, distributions=False, doc="Active cell area.", default="10 cm^2")


class Process(Model):
    tape_casting: TapeCasting = TapeCasting()
    sintering: Sintering = Sintering()
    exposure: Exposure = Exposure()
    cathode: CathodeSpray = CathodeSpray()
    separator: Separator = Separator()
    anode: Anode = Anode()
    stacking: Stacking = Stacking()


class Duty(Model):
    """End-of-line test duty: what each finished cell is asked to do."""

    c_rate: Q("dimensionless", distributions=False, gt=0, le=20, doc="Discharge C-rate on the nominal cathode capacity [1/h].", default=0.1)
    charge_current_density: Q("current_density", distributions=False, gt=0, doc="Charge (plating) current density.", default="0.5 mA/cm^2")
    temperature: Q("temperature", distributions=False, gt=200, lt=450, doc="Test temperature.", default="25 degC")


class Materials(Model):
    electrolyte: str = Field("Ga-LLZO", description="Electrolyte parameter set (process_models.materials.ELECTROLYTES).")
    cathode: str = Field("NMC811", description="Cathode parameter set (process_models.electrodes.CATHODES).")
    cost: str = Field("pilot-2025", description="Price and rate set for the cost model (process_models.cost.COST_PARAMETERS).")

    @field_validator("cathode")
    @classmethod
    def _known_cathode(cls, v: str) -> str:
        from process_models.electrodes import CATHODES

        if v not in CATHODES:
            raise ValueError(f"unknown cathode {v!r}; valid: {', '.join(sorted(CATHODES))}")
        return v

    @field_validator("cost")
    @classmethod
    def _known_cost_set(cls, v: str) -> str:
        from process_models.cost import COST_PARAMETERS

        if v not in COST_PARAMETERS:
            raise ValueError(f"unknown cost parameter set {v!r}; valid: {', '.join(sorted(COST_PARAMETERS))}")
        return v

    @field_validator("electrolyte")
    @classmethod
    def _known_electrolyte(cls, v: str) -> str:
        from process_models.materials import ELECTROLYTES

        if v not in ELECTROLYTES:
            raise ValueError(f"unknown electrolyte {v!r}; valid: {', '.join(sorted(ELECTROLYTES))}")
        return v


class InspectionGate(Model):
    """In-line inspection after sintering/forming (measured with error)."""

    min_relative_density: Q("dimensionless", distributions=False, gt=0, le=1, doc="Reject sheets measured below this relative density.", default=0.90)
    density_measurement_sd: Q("dimensionless", distributions=False, ge=0, lt=0.1, doc="Standard deviation of the density measurement.", default=0.005)
    reject_cracked: bool = Field(True, description="Reject sheets with drying/pressing cracks (visual inspection).")
    max_rework: int = Field(1, ge=0, le=5, description="Times an under-dense sheet may be sent back (to the inspection station's rework_to) before it is scrapped.")


class EolGate(Model):
    """End-of-line test limits."""

    max_cell_asr: Q("asr", distributions=False, gt=0, doc="Reject cells whose total area-specific resistance exceeds this.", default="40 ohm*cm^2")
    min_capacity_fraction: Q("dimensionless", distributions=False, gt=0, le=1, doc="Reject cells delivering less than this fraction of nominal capacity at the duty C-rate.", default=0.80)
    require_ccs_margin: bool = Field(True, description="Reject cells whose critical stripping current is below the discharge current density of the duty.")


class Gates(Model):
    inspection: InspectionGate = InspectionGate()
    eol: EolGate = EolGate()


# --------------------------------------------------------------------------- line

#: Physics steps a station may apply, and what they do.
STEPS: dict[str, str] = {
    "casting": "tape casting: wet/green thickness, drying-crack risk (per tape lot)",
    "drying": "solvent removal; no physics beyond time and atmosphere",
    "cutting": "cutting the tape into sheets",
    "sintering": "batch firing: densification, grain growth, Li loss (one call per furnace load)",
    "inspection": "quality gate on density and cracks",
    "separator": "sulphide separator by cold pressing or spray",
    "cathode": "composite cathode deposition",
    "surface_treatment": "heat treatment removing Li2CO3/LiOH from the electrolyte (Sharafi et al. 2017); the air-exposure clock restarts when the item leaves",
    "anode": "Li anode lamination/evaporation (air exposure clock stops here)",
    "stacking": "stacking and fixture pressure",
    "eol_test": "end-of-line test against the gates",
}

ROUTE_STEPS: dict[str, tuple[str, ...]] = {
    "oxide_tape": ("casting", "sintering", "cathode", "anode", "stacking", "eol_test"),
    "sulphide": ("separator", "cathode", "anode", "stacking", "eol_test"),
    "lab_cell": ("separator", "cathode", "anode", "stacking", "eol_test"),
}


class Station(Model):
    """One station of the route (a unit station or a batch furnace)."""

    name: str = Field(description="Unique station name (used on the `station` dimension).")
    step: str = Field(description="Physics step applied here; one of twin.scenario.STEPS.")
    kind: Literal["unit", "furnace"] = Field("unit", description="'unit': machines process one item at a time; 'furnace': batch furnace.")
    machines: int = Field(1, ge=1, le=1000, description="Parallel machines (unit) or furnaces (furnace).")
    process_time: Q("time", gt=0, doc="Time one item occupies a machine (unit stations).", default="1 min")
    buffer: int | None = Field(None, ge=1, description="Input buffer capacity; upstream blocks when full. None: unbounded.")
    mtbf: Q("time", gt=0, distributions=False, doc="Mean time between failures per machine (exponential). None: no breakdowns.", default=None)
    mttr: Q("time", gt=0, doc="Time to repair.", default="1 h")
    on_failure: Literal["scrap", "rework"] = Field("scrap", description="Item on a machine that breaks down: scrapped, or processed again after the repair.")
    setup_time: Q("time", ge=0, distributions=False, doc="Changeover time when the tape lot changes (unit stations).", default=0.0)
    downtime_every: Q("time", gt=0, distributions=False, doc="Planned downtime (shift end, maintenance) recurs this often per machine. None: none.", default=None)
    downtime_duration: Q("time", gt=0, distributions=False, doc="Length of each planned downtime.", default="1 h")
    rework_to: str | None = Field(None, description="Gate stations: name of the earlier station a reworkable reject returns to (e.g. the furnace to re-fire).")
    atmosphere: Literal["ambient", "dry_room", "inert"] = Field("ambient", description="Atmosphere of the station and its input buffer.")
    load_capacity: int = Field(40, ge=1, description="Sheets per furnace load (furnace).")
    load_policy: Literal["full", "timeout"] = Field("timeout", description="Fire when full, or when the first sheet has waited load_timeout (furnace).")
    load_timeout: Q("time", gt=0, distributions=False, doc="Longest wait of the first sheet of a load before firing (furnace, policy timeout).", default="2 h")
    handling_time: Q("time", ge=0, distributions=False, doc="Loading + unloading time per load, added to the firing profile (furnace).", default="30 min")
    temperature_nonuniformity: Q("temperature", ge=0, lt=200, distributions=False, doc="Standard deviation of the temperature offset across load positions (furnace) [K of difference].", default=0.0)

    @field_validator("step")
    @classmethod
    def _known_step(cls, v: str) -> str:
        if v not in STEPS:
            raise ValueError(f"unknown step {v!r}; valid: {', '.join(STEPS)}")
        return v


def _default_stations(route: str) -> list[dict[str, Any]]:
    if route == "lab_cell":
        return [
            {"name": "pellet_press", "step": "separator", "process_time": "20 min", "atmosphere": "inert"},
            {"name": "cathode_press", "step": "cathode", "process_time": "15 min", "atmosphere": "inert"},
            {"name": "li_attach", "step": "anode", "process_time": "10 min", "atmosphere": "inert"},
            {"name": "cell_fixture", "step": "stacking", "process_time": "15 min", "atmosphere": "inert"},
            {"name": "cycler", "step": "eol_test", "process_time": "20 h", "machines": 16, "atmosphere": "inert"},
        ]
    if route == "sulphide":
        return [
            {"name": "separator_press", "step": "separator", "process_time": "12 min", "machines": 2, "atmosphere": "dry_room"},
            {"name": "inspection", "step": "inspection", "process_time": "1 min", "atmosphere": "dry_room"},
            {"name": "cathode_press", "step": "cathode", "process_time": "8 min", "machines": 2, "atmosphere": "dry_room"},
            {"name": "li_lamination", "step": "anode", "process_time": "3 min", "atmosphere": "dry_room"},
            {"name": "stacking", "step": "stacking", "process_time": "4 min", "atmosphere": "dry_room"},
            {"name": "eol_test", "step": "eol_test", "process_time": "20 min", "machines": 4, "atmosphere": "inert"},
        ]
    return [
        {"name": "tape_casting", "step": "casting", "process_time": "2 min"},
        {"name": "drying", "step": "drying", "process_time": "4 min", "machines": 2},
        {"name": "sintering_furnace", "step": "sintering", "kind": "furnace", "machines": 2, "load_capacity": 40},
        {"name": "inspection", "step": "inspection", "process_time": "1 min"},
        {"name": "cathode_spray", "step": "cathode", "process_time": "5 min", "machines": 2},
        {"name": "li_lamination", "step": "anode", "process_time": "3 min", "atmosphere": "dry_room"},
        {"name": "stacking", "step": "stacking", "process_time": "4 min", "atmosphere": "dry_room"},
        {"name": "eol_test", "step": "eol_test", "process_time": "20 min", "machines": 8, "atmosphere": "dry_room"},
    ]


ROUTE_TEMPLATES = {r: _default_stations(r) for r in ROUTE_STEPS}


class Line(Model):
    """The production line: route and stations in order."""

    route: Literal["oxide_tape", "sulphide", "lab_cell"] = Field("oxide_tape", description="Route family: 'oxide_tape' (tape-cast, sintered LLZO), 'sulphide' (dry-room pressed/sprayed separators), 'lab_cell' (die-pressed pellets in a glovebox, as Cao et al. 2023).")
    release_interval: Q("time", gt=0, doc="Time between cell starts released into the line.", default="3 min")
    stations: tuple[Station, ...] | None = Field(None, description="Stations in route order; omitted: the route's template (twin.scenario.ROUTE_TEMPLATES).")

    @model_validator(mode="after")
    def _check_route(self) -> "Line":
        if self.stations is None:
            object.__setattr__(self, "stations", tuple(Station(**s) for s in ROUTE_TEMPLATES[self.route]))
        names = [s.name for s in self.stations]
        dup = sorted({n for n in names if names.count(n) > 1})
        if dup:
            raise ValueError(f"station names must be unique; repeated: {dup}")
        steps = [s.step for s in self.stations]
        missing = [s for s in ROUTE_STEPS[self.route] if s not in steps]
        if missing:
            raise ValueError(f"route {self.route!r} needs stations for steps {missing}")
        order = [steps.index(s) for s in ROUTE_STEPS[self.route]]
        if order != sorted(order):
            raise ValueError(f"route {self.route!r} needs its steps in the order {list(ROUTE_STEPS[self.route])}")
        if steps[-1] != "eol_test":
            raise ValueError("the last station must be the end-of-line test (step eol_test)")
        for i, s in enumerate(self.stations):
            if s.rework_to is not None:
                if s.step != "inspection":
                    raise ValueError(f"station {s.name!r}: only inspection stations send items to rework")
                if s.rework_to not in names[:i]:
                    raise ValueError(f"station {s.name!r}: rework_to must name an earlier station, one of {names[:i]}")
            if s.downtime_every is not None and s.downtime_duration >= s.downtime_every:
                raise ValueError(f"station {s.name!r}: downtime_duration must be shorter than downtime_every")
            if s.step == "sintering" and s.kind != "furnace":
                raise ValueError(f"station {s.name!r}: the sintering step needs kind: furnace")
            if s.kind == "furnace" and s.step != "sintering":
                raise ValueError(f"station {s.name!r}: only the sintering step runs in a furnace")
        return self


# --------------------------------------------------------------------------- sweep

class Sweep(Model):
    """Swept settings: a full grid, or a space-filling design over ranges.

    Keys are dotted paths of scenario settings, e.g.
    ``process.sintering.dwell_temperature``. A swept value sets the central
    value of that setting; its spread (if it is a distribution) is kept.
    """

    grid: dict[str, list[Any]] | None = Field(None, description="Path -> list of values; the study runs every combination.")
    design: Literal["lhs", "sobol"] | None = Field(None, description="Space-filling design over `ranges`.")
    samples: int | None = Field(None, ge=1, le=100000, description="Number of design points (sobol: rounded up to a power of two).")
    ranges: dict[str, list[Any]] | None = Field(None, description="Path -> [low, high] for the design.")

    @model_validator(mode="after")
    def _one_kind(self) -> "Sweep":
        if self.grid is not None and (self.design or self.ranges):
            raise ValueError("give either `grid` or `design` with `ranges`, not both")
        if self.grid is None and self.design is None:
            raise ValueError("give `grid`, or `design` (lhs or sobol) with `ranges` and `samples`")
        if self.design is not None and (not self.ranges or self.samples is None):
            raise ValueError("a design needs `ranges` and `samples`")
        return self


# --------------------------------------------------------------------------- scenario

class Scenario(Model):
    """One study."""

    name: str = Field(description="Short name of the study.")
    description: str = Field("", description="What question the study answers.")
    seed: int = Field(0, ge=0, description="Base seed; streams are keyed by (point, replicate).")
    replicates: int = Field(1, ge=1, le=1_000_000, description="Monte Carlo replicates per sweep point.")
    cells: int = Field(100, ge=1, le=10_000_000, description="Cells released into the line per replicate.")
    materials: Materials = Materials()
    line: Line = Line()
    process: Process = Process()
    duty: Duty = Duty()
    gates: Gates = Gates()
    sweep: Sweep | None = None

    # set by the loader, not from YAML
    source_text: str = Field("", exclude=True, repr=False)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.source_text.encode()).hexdigest()


# --------------------------------------------------------------------------- loading

def _problems_from_validation(exc: ValidationError, locs: Locations) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False):
        loc = tuple(err["loc"])
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, "):]
        if err["type"] == "extra_forbidden":
            msg = f"unknown key {loc[-1]!r}" + _valid_keys_hint(loc)
        elif err["type"] == "missing":
            msg = "required setting is missing"
        # pydantic puts union/literal branch names in loc; drop non-YAML parts
        yaml_loc = tuple(p for p in loc if not (isinstance(p, str) and p.startswith(("function-", "tuple[", "list["))))
        out.append(Problem(yaml_loc, msg, locs.line_of(yaml_loc)))
    return out


def _valid_keys_hint(loc: tuple) -> str:
    model: Any = Scenario
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        f = getattr(model, "model_fields", {}).get(part)
        if f is None:
            return ""
        ann = f.annotation
        for cand in getattr(ann, "__args__", ()) + (ann,):
            if isinstance(cand, type) and issubclass(cand, BaseModel):
                model = cand
                break
            inner = getattr(cand, "__args__", ())
            hit = [c for c in inner if isinstance(c, type) and issubclass(c, BaseModel)]
            if hit:
                model = hit[0]
                break
        else:
            return ""
    keys = [k for k in getattr(model, "model_fields", {}) if k != "source_text"]
    return f"; valid keys here: {', '.join(keys)}" if keys else ""


def scenario_from_data(data: Any, locs: Locations, text: str) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError([Problem((), "a scenario must be a mapping of settings", 1)], locs.file)
    if "source_text" in data:
        raise ScenarioError([Problem(("source_text",), "unknown key 'source_text'", locs.line_of(("source_text",)))], locs.file)
    try:
        sc = Scenario(**data, source_text=text)
    except ValidationError as exc:
        raise ScenarioError(_problems_from_validation(exc, locs), locs.file) from None
    if sc.sweep is not None:
        from .sweep import validate_sweep

        problems = validate_sweep(sc, locs)
        if problems:
            raise ScenarioError(problems, locs.file)
    return sc


def scenario_from_text(text: str, file: str = "<string>") -> Scenario:
    """Parse and validate scenario YAML text."""
    data, locs = load_text(text, file)
    return scenario_from_data(data, locs, text)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file.

    Raises
    ------
    ScenarioError
        Every problem at once, each with its YAML path and line.
    """
    data, locs, text = load(path)
    return scenario_from_data(data, locs, text)
