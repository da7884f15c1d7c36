"""Generate the scenario reference (docs/scenario_reference.md) from the schema.

    python -m twin.scenario.docgen > docs/scenario_reference.md

A test compares the committed file with this output, so the reference cannot
drift from the code.
"""

from __future__ import annotations

import sys
from typing import Any

from pydantic import BaseModel

from .distributions import DIST_PARAMS, Distribution
from .quantity import QSpec
from .routes import ROUTE_STEPS, ROUTE_TEMPLATES, STEPS
from .schema import Scenario


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for a in getattr(annotation, "__args__", ()) or ():
        m = _model_of(a)
        if m is not None:
            return m
    return None


def _default_text(field, spec: QSpec | None) -> str:
    d = field.default
    if d is None:
        return "none"
    if spec is not None and isinstance(d, (str, int, float)):
        v = spec(d)
        if isinstance(v, Distribution):
            return f"`{d}`"
        return f"`{d}` (= {v:g} {spec.unit})" if isinstance(d, str) else f"{v:g} {spec.unit}"
    if isinstance(d, BaseModel):
        return "(section)"
    if d is Ellipsis or repr(d) == "PydanticUndefined":
        return "**required**"
    return f"`{d}`"


def _section(model: type[BaseModel], prefix: str, out: list[str]) -> None:
    doc = (model.__doc__ or "").strip().splitlines()
    out.append(f"\n### `{prefix or '(top level)'}`\n")
    if doc and model is not Scenario:
        out.append(doc[0] + "\n")
    out.append("| key | unit (SI) | bounds | distribution? | default | meaning |")
    out.append("|---|---|---|---|---|---|")
    nested = []
    for name, field in model.model_fields.items():
        if field.exclude:  # set by the loader, not from YAML
            continue
        spec = next((m for m in field.metadata if isinstance(m, QSpec)), None)
        sub = _model_of(field.annotation)
        if spec is not None:
            unit, bounds, dist = spec.unit, spec.bounds_text() or "-", "yes" if spec.distributions else "no"
        else:
            unit, dist = "-", "no"
            parts = [f"{sym} {getattr(m, attr)}" for m in field.metadata
                     for attr, sym in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")) if getattr(m, attr, None) is not None]
            bounds = " and ".join(parts) or "-"
        meaning = (field.description or "").replace("|", "\\|")
        if sub is not None and spec is None:
            nested.append((name, sub))
            meaning = meaning or f"see `{prefix + '.' if prefix else ''}{name}`"
        out.append(f"| `{name}` | {unit} | {bounds} | {dist} | {_default_text(field, spec)} | {meaning} |")
    for name, sub in nested:
        _section(sub, f"{prefix}.{name}" if prefix else name, out)


def reference() -> str:
    out = [
        "# Scenario reference",
        "",
        "Generated from the schema by `python -m twin.scenario.docgen`; do not edit by hand.",
        "",
        "Quantities are strings with units (`\"25 um\"`, `\"1130 degC\"`, `\"20 min\"`, `\"5 MPa\"`,",
        "`\"0.5 mA/cm^2\"`) or bare numbers in the SI unit listed. Settings marked *distribution? yes*",
        "may instead be a distribution:",
        "",
        "| dist | keys |",
        "|---|---|",
    ]
    for d, (keys, spreads) in DIST_PARAMS.items():
        out.append(f"| `{d}` | {', '.join(keys)} |")
    out += [
        "",
        "Spreads (`sd`) of temperatures in degC are differences (kelvin). A lognormal is given by",
        "the mean and standard deviation of the quantity itself. Unknown keys are errors.",
        "",
        "## Steps a station may apply",
        "",
        "| step | what it does |",
        "|---|---|",
    ]
    for s, what in STEPS.items():
        out.append(f"| `{s}` | {what} |")
    out += ["", "## Routes", ""]
    for r, steps in ROUTE_STEPS.items():
        names = " -> ".join(f"{s['name']} ({s['step']})" for s in ROUTE_TEMPLATES[r])
        out.append(f"- `{r}`: required steps in order {', '.join(steps)}; template stations: {names}")
    out += ["", "## Settings"]
    _section(Scenario, "", out)
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(reference())
