"""process_models.overrides.overridden: parameter values replaced in the physics for a block, then restored."""

import pytest

from process_models import critical_current, plating, priors, sintering, stripping
from process_models.overrides import format_key, overridden, parse_key

CCS = ("STRIPPING_PARAMETERS", "Li-LLZO", "calibration_current")
R_EFF = ("PLATING_PARAMETERS", "Li-LPSCl", "effective_resistance")


def ccs_2mpa() -> float:
    """Li | LLZO critical stripping current at its 2 MPa calibration pressure [A m-2] (= calibration_current)."""
    return float(stripping.critical_stripping_current(2e6, electrolyte="Ga-LLZO"))


def test_a_physics_function_sees_the_value_inside_and_the_original_after():
    before = ccs_2mpa()
    assert before == pytest.approx(4.0)  # 0.4 mA/cm2 at 2 MPa (Wang 2019)
    with overridden({CCS: 6.0}):
        assert ccs_2mpa() == pytest.approx(6.0)
        assert stripping.STRIPPING_PARAMETERS["Li-LLZO"].calibration_current == 6.0
        assert stripping.STRIPPING_PARAMETERS["Li-LPSCl"] is priors.registries()["STRIPPING_PARAMETERS"]["Li-LPSCl"]
    assert ccs_2mpa() == before
    assert stripping.STRIPPING_PARAMETERS is priors.registries()["STRIPPING_PARAMETERS"]


def test_restored_when_the_block_raises():
    before = ccs_2mpa()
    with pytest.raises(RuntimeError, match="boom"):
        with overridden({CCS: 6.0}):
            raise RuntimeError("boom")
    assert ccs_2mpa() == before


def test_nested_blocks_compose_and_unwind_in_order():
    with overridden({CCS: 6.0}):
        with overridden({R_EFF: 2e-4}):
            assert ccs_2mpa() == pytest.approx(6.0)  # the outer value is still there
            assert plating.PLATING_PARAMETERS["Li-LPSCl"].effective_resistance == 2e-4
        with overridden({CCS: 8.0}):
            assert ccs_2mpa() == pytest.approx(8.0)
        assert ccs_2mpa() == pytest.approx(6.0)
        assert plating.PLATING_PARAMETERS is priors.registries()["PLATING_PARAMETERS"]
    assert ccs_2mpa() == pytest.approx(4.0)


def test_re_exporting_modules_see_the_override_too():
    """critical_current re-exports the plating and stripping registries, sintering the sintering one."""
    key = ("SINTERING_PARAMS", "Ga-LLZO-tape", "activation_energy")
    with overridden({R_EFF: 1e-4, key: 5.0e5}):
        assert critical_current.PLATING_PARAMETERS is plating.PLATING_PARAMETERS
        assert sintering.SINTERING_PARAMS["Ga-LLZO-tape"].activation_energy == 5.0e5
    assert critical_current.PLATING_PARAMETERS is priors.registries()["PLATING_PARAMETERS"]


def test_the_mapping_inside_is_read_only():
    with overridden({CCS: 6.0}):
        with pytest.raises(TypeError):
            stripping.STRIPPING_PARAMETERS["Li-LLZO"] = None


@pytest.mark.parametrize("key,valid", [
    (("STRIPPING_PARAMETER", "Li-LLZO", "calibration_current"), "STRIPPING_PARAMETERS"),
    (("STRIPPING_PARAMETERS", "Li-LLZ", "calibration_current"), "Li-LLZO"),
    (("STRIPPING_PARAMETERS", "Li-LLZO", "calibration"), "calibration_current"),
])
def test_unknown_names_raise_keyerror_listing_the_valid_ones_and_change_nothing(key, valid):
    with pytest.raises(KeyError, match=valid):
        with overridden({CCS: 6.0, key: 1.0}):
            pass
    assert ccs_2mpa() == pytest.approx(4.0)


def test_keys_as_text():
    assert parse_key("PLATING_PARAMETERS.Li-LPSCl.effective_resistance") == R_EFF
    assert format_key(R_EFF) == "PLATING_PARAMETERS.Li-LPSCl.effective_resistance"
    with pytest.raises(KeyError, match="REGISTRY.set.field"):
        parse_key("PLATING_PARAMETERS.effective_resistance")
