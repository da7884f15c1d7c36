"""Calibration configs: every problem located (file:line, YAML path), exit 2 through the CLI, nothing written."""

from types import MappingProxyType

import pytest

from process_models import priors
from twin.cli import main
from twin.errors import TwinError
from twin.scenario.calibration_config import CalibrationConfigError

from .conftest import CONFIGS, write

GOOD = """name: t
seed: 1
method: emcee
parameters:
  - parameter: STRIPPING_PARAMETERS.Li-LLZO.calibration_current
data:
  - dataset: wang2019_stripping_vs_pressure
    observation: wang2019_stripping
emcee: {walkers: 8, steps: 40, burn: 10}
"""


def run_bad(tmp_path, text, capsys):
    cfg = write(tmp_path / "cal.yaml", text)
    out = tmp_path / "out" / "post.nc"
    code = main(["calibrate", str(cfg), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir()), "nothing may be written"
    return err


def test_a_misspelt_parameter_is_located_with_the_valid_fields(tmp_path, capsys):
    err = run_bad(tmp_path, GOOD.replace("calibration_current", "calibration_curent"), capsys)
    assert "cal.yaml:5: parameters[0].parameter: unknown numeric field 'calibration_curent'" in err
    assert "valid fields:" in err and "calibration_current" in err


def test_an_unknown_registry_or_malformed_name_is_located(tmp_path, capsys):
    err = run_bad(tmp_path, GOOD.replace("STRIPPING_PARAMETERS.Li-LLZO.calibration_current", "STRIPPING.calibration_current"), capsys)
    assert "cal.yaml:5: parameters[0].parameter:" in err and "REGISTRY.set.field" in err


def test_a_parameter_without_a_prior_is_located(tmp_path, capsys, monkeypatch):
    """A parameter the priors table does not cover, and no prior in the config: located, exit 2."""
    key = ("STRIPPING_PARAMETERS", "Li-LLZO", "calibration_current")
    entries = {k: v for k, v in priors.ENTRIES.items() if k not in (key, (key[0], "*", key[2]))}
    monkeypatch.setattr(priors, "ENTRIES", MappingProxyType(entries))
    err = run_bad(tmp_path, GOOD, capsys)
    assert "cal.yaml:5: parameters[0].parameter: STRIPPING_PARAMETERS.Li-LLZO.calibration_current has no prior" in err


def test_a_fixed_prior_cannot_be_fitted_without_a_prior_in_the_config(tmp_path, capsys):
    err = run_bad(tmp_path, GOOD.replace("calibration_current", "beta"), capsys)
    assert "cal.yaml:5:" in err and "fixed prior" in err


def test_an_unknown_dataset_and_observation_model_are_located_with_suggestions(tmp_path, capsys):
    text = GOOD.replace("dataset: wang2019_stripping_vs_pressure", "dataset: wang2019_stripping").replace(
        "observation: wang2019_stripping", "observation: wang_stripping")
    err = run_bad(tmp_path, text, capsys)
    assert "cal.yaml:7: data[0].dataset: unknown dataset 'wang2019_stripping' (did you mean 'wang2019_stripping_vs_pressure'?)" in err
    assert "cal.yaml:8: data[0].observation: unknown observation model 'wang_stripping'" in err
    assert "2 problems found" in err


def test_a_bad_prior_override_is_located_at_the_prior(tmp_path, capsys):
    text = GOOD.replace("calibration_current\n", 'calibration_current\n    prior: {dist: uniform, low: "3 MPa", high: 5}\n')
    err = run_bad(tmp_path, text, capsys)
    assert "cal.yaml:6: parameters[0].prior: '3 MPa' cannot be converted to the parameter's unit A m-2" in err


def test_unknown_keys_and_a_line_model_under_emcee(tmp_path, capsys):
    err = run_bad(tmp_path, GOOD.replace("walkers: 8", "walker: 8"), capsys)
    assert "cal.yaml:9: emcee.walker: unknown key 'walker'; valid keys here: walkers, steps, burn, thin" in err
    text = GOOD.replace("  - dataset: wang2019_stripping_vs_pressure\n    observation: wang2019_stripping",
                        "  - path: nowhere.csv\n    observation: line")
    err = run_bad(tmp_path, text, capsys)
    assert "data[0].path: file not found" in err and "use method: abc-smc" in err


def test_data_a_model_cannot_predict_is_located_at_the_entry(tmp_path, capsys):
    """li_creep holds no stripping rows: the data entry is the problem (found once the data are read)."""
    err = run_bad(tmp_path, GOOD.replace("dataset: wang2019_stripping_vs_pressure", "dataset: li_creep"), capsys)
    assert "cal.yaml:7: data[0].dataset: li_creep: has no rows 'wang2019_stripping' predicts" in err


def test_priors_with_units_are_converted_to_the_parameter_unit():
    from twin.calibration import read_config

    text = (CONFIGS / "li_interface_plating.yaml").read_text()
    cfg = read_config(CONFIGS / "li_interface_plating.yaml")
    assert [p.parameter for p in cfg.parameters][1] == "PLATING_PARAMETERS.Li-LPSCl.effective_resistance"
    assert cfg.prior(2).kind == "uniform" and (cfg.prior(2).low, cfg.prior(2).high) == (4.0, 7.0)
    from twin.scenario.calibration_config import config_from_data
    from twin.scenario.yamlsource import load_text

    text = text.replace("effective_resistance        # prior lognormal(1.9 ohm cm2, sigma 0.354)",
                        'effective_resistance\n    prior: {dist: lognormal, median: "2 ohm*cm^2", sigma: 0.5}')
    data, locs = load_text(text, str(CONFIGS / "x.yaml"))
    cfg = config_from_data(data, locs, text, datasets=["wang2019_stripping_vs_pressure", "oxford2025_plating_vs_density"],
                           observations={"wang2019_stripping": "deterministic", "oxford2025_plating": "deterministic"})
    p = cfg.prior(1)
    assert (p.kind, p.scale) == ("lognormal", 0.5) and p.value == pytest.approx(2e-4)


def test_the_error_is_a_twin_error_with_every_problem(tmp_path):
    from twin.calibration import read_config

    with pytest.raises(TwinError) as exc:
        read_config(CONFIGS / "does_not_exist.yaml")
    assert "file not found" in exc.value.format()
    with pytest.raises(CalibrationConfigError) as exc:
        read_config(write(tmp_path / "c.yaml", GOOD.replace("method: emcee", "method: mcmc")))
    assert "c.yaml:3: method: Input should be 'emcee' or 'abc-smc'" in exc.value.format()
