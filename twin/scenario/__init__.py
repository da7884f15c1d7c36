"""Scenario YAML -> a frozen, validated Scenario in SI (pint and pydantic live only here)."""

from .schema import ROUTE_TEMPLATES, STEPS, Scenario, load_scenario, scenario_from_text

__all__ = ["Scenario", "load_scenario", "scenario_from_text", "STEPS", "ROUTE_TEMPLATES"]
