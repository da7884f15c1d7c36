"""Tests for process_models.ramp_up: the FFB/Porsche ramp-up anchors, monotone learning, steady state, identity."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_models import ramp_up as ru
from tests.process_models.conformance import check_model

YEAR = ru.YEAR


@pytest.mark.parametrize("params", ["ffb-2024", "wright-ffb-2024"])
def test_ffb_anchors(params):
    """Fraunhofer FFB / RWTH PEM 2024 [secondary]: ~30 % scrap at start of production (Porsche 2025: 'exceeding
    30 %' [read]) and ~10 % after five years. Both the plant scrap and a steady-state 5 % defect rate ramped
    by the multiplier reproduce them within 0.5 percentage points. For the output basis, five years of a
    10 GWh/yr plant (50 GWh shipped)."""
    five = 5 * YEAR if params == "ffb-2024" else 50e9 * 3600.0
    for x, target in ((0.0, 0.30), (five, 0.10)):
        assert float(ru.scrap_fraction(x, params=params)) == pytest.approx(target, abs=0.005)
        m = ru.scrap_multiplier(x, params=params)
        assert float(ru.defect_rate(0.05, m)) == pytest.approx(target, abs=0.005)


def test_time_constant_of_the_notes():
    """Notes s5 [derived]: s_inf 5 % gives tau ~3.1 yr."""
    assert ru.get_ramp_up_params("ffb-2024").time_constant / YEAR == pytest.approx(3.1, abs=0.05)


def test_steady_state_multiplier_is_one():
    for params in ("ffb-2024", "wright-ffb-2024"):
        far = 1e3 * YEAR if params == "ffb-2024" else 1e60  # b = 0.32: slow
        assert float(ru.scrap_multiplier(far, params=params)) == pytest.approx(1.0, abs=1e-6)
        assert float(ru.scatter_multiplier(far, params=params)) == pytest.approx(1.0, abs=1e-6)


def test_none_is_identity():
    x = np.array([0.0, 0.5, 5.0, 50.0]) * YEAR
    np.testing.assert_array_equal(ru.scrap_multiplier(x, params="none"), np.ones(4))
    np.testing.assert_array_equal(ru.scatter_multiplier(x, params="none"), np.ones(4))
    p = np.array([0.0, 0.01, 0.2, 1.0])
    np.testing.assert_allclose(ru.defect_rate(p, ru.scrap_multiplier(x, params="none")), p, rtol=1e-12)
    np.testing.assert_array_equal(ru.spread(2e-6, ru.scatter_multiplier(x, params="none")), np.full(4, 2e-6))


@settings(max_examples=60, deadline=None)
@given(t=st.floats(0.0, 30.0), dt=st.floats(0.01, 10.0), p=st.floats(1e-6, 0.9))
def test_monotone_decrease(t, dt, p):
    """Property: scrap, multiplier, scatter and a ramped defect rate never rise with time; the ramped rate is
    never below the steady-state one and stays a probability."""
    a, b = t * YEAR, (t + dt) * YEAR
    assert ru.scrap_fraction(b) <= ru.scrap_fraction(a)
    assert ru.scrap_multiplier(b) <= ru.scrap_multiplier(a)
    assert ru.scatter_multiplier(b) <= ru.scatter_multiplier(a)
    ra, rb = ru.defect_rate(p, ru.scrap_multiplier(a)), ru.defect_rate(p, ru.scrap_multiplier(b))
    assert p <= rb <= ra <= 1.0


def test_hazard_multiplier_composes_over_layers():
    """Why 1 - (1-p)^m: ramping each of N layers' defect rates ramps the cell's survival Y to Y^m, whatever N."""
    m = float(ru.scrap_multiplier(1.0 * YEAR))
    p_layer = 0.036
    for n in (1, 20, 60):
        cell_ramped = 1 - (1 - ru.defect_rate(p_layer, m)) ** n
        assert float(cell_ramped) == pytest.approx(float(ru.defect_rate(1 - (1 - p_layer) ** n, m)), rel=1e-12)


def test_scatter_equivalence():
    """A centred normal variable with symmetric limits at 1.96 sd is out 5 % of the time; 1.89x the sd puts
    30 % out: the scatter multiplier at start."""
    k = float(ru.scatter_multiplier(0.0))
    from scipy.special import ndtr
    assert 2 * ndtr(-1.959964 / k) == pytest.approx(0.30, rel=1e-4)
    assert ru.spread(1.0, k) == pytest.approx(k)


def test_unknown_set_lists_the_valid_ones():
    with pytest.raises(KeyError, match="ffb-2024"):
        ru.scrap_multiplier(0.0, params="nope")


def test_conformance():
    check_model(ru.scrap_multiplier, dict(x=1.5 * YEAR), {"value": (1.0, None, True, True)})
    check_model(ru.scatter_multiplier, dict(x=1.5 * YEAR), {"value": (1.0, None, True, True)})
    check_model(ru.defect_rate, dict(base_rate=0.02, multiplier=3.0), {"value": (0.0, 1.0, True, True)})
