"""Every numeric parameter of every parameter set has a unit, a status and a prior centred on its value (issue 11).

"An assumed value with no stated range is a defect": the first test fails, listing them, for any numeric
field of any registry (a new one included) that process_models/prior_table*.py does not cover.
"""

import dataclasses
import math
import re
from types import MappingProxyType

import numpy as np
import pytest

from process_models import priors
from process_models.priors import KINDS, STATUSES, ParameterInfo, Prior

ROWS = priors.parameter_table(strict=False)  # the covered ones; the first test names any others
_UNIT_TOKEN = re.compile(r"^(m|s|Pa|J|mol|K|kg|ohm|S|A|V|W|C|N|USD|h|eV)(-?\d+(\.\d+)?)?$")


def _name(row: ParameterInfo) -> str:
    return f"{row.registry}[{row.set_name!r}].{row.field}"


def test_every_numeric_parameter_has_a_unit_a_status_and_a_prior():
    missing = priors.missing_entries()
    assert not missing, "no unit/status/prior in process_models/prior_table*.py for:\n" + "\n".join(
        f"  {r}[{s!r}].{f}" for r, s, f in missing)
    assert len(priors.parameter_table()) == sum(len(priors.numeric_fields(p)) for reg in priors.registries().values()
                                                for p in reg.values())
    bad = [_name(r) for r in ROWS if not r.unit or r.status not in STATUSES or not isinstance(r.prior, Prior)
           or r.prior.kind not in KINDS or not r.prior.basis]
    assert not bad, bad


def test_the_table_names_no_parameter_that_does_not_exist():
    """A renamed field or set leaves a stale entry behind; it must go with the rename."""
    assert priors.stale_entries() == []


def test_units_are_si_strings():
    bad = [(_name(r), r.unit) for r in ROWS
           if r.unit != "1" and not all(_UNIT_TOKEN.match(t) for t in r.unit.split())]
    assert not bad, bad


def test_registries_are_found_and_re_exports_counted_once():
    regs = priors.registries()
    for name in ("VOID_PARAMETERS", "CATHODE_INTERFACES", "ANODE_INTERFACES", "ELECTROLYTES", "CATHODES",
                 "COST_PARAMETERS", "STRIPPING_PARAMETERS", "PLATING_PARAMETERS", "SINTERING_PARAMS"):
        assert name in regs
    keys = [(r.registry, r.set_name, r.field) for r in ROWS]
    assert len(keys) == len(set(keys))
    assert {r.module for r in ROWS if r.registry == "CATHODES"} == {"process_models.electrodes"}
    assert "sources" not in {r.field for r in ROWS} and "name" not in {r.field for r in ROWS}


@dataclasses.dataclass(frozen=True)
class _NewParams:
    name: str
    knob: float
    enabled: bool = True


def test_a_new_registry_without_priors_is_detected(monkeypatch):
    from process_models import voids

    monkeypatch.setattr(voids, "NEW_KNOB_PARAMETERS", MappingProxyType({"x": _NewParams("x", 2.0)}), raising=False)
    priors._registries.cache_clear()
    priors._table.cache_clear()
    try:
        assert priors.missing_entries() == [("NEW_KNOB_PARAMETERS", "x", "knob")]
        with pytest.raises(KeyError, match="NEW_KNOB_PARAMETERS"):
            priors.parameter_table()
    finally:
        monkeypatch.undo()
        priors._registries.cache_clear()
        priors._table.cache_clear()
    assert priors.missing_entries() == []


def test_every_prior_is_centred_on_the_current_value():
    regs = priors.registries()
    off = []
    for r in ROWS:
        current = float(getattr(regs[r.registry][r.set_name], r.field))
        p = r.prior
        if r.value != current or p.value != current:
            off.append((_name(r), current, p.value))
        elif p.kind == "uniform":
            if not p.low <= current <= p.high:
                off.append((_name(r), current, (p.low, p.high)))
        elif not math.isclose(float(p.ppf(0.5)), current, rel_tol=1e-9, abs_tol=1e-300):
            off.append((_name(r), current, float(p.ppf(0.5))))
    assert not off, off


def test_assumed_parameters_have_a_spread_and_fixed_ones_are_derived():
    """An assumed value is never exact; only definitions, exact constants and structural zeros are fixed."""
    assumed_fixed = [_name(r) for r in ROWS if r.status == "assumed" and r.prior.kind == "fixed"]
    assert not assumed_fixed, assumed_fixed
    fixed_not_derived = [_name(r) for r in ROWS if r.prior.kind == "fixed" and r.status != "derived"]
    assert not fixed_not_derived, fixed_not_derived


