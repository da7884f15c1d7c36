"""Process-variability distributions: parsing, SI conversion, sampling statistics."""

import numpy as np
import pytest

from twin.scenario.distributions import location, parse_distribution, sample


def test_normal_in_si_and_moments():
    d = parse_distribution({"dist": "normal", "mean": "100 um", "sd": "2 um"}, "length")
    x = sample(d, np.random.default_rng(0), 200_000)
    assert x.mean() == pytest.approx(100e-6, rel=1e-3)
    assert x.std() == pytest.approx(2e-6, rel=1e-2)


def test_lognormal_given_by_mean_and_sd_of_quantity():
    d = parse_distribution({"dist": "lognormal", "mean": "3 Pa*s", "sd": "0.6 Pa*s"}, "viscosity")
    x = sample(d, np.random.default_rng(1), 400_000)
    assert x.mean() == pytest.approx(3.0, rel=5e-3)
    assert x.std() == pytest.approx(0.6, rel=2e-2)
    assert (x > 0).all()


def test_truncnormal_stays_in_bounds():
    d = parse_distribution({"dist": "truncnormal", "mean": "1130 degC", "sd": "10 degC", "low": "1120 degC", "high": "1140 degC"}, "temperature")
    x = sample(d, np.random.default_rng(2), 50_000)
    assert x.min() >= 1393.15 and x.max() <= 1413.15
    assert x.mean() == pytest.approx(1403.15, abs=0.2)


def test_uniform_triangular_fixed():
    rng = np.random.default_rng(3)
    u = sample(parse_distribution({"dist": "uniform", "low": 0.4, "high": 0.5}, "dimensionless"), rng, 100_000)
    assert u.min() >= 0.4 and u.max() <= 0.5 and u.mean() == pytest.approx(0.45, abs=1e-3)
    t = parse_distribution({"dist": "triangular", "low": "5 min", "mode": "6 min", "high": "9 min"}, "time")
    x = sample(t, rng, 100_000)
    assert x.mean() == pytest.approx((300 + 360 + 540) / 3, rel=5e-3)
    assert location(t) == 360
    f = parse_distribution({"dist": "fixed", "value": "5 MPa"}, "pressure")
    assert (sample(f, rng, 3) == 5e6).all()


def test_shift_keeps_spread():
    d = parse_distribution({"dist": "normal", "mean": "1130 degC", "sd": "5 degC"}, "temperature")
    s = d.shifted(1373.15)
    assert location(s) == pytest.approx(1373.15) and s.p("sd") == 5.0


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ({"dist": "weibull", "mean": 1}, "unknown distribution"),
        ({"mean": 1}, "needs a 'dist' key"),
        ({"dist": "normal", "mean": "1 um"}, "missing key"),
        ({"dist": "normal", "mean": "1 um", "sd": "1 um", "scale": 2}, "unknown key"),
        ({"dist": "normal", "mean": "1 um", "sd": "-1 um"}, "sd must be >= 0"),
        ({"dist": "uniform", "low": "2 um", "high": "1 um"}, "low must be < high"),
        ({"dist": "normal", "mean": "1 kg", "sd": "1 um"}, "mean:.*expected length"),
    ],
)
def test_bad_distributions(raw, fragment):
    with pytest.raises(ValueError, match=fragment):
        parse_distribution(raw, "length")
