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

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from ..errors import Problem, ScenarioError
from .cell_design import CellDesign
from .plant import Plant
from .ramp import RampUp
from .uncertainty import DrawTable, Uncertainty
from .duty import Duty, check_duty_window
from .line import Line, Station
from .process import Model, Process
from .quantity import Q
from .routes import ROUTE_TEMPLATES, STEP_CATALOGUE, STEPS
from .yamlsource import Locations, load, load_text

__all__ = ["Scenario", "Duty", "Materials", "Gates", "InspectionGate", "EolGate", "Sweep", "load_scenario",
           "scenario_from_text", "STEPS", "ROUTE_TEMPLATES", "Station", "Line", "Process"]


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
    require_ccs_margin: bool = Field(True, description="Also reject cells whose critical stripping current is below the largest discharge current density of the duty (formation and cycling), even if formation did not void them.")


class Gates(Model):
    inspection: InspectionGate = InspectionGate()
    eol: EolGate = EolGate()


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

    name: str = Field(min_length=1, max_length=200, description="Short name of the study (the default output file is made from it).")
    description: str = Field("", max_length=10_000, description="What question the study answers.")
    seed: int = Field(0, ge=0, le=2**63 - 1, description="Base seed; random streams are keyed by (seed, point, replicate, station).")
    replicates: int = Field(1, ge=1, le=1_000_000, description="Monte Carlo replicates per sweep point.")
    cells: int = Field(100, ge=1, le=2_000_000, description="Cells per replicate; the line releases cells x cell.layers unit layers (one replicate is simulated in one process: ~2 kB of memory per unit layer).")
    cell: CellDesign = CellDesign()
    plant: Plant = Plant()
    ramp_up: RampUp = RampUp()
    materials: Materials = Materials()
    line: Line = Line()
    process: Process = Process()
    duty: Duty = Duty()
    gates: Gates = Gates()
    sweep: Sweep | None = None
    uncertainty: Uncertainty | None = Field(None, description="Draw uncertain physics parameters from their priors or a posterior as an outer dimension of the study (see twin/scenario/uncertainty.py).")

    # set by the loader, not from YAML
    source_text: str = Field("", exclude=True, repr=False)
    draw_table: DrawTable | None = Field(None, exclude=True, repr=False)
    # set per study point (sweep.apply_point): (REGISTRY.set.field, value) the physics runs with
    parameter_values: tuple[tuple[str, float], ...] = Field((), exclude=True, repr=False)

    @property
    def sha256(self) -> str:
        """SHA-256 of the scenario text and, with parameter draws, of the drawn table."""
        extra = "" if self.draw_table is None else "\n# draws " + self.draw_table.digest
        return hashlib.sha256((self.source_text + extra).encode()).hexdigest()

    @property
    def items(self) -> int:
        """Items the line releases per replicate: unit layers (``cells x cell.layers``)."""
        return self.cells * self.cell.layers

    @model_validator(mode="after")
    def _items_bounded(self) -> "Scenario":
        if self.items > 2_000_000:
            raise ValueError(f"cells x cell.layers = {self.items:,} unit layers per replicate; at most 2,000,000 "
                             "(use more replicates instead)")
        return self


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
        elif err["type"] == "string_pattern_mismatch":
            msg = (f"{str(err.get('input'))[:80]!r} is not a valid name: letters, digits, '_', '-' or '.', "
                   "starting with a letter or digit, at most 64 characters")
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
    keys = [k for k, f in getattr(model, "model_fields", {}).items() if not f.exclude]
    return f"; valid keys here: {', '.join(keys)}" if keys else ""


def scenario_from_data(data: Any, locs: Locations, text: str) -> Scenario:
    if not isinstance(data, dict):
        raise ScenarioError([Problem((), "a scenario must be a mapping of settings", 1)], locs.file)
    loader_set = [k for k in data if k in Scenario.model_fields and Scenario.model_fields[k].exclude]
    if loader_set:
        raise ScenarioError([Problem((k,), f"unknown key {k!r}", locs.line_of((k,))) for k in loader_set], locs.file)
    try:
        sc = Scenario(**data, source_text=text)
    except ValidationError as exc:
        raise ScenarioError(_problems_from_validation(exc, locs), locs.file) from None
    problems = _check_materials(sc, locs) + _check_duty(sc, locs) + _check_layers(sc, locs)
    if sc.sweep is not None:
        from .sweep import validate_sweep

        problems += validate_sweep(sc, locs)
    if sc.uncertainty is not None and not problems:
        sc, problems = _with_draws(sc, locs)
    if problems:
        raise ScenarioError(problems, locs.file)
    return sc