def test_a_positive_parameter_stays_positive_over_its_prior():
    """Between the 0.1 % and 99.9 % quantiles no positive value turns zero or negative (a draw would be
    unphysical); the few normal priors are narrow enough for that."""
    bad = [(_name(r), r.prior.interval(0.998)[0]) for r in ROWS if r.value > 0 and r.prior.interval(0.998)[0] <= 0]
    assert not bad, bad


def test_sampling_is_reproducible_from_a_seed():
    for r in ROWS:
        a = r.prior.sample(np.random.default_rng(11), 64)
        b = r.prior.sample(np.random.default_rng(11), 64)
        c = r.prior.sample(11, 64)
        assert a.shape == (64,) and np.array_equal(a, b) and np.array_equal(a, c), _name(r)
    p = priors.get_prior("VOID_PARAMETERS", "default", "void_depth")
    assert not np.array_equal(p.sample(1, 16), p.sample(2, 16))


def _distinct_priors():
    seen = {}
    for r in ROWS:
        if r.prior.kind != "fixed":
            seen.setdefault((r.prior.kind, r.prior.value, r.prior.scale, r.prior.low, r.prior.high), (r, r.prior))
    return list(seen.values())


@pytest.mark.parametrize("row,prior", _distinct_priors(), ids=lambda x: _name(x) if isinstance(x, ParameterInfo) else "")
def test_ppf_and_sample_agree(row, prior):
    """Kolmogorov-Smirnov style: the share of 2000 draws below ppf(q) is q within 0.05 (the 0.1 % KS critical
    distance at n = 2000 is 0.044); cdf inverts ppf."""
    draws = prior.sample(np.random.default_rng(2024), 2000)
    q = np.linspace(0.01, 0.99, 99)
    below = (draws[:, None] <= prior.ppf(q)[None, :]).mean(axis=0)
    assert np.max(np.abs(below - q)) < 0.05
    np.testing.assert_allclose(prior.cdf(prior.ppf(q)), q, rtol=1e-9, atol=1e-12)


def test_prior_kinds_by_hand():
    n = Prior("normal", 2.0, 0.5)
    assert float(n.ppf(0.975)) == pytest.approx(2.0 + 1.959964 * 0.5, rel=1e-6)
    ln = Prior("lognormal", 1e-6, math.log(3) / 1.959964)
    assert ln.interval(0.95) == pytest.approx((1e-6 / 3, 3e-6), rel=1e-6)
    u = Prior("uniform", 0.5, low=0.2, high=1.0)
    assert float(u.ppf(0.25)) == pytest.approx(0.4) and u.median == pytest.approx(0.6)
    f = Prior("fixed", 7.0)
    assert np.all(f.sample(0, 5) == 7.0) and np.all(f.ppf([0.1, 0.9]) == 7.0)
    with pytest.raises(ValueError):
        n.ppf(1.5)


@pytest.mark.parametrize("bad", [dict(kind="beta", value=1.0), dict(kind="normal", value=1.0, scale=0.0),
                                 dict(kind="lognormal", value=0.0, scale=0.3),
                                 dict(kind="uniform", value=2.0, low=0.0, high=1.0)])
def test_an_ill_formed_prior_is_refused(bad):
    with pytest.raises(ValueError):
        Prior(**bad)


def test_a_prior_round_trips_through_a_dict():
    for r in ROWS:
        assert Prior.from_dict(r.prior.to_dict()) == r.prior, _name(r)


def test_get_prior_and_wrong_names():
    p = priors.get_prior("CATHODE_INTERFACES", "cold_pressed", "scatter")
    assert p.kind == "lognormal" and p.value == 0.3
    info = priors.get_info("VOID_PARAMETERS", "default", "refill_efficiency")
    assert (info.unit, info.status, info.prior.low, info.prior.high) == ("1", "assumed", 0.2, 1.0)
    with pytest.raises(KeyError, match="valid names: .*VOID_PARAMETERS"):
        priors.get_prior("NO_SUCH_REGISTRY", "default", "void_depth")
    with pytest.raises(KeyError, match="valid names: default"):
        priors.get_prior("VOID_PARAMETERS", "nope", "void_depth")
    with pytest.raises(KeyError, match="valid fields: .*void_depth"):
        priors.get_prior("VOID_PARAMETERS", "default", "name")


def test_stated_ranges_become_the_prior():
    """Where the source states a range, the prior is that range (a few spot checks against the source text)."""
    for reg, s, f in [("VOID_PARAMETERS", "default", "lost_contact"), ("FLAW_PARAMETERS", "default", "size_spread"),
                      ("CALENDER_PARAMETERS", "oxide-composite", "crack_modulus")]:
        info = priors.get_info(reg, s, f)
        low, high = re.search(r"range (\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)", info.source).groups()
        assert (info.prior.low, info.prior.high) == (float(low), float(high)), (reg, s, f)
