"""The committed scenario reference is generated from the schema and cannot drift."""

from pathlib import Path

from twin.scenario.docgen import reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenario_reference.md"


def test_scenario_reference_is_up_to_date():
    assert DOC.read_text() == reference(), "regenerate with: python -m twin.scenario.docgen > docs/scenario_reference.md"


def test_reference_lists_every_section_and_unit():
    text = reference()
    for section in ("process.sintering", "process.tape_casting", "line.stations", "gates.eol", "duty", "sweep"):
        assert f"### `{section}`" in text
    assert "| `dwell_temperature` | K |" in text and "| `stack_pressure` | Pa |" in text