def _with_draws(sc: Scenario, locs: Locations) -> tuple[Scenario, list[Problem]]:
    """The scenario with its uncertain parameter sets drawn (relative posterior paths from the file's folder)."""
    from .uncertainty import resolve_draws

    file = Path(locs.file)
    base = file.parent if file.is_file() else Path.cwd()
    table, problems = resolve_draws(sc.uncertainty, sc.seed, base)
    if sc.sweep is not None and sc.sweep.design == "sobol":
        problems.append(Problem(("uncertainty",), "a sobol sweep design and parameter draws cannot be combined (the "
                                "Sobol analysis needs the design's own point order); use a grid or lhs sweep"))
    located = [Problem(p.path, p.message, locs.line_of(p.path) or locs.line_of(p.path[:2]) or locs.line_of(("uncertainty",)))
               for p in problems]
    return (sc if located else sc.model_copy(update={"draw_table": table})), located


def _check_materials(sc: Scenario, locs: Locations) -> list[Problem]:
    """Each station's step can process the scenario's electrolyte (tape casting and firing oxides, pressing sulphides)."""
    from process_models.materials import get_electrolyte

    family = get_electrolyte(sc.materials.electrolyte).family
    out = []
    for i, st in enumerate(sc.line.stations):
        allowed = STEP_CATALOGUE[st.step].electrolytes
        if allowed and family not in allowed:
            path = ("line", "stations", i, "step")
            out.append(Problem(path, f"the {st.step} step makes {'/'.join(allowed)} electrolytes; materials.electrolyte "
                                     f"{sc.materials.electrolyte!r} is {'an' if family[0] in 'aeiou' else 'a'} {family} (choose a {'/'.join(allowed)} electrolyte, "
                                     f"or a route for {family}s)", locs.line_of(path) or locs.line_of(("line", "route"))))
    return out


def _check_layers(sc: Scenario, locs: Locations) -> list[Problem]:
    """Multi-layer cells: the stacker and the stations after it handle whole cells (batch stations without breakdowns),
    and a layer test sits before the stacker."""
    steps = [s.step for s in sc.line.stations]
    out = []
    if "layer_test" in steps and "stacking" in steps and steps.index("layer_test") > steps.index("stacking"):
        path = ("line", "stations", steps.index("layer_test"), "step")
        out.append(Problem(path, "a layer test tests unit layers: it must come before the stacking station", locs.line_of(path)))
    if sc.cell.layers == 1 or "stacking" not in steps:
        return out
    for i in range(steps.index("stacking"), len(steps)):
        st = sc.line.stations[i]
        if st.kind == "furnace" or st.mtbf is not None or st.downtime_every is not None:
            path = ("line", "stations", i)
            out.append(Problem(path, f"station {st.name!r} handles whole cells of {sc.cell.layers} layers: it must be a "
                                     "unit station without mtbf or planned downtime (not modelled for multi-layer cells)",
                               locs.line_of(path)))
    return out


def _check_duty(sc: Scenario, locs: Locations) -> list[Problem]:
    """The duty's voltage limits lie inside the cathode's window."""
    from process_models.electrodes import get_cathode

    cat = get_cathode(sc.materials.cathode)
    return [Problem(path, msg, locs.line_of(path) or locs.line_of(path[:-1]) or locs.line_of(("duty",)))
            for path, msg in check_duty_window(sc.duty, cat.v_min, cat.v_max)]


def scenario_from_text(text: str, file: str = "<string>") -> Scenario:
    """Parse and validate scenario YAML text."""
    data, locs = load_text(text, file)
    return scenario_from_data(data, locs, text)


def load_scenario(path: str | Path, *, posterior: str | Path | None = None, draws: int | None = None) -> Scenario:
    """Read and validate a scenario file.

    ``posterior`` (a file written by ``twin calibrate``) adds ``uncertainty: {parameters: POSTERIOR, draws:
    DRAWS}`` to the scenario's text (``twin run --posterior``), so the stored scenario reproduces the run.

    Raises
    ------
    ScenarioError
        Every problem at once, each with its YAML path and line.
    """
    data, locs, text = load(path)
    if posterior is None:
        return scenario_from_data(data, locs, text)
    if isinstance(data, dict) and "uncertainty" in data:
        raise ScenarioError([Problem(("uncertainty",), "the scenario already draws parameters; remove its `uncertainty:` "
                                     "section or run without --posterior", locs.line_of(("uncertainty",)))], locs.file)
    added = (f"\n# added by `twin run --posterior`\nuncertainty:\n  parameters: {Path(posterior).resolve()}\n"
             + (f"  draws: {int(draws)}\n" if draws is not None else ""))
    data, locs = load_text(text.rstrip("\n") + "\n" + added, locs.file)
    return scenario_from_data(data, locs, text.rstrip("\n") + "\n" + added)
