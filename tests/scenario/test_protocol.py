"""Cycling-protocol step strings (PyBaMM experiment style) -> ProtocolStep in SI."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from twin.scenario.protocol import (
    MAX_STEP_CHARS,
    MAX_STEPS,
    ProtocolError,
    ProtocolStep,
    ProtocolSteps,
    parse_protocol,
    parse_step,
)


@pytest.mark.parametrize("text, field, expected", [
    ("Charge at C/20 until 4.3 V", "c_rate", 0.05),
    ("Charge at C/3 until 4.3 V", "c_rate", 1 / 3),
    ("Charge at c / 20 until 4.3 V", "c_rate", 0.05),
    ("Discharge at 0.05C until 3 V", "c_rate", 0.05),
    ("Discharge at 2C until 3 V", "c_rate", 2.0),
    ("Discharge at 1 C until 3 V", "c_rate", 1.0),
    ("Discharge at 0.5 C until 3 V", "c_rate", 0.5),
    ("Charge at 0.2 mA/cm2 until 4.3 V", "current_density", 2.0),
    ("Charge at 0.2 mA/cm^2 until 4.3 V", "current_density", 2.0),
    ("Charge at 0.2 mA / cm^2 until 4.3 V", "current_density", 2.0),
    ("Charge at 0.2 mA cm-2 until 4.3 V", "current_density", 2.0),
    ("Charge at 0.2 mA cm^-2 until 4.3 V", "current_density", 2.0),
    ("Charge at 0.2mA/cm2 until 4.3 V", "current_density", 2.0),
    ("Charge at 2 A/m2 until 4.3 V", "current_density", 2.0),
    ("Charge at 200 uA/cm2 until 4.3 V", "current_density", 2.0),
    ("Charge at 0.02 mA/mm2 until 4.3 V", "current_density", 20.0),
    ("Charge at 0.063 mA until 4.3 V", "current", 6.3e-5),
    ("Charge at 1 A until 4.3 V", "current", 1.0),
    ("Charge at 63 uA until 4.3 V", "current", 6.3e-5),
    ("Charge at 63 µA until 4.3 V", "current", 6.3e-5),
    ("Charge at 500 nA until 4.3 V", "current", 5e-7),
    ("Charge at C/20 until 4.3 V", "voltage", 4.3),
    ("Charge at C/20 until 4300 mV", "voltage", 4.3),
    ("Charge at C/20 until 4.3V", "voltage", 4.3),
])
def test_currents_and_voltages_in_si(text, field, expected):
    step = parse_step(text)
    assert math.isclose(getattr(step, field), expected, rel_tol=1e-12)
    assert step.kind == text.split()[0].lower()


@pytest.mark.parametrize("duration, seconds", [
    ("1 hour", 3600.0), ("1 hours", 3600.0), ("30 minutes", 1800.0), ("30 min", 1800.0), ("2 h", 7200.0),
    ("90 s", 90.0), ("1.5 hours", 5400.0), ("10 seconds", 10.0), ("2 days", 172800.0), ("1e3 s", 1000.0),
])
def test_durations_in_seconds(duration, seconds):
    assert math.isclose(parse_step(f"Rest for {duration}").duration, seconds, rel_tol=1e-12)


def test_every_form_of_charge_discharge_rest_and_hold():
    assert parse_step("Charge at C/20 until 4.3 V") == ProtocolStep("charge", "Charge at C/20 until 4.3 V", c_rate=0.05, voltage=4.3)
    assert parse_step("Discharge at 1C for 2 hours") == ProtocolStep("discharge", "Discharge at 1C for 2 hours", c_rate=1.0, duration=7200.0)
    for text in ("Discharge at 1C for 2 hours or until 3 V", "Discharge at 1C for 2 hours until 3 V"):
        assert parse_step(text) == ProtocolStep("discharge", text, c_rate=1.0, duration=7200.0, voltage=3.0)
    assert parse_step("Rest for 1 hour") == ProtocolStep("rest", "Rest for 1 hour", duration=3600.0)
    assert parse_step("Hold at 4.3 V until C/50") == ProtocolStep("hold", "Hold at 4.3 V until C/50", voltage=4.3, end_c_rate=0.02)
    text = "Hold at 4300 mV for 1 h or until 0.05 mA/cm2"
    assert parse_step(text) == ProtocolStep("hold", text, voltage=4.3, duration=3600.0, end_current_density=0.5)
    assert parse_step("Hold at 4.3 V until 1 mA").end_current == pytest.approx(1e-3)


def test_case_and_whitespace_are_tolerated_and_the_text_is_kept_stripped():
    step = parse_step("  dIsChArGe   AT  C/20\tUNTIL 3 v \n")
    assert (step.kind, step.c_rate, step.voltage) == ("discharge", 0.05, 3.0)
    assert step.text == "dIsChArGe   AT  C/20\tUNTIL 3 v"


def test_current_density_for_each_form_of_current():
    """C-rate: Q * rate / 3600; per area: as given; absolute: I / A; rest: 0 [A m-2]."""
    q = 4 * 3.6 / 1e-4  # 4 mAh/cm2 [C m-2]
    area = 1e-4  # 1 cm2 [m2]
    assert parse_step("Charge at C/20 for 1 h").current_density_for(q, area) == pytest.approx(q * 0.05 / 3600)
    assert parse_step("Charge at C/20 for 1 h").current_density_for(q, area) == pytest.approx(2.0)  # 0.2 mA/cm2
    assert parse_step("Charge at 0.2 mA/cm2 for 1 h").current_density_for(q, area) == pytest.approx(2.0)
    assert parse_step("Charge at 0.063 mA for 1 h").current_density_for(q, area) == pytest.approx(6.3e-5 / 1e-4)
    assert parse_step("Rest for 1 h").current_density_for(q, area) == 0.0
    assert isinstance(parse_step("Charge at 1C for 1 h").current_density_for(q, area), float)


def test_current_density_for_arrays_of_capacity():
    qs = np.array([1e4, 2e4, 3e4])
    np.testing.assert_allclose(parse_step("Charge at 2C for 1 h").current_density_for(qs, 1e-4), qs * 2 / 3600, rtol=1e-12)
    np.testing.assert_allclose(parse_step("Charge at 2 A/m2 for 1 h").current_density_for(qs, 1e-4), [2.0, 2.0, 2.0])
    np.testing.assert_allclose(parse_step("Charge at 1 mA for 1 h").current_density_for(qs, 1e-4), [10.0, 10.0, 10.0])


def test_end_current_density_of_a_hold():
    q = 4 * 3.6 / 1e-4
    assert parse_step("Hold at 4.3 V until C/50").end_current_density_for(q, 1e-4) == pytest.approx(q * 0.02 / 3600)
    assert parse_step("Hold at 4.3 V until 0.05 mA/cm2").end_current_density_for(q, 1e-4) == pytest.approx(0.5)
    assert parse_step("Hold at 4.3 V until 1 mA").end_current_density_for(q, 2e-4) == pytest.approx(5.0)
    with pytest.raises(ProtocolError, match="voltage hold"):
        parse_step("Hold at 4.3 V until C/50").current_density_for(q, 1e-4)
    with pytest.raises(ProtocolError, match="not a hold"):
        parse_step("Charge at 1C for 1 h").end_current_density_for(q, 1e-4)


@pytest.mark.parametrize("value, fragment", [
    (None, "must be a string"), (4.3, "must be a string"), (["Rest for 1 h"], "must be a string"),
    ({"rest": "1 h"}, "must be a string"), (b"Rest for 1 h", "must be a string"),
    ("", "must not be empty"), ("   \n\t", "must not be empty"),
    ("Rest for 1 h" + " " * 200, "at most 200 characters"),
    ("Charge at 4.3 V until C/20", "cannot read 'Charge at 4.3 V until C/20': expected 'Charge|Discharge at <current>"),
    ("Charge at 4.3 V until C/20", "a current is 'C/20', '0.5C', '0.2 mA/cm2' or '0.063 mA'"),
    ("Charge at 4.3 V until C/20", "'4.3 V' is not a current"),
    ("Charge at 1C until 1 h", "'1 h' is not a voltage"),
    ("Rest for 4 V", "not a time"),
    ("Rest for 3 m", "'m' is metre"),
    ("Rest for ever", "'ever' is not a duration"),
    ("Charge at 1C", "a charge needs 'until <voltage>' or 'for <duration>'"),
    ("Discharge at 0.2 mA/cm2", "a discharge needs 'until <voltage>' or 'for <duration>'"),
    ("Hold at 4.2 V", "a hold needs 'until <current>'"),
    ("Hold at 4.2 V for 1 h", "a hold needs 'until <current>'"),
    ("Rest", "cannot read 'Rest'"),
    ("Rest for 1 h until 4 V", "cannot read"),
    ("Charge until 4.2 V", "cannot read"),
    ("Charge at 1C or until 4.2 V", "cannot read"),
    ("Charge at 1C for 1 h or", "cannot read"),
    ("Charge at 1C for 1 h for 2 h", "cannot read"),
    ("Charge at 1C until 4.2 V or for 1 h", "cannot read"),
    ("Charge at 1 W until 4.2 V", "'1 W' is not a current"),
    ("Charge at 1C until 4.2 V.", "'4.2 V.' is not a voltage"),
    ("Discharge 1C until 3 V", "cannot read"),
    ("Cycle at 1C until 3 V", "not 'Cycle'"),
    ("Charge at nan C until 4.3 V", "not a finite number"),
    ("Charge at inf mA until 4.3 V", "not a finite number"),
    ("Charge at C/inf until 4.3 V", "not a finite number"),
    ("Charge at 1C until NaN V", "not a finite number"),
    ("Rest for infinity s", "not a finite number"),
    ("Rest for 1e999 s", "not a finite number"),
    ("Charge at -1C until 4.3 V", "must be > 0"),
    ("Charge at C/-20 until 4.3 V", "must be > 0"),
    ("Charge at C/0 until 4.3 V", "must be > 0"),
    ("Charge at -0.2 mA/cm2 until 4.3 V", "must be > 0"),
    ("Charge at 0 mA until 4.3 V", "must be > 0"),
    ("Charge at 1C until -4.3 V", "must be > 0"),
    ("Charge at 1C until 0 V", "must be > 0"),
    ("Rest for -1 h", "must be > 0"),
    ("Rest for 0 s", "must be > 0"),
    ("Charge at 101C until 4.3 V", "<= 100C"),
    ("Charge at C/0.001 until 4.3 V", "<= 100C"),
    ("Charge at 1C until 10 V", "< 10 V"),
    ("Hold at 12000 mV until C/50", "< 10 V"),
    ("Rest for 11 years", "at most 10 years"),
    ("Rest for 1e300 years", "at most 10 years"),
    ("Charge at 1e308 A/mm2 for 1 h", "not a finite number > 0 in A m-2"),
    ("Charge at 1e400 A for 1 h", "not a finite number"),
])
def test_bad_steps(value, fragment):
    with pytest.raises(ProtocolError) as ei:
        parse_step(value)
    assert fragment in str(ei.value)


def test_a_protocol_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_step("nonsense")


def test_parse_protocol_reads_a_list_and_names_the_bad_step():
    steps = parse_protocol(["Charge at C/20 until 4.3 V", "Hold at 4.3 V until C/50", "Rest for 1 hour",
                            "Discharge at C/20 until 3 V"])
    assert [s.kind for s in steps] == ["charge", "hold", "rest", "discharge"]
    assert isinstance(steps, tuple)
    with pytest.raises(ProtocolError, match=r"^step 2: in 'Rest for -1 h': the duration '-1 h' must be > 0"):
        parse_protocol(["Rest for 1 h", "Rest for 2 h", "Rest for -1 h"])
    with pytest.raises(ProtocolError, match="^step 1: a protocol step must be a string"):
        parse_protocol(["Rest for 1 h", None])


@pytest.mark.parametrize("value, fragment", [
    ("Rest for 1 h", "must be a list"), (None, "must be a list"), ({"a": 1}, "must be a list"), (3, "must be a list"),
    ([], "at least one step"), (["Rest for 1 s"] * (MAX_STEPS + 1), f"at most {MAX_STEPS} steps"),
])
def test_parse_protocol_refuses_what_is_not_a_list_of_steps(value, fragment):
    with pytest.raises(ProtocolError, match=fragment):
        parse_protocol(value)


class _Cycling(BaseModel):
    protocol: ProtocolSteps


def test_the_pydantic_type_reads_and_writes_the_list_of_strings():
    texts = ["Charge at C/20 until 4.3 V", "Rest for 1 hour", "Discharge at 0.2 mA/cm2 for 10 h or until 3 V"]
    model = _Cycling(protocol=texts)
    assert model.protocol[0].c_rate == 0.05
    assert model.protocol[2].current_density == pytest.approx(2.0)
    assert model.model_dump() == {"protocol": texts}
    assert _Cycling.model_validate_json(model.model_dump_json()) == model
    assert _Cycling(protocol=model.protocol) == model
    schema = _Cycling.model_json_schema()["properties"]["protocol"]
    assert schema["type"] == "array" and schema["items"]["type"] == "string"


@pytest.mark.parametrize("value, fragment", [
    (["Rest for 1 h", "Charge at 4.3 V until C/20"], "step 1: cannot read 'Charge at 4.3 V until C/20'"),
    ([], "at least one step"),
    ("Rest for 1 h", "must be a list"),
    (["Rest for 1 s"] * (MAX_STEPS + 1), "at most 1000 steps"),
])
def test_the_pydantic_type_gives_a_located_error(value, fragment):
    with pytest.raises(ValidationError) as ei:
        _Cycling(protocol=value)
    (err,) = ei.value.errors()
    assert err["loc"] == ("protocol",)
    assert fragment in err["msg"]


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_any_text_parses_or_raises_a_protocol_error(text):
    try:
        step = parse_step(text)
    except ProtocolError:
        return
    assert step.kind in ("charge", "discharge", "rest", "hold")


_NUMBERS = st.one_of(st.floats(allow_nan=True, allow_infinity=True).map(repr), st.integers(-10, 10**6).map(str),
                     st.sampled_from(["nan", "inf", "-0", ".5", "1e999", "1e-999", "5."]))
_UNITS = st.sampled_from(["C", "c", "mA/cm2", "mA cm-2", "A/m^2", "mA", "uA", "A", "V", "mV", "h", "hours", "min",
                          "s", "m", "years", "", "W", "mA/cm"])
_VALUES = st.one_of(st.builds(lambda n, u: f"{n} {u}", _NUMBERS, _UNITS), st.builds(lambda n: f"C/{n}", _NUMBERS),
                    st.builds(lambda n, u: f"{n}{u}", _NUMBERS, _UNITS))
_WORDS = st.sampled_from(["Charge", "Discharge", "Rest", "Hold", "at", "for", "until", "or"])


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(_WORDS, _VALUES), min_size=1, max_size=8))
def test_near_miss_steps_parse_in_range_or_raise_a_protocol_error(parts):
    try:
        step = parse_step(" ".join(parts))
    except ProtocolError:
        return
    for value in (step.c_rate, step.end_c_rate):
        assert value is None or 0 < value <= 100
    for value in (step.current_density, step.current, step.end_current_density, step.end_current):
        assert value is None or (math.isfinite(value) and value > 0)
    assert step.voltage is None or 0 < step.voltage < 10
    assert step.duration is None or 0 < step.duration <= 10 * 365.25 * 86400


@pytest.mark.parametrize("text", [
    "Charge at " + "1" * (MAX_STEP_CHARS - 10),
    "Charge at " + "1" * (MAX_STEP_CHARS - 11) + "x",
    "Rest for 1" + "e" * (MAX_STEP_CHARS - 10),
    "Rest for " + "1." + "0" * (MAX_STEP_CHARS - 12) + "!",
    "Charge at C/" + "9" * (MAX_STEP_CHARS - 25) + " until 4 V!",
    "Charge at 1 " + "mA" * ((MAX_STEP_CHARS - 12) // 2),
    "Charge at 1 " + "m" * (MAX_STEP_CHARS - 13) + "!",
    "Hold " + "at " * ((MAX_STEP_CHARS - 5) // 3),
    "Charge " + "for 1 h " * ((MAX_STEP_CHARS - 7) // 8),
    "Rest for " + "1" * (MAX_STEP_CHARS - 9),
    "Charge at " + " " * (MAX_STEP_CHARS - 12) + "1C",
    "a" * MAX_STEP_CHARS,
    "Charge at 1 mA/cm" + "2" * (MAX_STEP_CHARS - 17),
])
def test_pathological_strings_of_the_longest_length_return(text):
    """Strings that make a backtracking regex explode: each returns (a step or a ProtocolError), no hang."""
    assert len(text) <= MAX_STEP_CHARS
    try:
        parse_step(text)
    except ProtocolError:
        pass


def test_a_longer_string_is_refused_before_it_is_read():
    with pytest.raises(ProtocolError, match="at most 200 characters"):
        parse_step("Rest for 1 h" + "!" * 10**6)


def test_a_step_cannot_be_made_of_an_unknown_kind():
    with pytest.raises(ProtocolError, match="unknown kind"):
        ProtocolStep("cycle", "Cycle")
