"""Tests for process_models.shorts: shorts that need no cycling (assembly, electronic leakage).

Shorts that develop in time (filaments, their soft or hard mode) are tested in
test_voids_filaments.py and, at the literature's conditions, in
tests/validation/test_failure_in_time.py.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from process_models import critical_current as cc
from process_models import flaws, shorts
from tests.process_models.conformance import check_model

MPA = 1e6


def _assembly(p, rho, *, electrolyte="Li6PS5Cl", thickness=1e-3, grain=5e-6, pore=None, pinhole=False):
    a = flaws.largest_flaw(rho, grain, flaws.LAB_CELL_AREA, 0.5)
    ccp = cc.critical_plating_current(rho, a, stack_pressure=p, electrolyte=electrolyte)
    return bool(shorts.assembly_short(ccp, p, rho, thickness, a if pore is None else pore, pinhole=pinhole))


def test_doux_5_mpa_safe_75_mpa_shorts_at_assembly():
    """Doux et al., AEM 10, 1903253 (2020) [read abstract; 75 MPa result seed]: 5 MPa lets a
    Li | Li6PS5Cl | Li cell cycle (> 1000 h), 75 MPa shorts it immediately.

    Doux's cell: ~1 mm pellet of 18 % porosity (literature notes), 5 um powder [assumed], the median
    lab-cell largest flaw. 75 MPa: the Li carried into the largest flaw (above its size-dependent flow
    stress) exceeds its Griffith pressure -> fracture at assembly. 5 MPa: nothing.
    """
    assert not _assembly(5 * MPA, 0.82)
    assert _assembly(75 * MPA, 0.82)


def test_creep_through_pinhole_and_coarse_porosity():
    """Assembly short by Li creep: a wide through-pinhole or coarse open porosity lets Li creep
    through a thin separator at high pressure, not at low pressure (creep + size effect)."""
    kw = dict(thickness=30e-6, grain=5e-6)
    assert _assembly(40 * MPA, 0.95, pinhole=True, **kw)
    assert not _assembly(2 * MPA, 0.95, pinhole=True, **kw)
    por = dict(thickness=30e-6, pore=40e-6)
    assert _assembly(30 * MPA, 0.75, **por)
    assert not _assembly(3 * MPA, 0.75, **por)
    # closed porosity (95 % dense) blocks the pore route even with wide pores
    assert not bool(shorts.assembly_short(10.0, 30 * MPA, 0.95, 30e-6, 40e-6))


def test_electronic_leakage():
    """Li plates inside the SE above ~1e-5 S/cm (Cao citing Han, Nat. Energy 2019 [seed])."""
    np.testing.assert_array_equal(shorts.electronic_leakage(np.array([1e-2, 1e-3, 1e-6])), [True, True, False])


@settings(max_examples=50, deadline=None)
@given(p=st.floats(0.0, 100 * MPA), dp=st.floats(0.5 * MPA, 20 * MPA), rho=st.floats(0.7, 0.99))
def test_more_pressure_never_removes_an_assembly_short(p, dp, rho):
    if _assembly(p, rho):
        assert _assembly(p + dp, rho)


def test_bad_params_name():
    with pytest.raises(KeyError, match="default"):
        shorts.electronic_leakage(1.0, params="other")


def test_conformance():
    kw = {"critical_plating_current": 11.7, "stack_pressure": 5e6, "relative_density": 0.85,
          "electrolyte_thickness": 5e-4, "pore_size": 10e-6}
    check_model(shorts.assembly_short, kw, {"value": (0, 1, True, True)})
    check_model(shorts.assembly_short, {**kw, "stack_pressure": 75e6, "critical_plating_current": 0.0, "pinhole": True},
                {"value": (0, 1, True, True)})
