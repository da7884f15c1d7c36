"""The given-data first-order index behind the variance shares (twin.analysis.uncertainty), on analytic cases."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from twin.analysis.uncertainty import _first_order, binned_first_order


def test_additive_model_recovers_its_analytic_indices():
    """y = 3 x0 + x1 + noise, x ~ U(0, 1): S1 = 0.75 / 0.8433 = 0.889 and 0.0833 / 0.8433 = 0.099, S1(x2) = 0."""
    rng = np.random.default_rng(1)
    x = rng.uniform(size=(2000, 3))
    y = 3 * x[:, 0] + x[:, 1] + 0.1 * rng.normal(size=2000)
    total = 0.75 + 1 / 12 + 0.01
    assert binned_first_order(x[:, 0], y) == pytest.approx(0.75 / total, abs=0.03)
    assert binned_first_order(x[:, 1], y) == pytest.approx((1 / 12) / total, abs=0.03)
    assert binned_first_order(x[:, 2], y) == pytest.approx(0.0, abs=0.02)


def test_a_function_of_one_parameter_only_gives_it_everything():
    x = np.linspace(0, 1, 64)
    assert binned_first_order(x, np.exp(3 * x)) > 0.95
    assert binned_first_order(x, np.full(64, 2.0)) == 0.0


def test_bootstrap_intervals_cover_and_repeat():
    rng = np.random.default_rng(2)
    x = rng.uniform(size=(40, 2))
    y = x[:, 0] + 0.3 * rng.normal(size=40)
    s1, half = _first_order(x, y, seed=5)
    again = _first_order(x, y, seed=5)
    assert np.array_equal(s1, again[0]) and np.array_equal(half, again[1])
    assert s1[0] > s1[1] and np.all(half > 0)
    assert np.isnan(_first_order(x[:6], y[:6], seed=5)[0]).all(), "fewer than 8 draws: no estimate"


@settings(max_examples=30, deadline=None)
@given(st.integers(8, 300), st.integers(0, 10_000))
def test_index_lies_in_the_unit_interval(n, seed):
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=n), rng.normal(size=n)
    assert 0.0 <= binned_first_order(x, y) <= 1.0
