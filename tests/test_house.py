"""The house of DESIGN.md, checked: layers (import-linter), no import cycles, sizes, no route branches, public API."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TWIN = ROOT / "twin"
MAX_FUNCTION, MAX_CLASS, MAX_MODULE = 60, 200, 600
BIG_MODULES = {"process_models/electrochem.py"}  # the reduced-order electrochemistry, one concept in ~1000 lines


def _modules(package: Path) -> dict[str, Path]:
    out = {}
    for p in package.rglob("*.py"):
        name = ".".join(p.relative_to(ROOT).with_suffix("").parts)
        out[name[: -len(".__init__")] if name.endswith(".__init__") else name] = p
    return out


def test_layer_contracts_hold():
    """import-linter (pyproject.toml [tool.importlinter]): the layers, physics without twin, the line without
    physics, analysis without the scenario, Ray in one module, pint/pydantic in the scenario only."""
    exe = Path(sys.executable).with_name("lint-imports")
    r = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-2000:]


def _imports(name: str, path: Path, mods: dict[str, Path]) -> set[str]:
    """Modules of twin imported anywhere in ``path`` (function-level imports included)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = name.split(".")
            if node.level:
                base = base[: len(base) - node.level + (1 if path.name == "__init__.py" else 0)]
            prefix = ".".join(base + ([node.module] if node.module else [])) if node.level else (node.module or "")
            targets = [prefix] + [f"{prefix}.{a.name}" for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in mods:
                t = t.rpartition(".")[0]
            if t and t != name and t.startswith("twin"):
                out.add(t)
    return out


def test_no_import_cycles_between_modules():
    """No module of twin imports (even inside a function) a module that imports it back, directly or not;
    a package's __init__ re-exporting its children does not count."""
    mods = _modules(TWIN)
    graph = {m: {t for t in _imports(m, p, mods) if mods[t].name != "__init__.py"} for m, p in mods.items()
             if p.name != "__init__.py"}
    seen, stack = {}, []

    def visit(m):
        seen[m] = 1
        stack.append(m)
        for t in graph.get(m, ()):
            if seen.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join(stack[stack.index(t):] + [t]))
            if t not in seen:
                visit(t)
        seen[m] = 2
        stack.pop()

    for m in graph:
        if m not in seen:
            visit(m)


def _sizes():
    for package in (TWIN, ROOT / "process_models"):
        for p in package.rglob("*.py"):
            yield p, ast.parse(p.read_text()), len(p.read_text().splitlines())


def test_functions_classes_and_modules_stay_short():
    long = []
    for p, tree, lines in _sizes():
        rel = str(p.relative_to(ROOT))
        if lines > MAX_MODULE and rel not in BIG_MODULES:
            long.append(f"{rel}: module of {lines} lines")
        if not rel.startswith("twin/"):
            continue
        for node in ast.walk(tree):
            n = getattr(node, "end_lineno", 0) - getattr(node, "lineno", 0) + 1
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and n > MAX_FUNCTION:
                long.append(f"{rel}:{node.lineno} function {node.name} of {n} lines")
            if isinstance(node, ast.ClassDef) and n > MAX_CLASS:
                long.append(f"{rel}:{node.lineno} class {node.name} of {n} lines")
    assert not long, long


def test_no_route_branches_outside_the_scenario():
    """Routes are data (twin/scenario/routes.py); nothing downstream branches on a route's name."""
    hits = []
    for p in TWIN.rglob("*.py"):
        if p.relative_to(TWIN).parts[0] == "scenario":
            continue
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.Compare) and isinstance(node.left, (ast.Name, ast.Attribute)):
                if (node.left.id if isinstance(node.left, ast.Name) else node.left.attr) == "route":
                    hits.append(f"{p.relative_to(ROOT)}:{node.lineno}")
    assert not hits, hits


def test_import_twin_registers_the_accessor_and_exposes_the_api():
    code = ("import twin, xarray as xr; assert hasattr(xr.Dataset(), 'twin');"
            "print(sorted(n for n in ('load_scenario', 'run_study', 'open_results') if callable(getattr(twin, n))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['load_scenario', 'open_results', 'run_study']"


def test_every_catalogued_step_has_a_class_and_every_class_is_catalogued():
    from twin.scenario.routes import STEP_CATALOGUE
    from twin.simulation.steps import STEPS

    assert set(STEPS) == set(STEP_CATALOGUE)
    for name, cls in STEPS.items():
        assert cls.name == name


@pytest.mark.parametrize("flag", ["forms_electrolyte", "seals_surface"])
def test_every_route_has_the_steps_the_exposure_clocks_need(flag):
    from twin.scenario.routes import ROUTES
    from twin.simulation.steps import STEPS

    for name, route in ROUTES.items():
        assert any(getattr(STEPS[s], flag) for s in route.steps), (name, flag)


def test_every_failure_mode_is_decided_somewhere_and_every_check_is_in_the_contract():
    """The contract lists each failure mode with the gate that decides it: end-of-line modes have a check,
    inspection modes are set by a gate step, breakdown scrap by the line; nothing decides a mode the
    contract does not know."""
    from twin.contract import FAILURE_MODES
    from twin.simulation.assembly import DECIDED_HERE
    from twin.simulation.eol import EOL_CHECKS

    eol = {m.name for m in FAILURE_MODES if m.gate == "eol"}
    assert {c.mode for c in EOL_CHECKS} | DECIDED_HERE == eol
    assert not {c.mode for c in EOL_CHECKS} & DECIDED_HERE
    assert {m.gate for m in FAILURE_MODES} == {"", "inspection", "breakdown", "eol"}


def test_a_replicate_fills_exactly_the_contract():
    """Per-replicate KPIs (line and cost) and per-cell fields of one replicate are the contract's, no more, no less."""
    from twin.contract import CELL, REPLICATE, STACK, variables
    from twin.scenario import load_scenario
    from twin.simulation.kpis import KPIS
    from twin.simulation.replicate import simulate_replicate

    r = simulate_replicate(load_scenario(ROOT / "scenarios" / "lab_cell.yaml"), 0, 0)
    assert set(r.kpis) == {v.name for v in variables(REPLICATE)}
    assert set(KPIS) <= set(r.kpis)
    assert set(r.cells) == {v.name for v in variables(CELL)}
    assert set(r.stacks) == {v.name for v in variables(STACK)}
