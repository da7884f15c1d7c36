"""Failure in time at the literature's own conditions (issue 10; docs/validation.md, "Failure in time").

Each test names its source and runs the model at the source's cell, current,
pressure and temperature. Where the model misses, the test is an xfail
(strict) that says by how much and why, so a fix turns it into a pass.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from process_models import anode_cycling as ac
from process_models import critical_current as cc
from process_models import filaments, flaws, shorts, stacking
from process_models.materials import get_electrolyte
from twin.scenario import scenario_from_text
from twin.simulation.replicate import simulate_replicate

MA_CM2 = 10.0  # A m-2 per mA cm-2
MAH_CM2 = 36000.0  # C m-2 per mAh cm-2
HOUR = 3600.0
SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


# --------------------------------------------------------------------------- cells as the papers built them

def pellet(rho, thickness, *, electrolyte="Li6PS5Cl", grain=10e-6, stack=0.0, attach=None, quantile=0.5,
           area=flaws.LAB_CELL_AREA, n=1):
    """A Li | pellet interface (arrays of n cells): largest flaw, CCP, resupply, contact, filament route."""
    q = np.full(n, quantile) if np.isscalar(quantile) else np.asarray(quantile, float)
    pp = cc.get_plating_params("Li-LLZO" if get_electrolyte(electrolyte).family == "oxide" else "Li-LPSCl")
    a = flaws.largest_flaw(rho, grain, area, q, surface_flaw_size=pp.surface_flaw_size)
    contact = stacking.anode_contact_fraction(max(stack, attach or 0.0), electrolyte=electrolyte)
    full = lambda v: np.full(n, v, dtype=float)  # noqa: E731
    return ac.Interface(
        thickness=full(thickness), focusing=full(float(filaments.network_focusing(1 - rho))),
        critical_plating_current=cc.critical_plating_current(rho, a, stack_pressure=stack, electrolyte=electrolyte),
        resupply_current=full(float(cc.critical_stripping_current(stack, electrolyte=electrolyte))),
        max_contact=full(float(contact)),
        severs=filaments.severs(stack, 1 - rho, get_electrolyte(electrolyte).youngs_modulus, a),
    )


def symmetric(itf, currents, capacity):
    """Li | SE | Li, both sides alike: at each current plate one side ``capacity`` [C m-2] and strip the
    other, then reverse. Returns (index of the current where it first failed, 'short'|'contact'|None,
    index of the current where a strip first left less than half the contact)."""
    a, b = ac.InterfaceState.start(itf), ac.InterfaceState.start(itf)
    clock, voided = 0.0, None
    for k, j in enumerate(currents):
        for plating, stripping in ((a, b), (b, a)):
            t = capacity / j
            ac.plate(itf, plating, j, t, clock)
            t_strip = ac.strip(itf, stripping, j, t)
            clock += t
            if voided is None and stripping.contact[0] < 0.5 * itf.max_contact[0]:
                voided = k
            if plating.shorted[0]:
                return k, "short", voided
            if t_strip[0] < t * (1 - 1e-9):
                return k, "contact", voided
    return None, None, voided


# --------------------------------------------------------------------------- Cao 2023

def lab_cell(**subs):
    text = (SCENARIOS / "lab_cell.yaml").read_text()
    for old, new in subs.items():
        assert old in text, old
        text = text.replace(old, new)
    return scenario_from_text(text)


def test_cao_2023_soft_short_between_2_and_8_h_at_10_mpa():
    """Cao et al., Adv. Funct. Mater. 2023 [seed]: NMC811 | Li5.4PS4.4Cl1.6 (60 mg, 300 MPa, 1/4 inch) | Li,
    10 MPa, C/20 (1C = 200 mA/g): soft short after ~4.5 h (neutron cell) and ~3 h (XCT cell).
    Run through the line at scenarios/lab_cell.yaml (Cao's cell). Tolerance: every tested cell soft-shorts
    in formation, median onset within 2-8 h (the issue's band). The model's onset is ~2.3 h: its Heckel
    pellet is 81 % dense against Cao's 84 %, so its filaments grow faster than the fit's."""
    r = simulate_replicate(lab_cell(), 0, 0).cells
    tested = np.isfinite(r["cell_asr"])
    assert tested.sum() >= 40
    assert np.all(r["short_mode"][tested] == shorts.SOFT)
    assert np.all(r["voltage_signature"][tested] == 1)  # plateau: what Cao's cycler showed
    onset = np.median(r["time_to_short"][tested]) / HOUR
    assert 2.0 <= onset <= 8.0, onset
    j = r["cathode_areal_capacity"][tested] / 20 / HOUR
    assert np.median(j) / MA_CM2 == pytest.approx(0.2, rel=0.1)  # C/20 of 8 mg of 80 % NMC811 in 0.317 cm2


def test_cao_2023_hard_short_at_0_mpa():
    """Cao 2023 phase field [seed]: at 0 MPa the filaments stay connected -> hard short."""
    sc = lab_cell(**{'stack_pressure: {dist: normal, mean: "10 MPa", sd: "0.5 MPa"}': 'stack_pressure: "0 MPa"'})
    r = simulate_replicate(sc, 0, 0).cells
    tested = np.isfinite(r["cell_asr"])
    assert np.all(r["short_mode"][tested] == shorts.HARD)
    assert np.all(r["voltage_signature"][tested] == 2)  # collapse


# --------------------------------------------------------------------------- Wang 2019

@pytest.mark.parametrize("stack_mpa,ccs", [(0.0, 0.1), (2.0, 0.4)])
def test_wang_2019_li_llzo_stripping_limit_in_time(stack_mpa, ccs):
    """Wang, Choudhury & Sakamoto, Joule 3, 2165 (2019) [read]: Li | LLZO stripping limit ~0.1 mA/cm2 at
    0 MPa, ~0.4 at 2 MPa. Time-resolved: stripping 10 h at 0.9x the limit keeps contact; at 1.1x the
    interface is lost within the 10 h. Tolerance: the +-10 % bracket."""
    itf = pellet(0.99, 25e-6, electrolyte="Ga-LLZO", grain=1.2e-6, stack=stack_mpa * 1e6, attach=5e6)
    for factor, lost in ((0.9, False), (1.1, True)):
        st = ac.InterfaceState.start(itf)
        t = ac.strip(itf, st, factor * ccs * MA_CM2, 10 * HOUR)
        assert bool(t[0] < 10 * HOUR) == lost, (factor, t)


# --------------------------------------------------------------------------- Singh 2022

CCD_STEPS = np.arange(0.1, 3.01, 0.1) * MA_CM2  # 0.1 mA/cm2 steps
SINGH_Q = 0.3 * MAH_CM2  # per polarisation


def _singh(attach, rho=0.92, grain=30e-6):
    return symmetric(pellet(rho, 1e-3, grain=grain, stack=0.0, attach=attach), CCD_STEPS, SINGH_Q)


def test_singh_2022_fails_from_04_at_20_mpa_attachment():
    """Singh et al., Cell Rep. Phys. Sci. 3, 101043 (2022) [read]: Li6PS5Cl (large grains, ~8 % porosity),
    Li attached at 20 MPa, cycled without stack pressure, 0.3 mAh/cm2 per half-cycle, rising current:
    contact loss from ~0.4 mA/cm2. Their stepped test, run whole (the void depth is fitted to one strip at
    0.4 from full contact; here voids refill on plating in between): the cell fails within +-30 % of
    0.4 mA/cm2 (0.28-0.52; the model: 0.3). Its strips already halve the contact at 0.2 mA/cm2, below
    Singh's onset (docs/validation.md)."""
    k_fail, how, k_void = _singh(20e6)
    assert 0.28 <= CCD_STEPS[k_fail] / MA_CM2 <= 0.52
    assert k_void is not None and k_void <= k_fail  # voids first, then the failure


@pytest.mark.xfail(strict=True, reason=(
    "Singh 2022 see the 20 MPa cells fail by contact loss (polarisation); in the model the voided "
    "interface shorts on the next plating instead (the current focused on the remaining contact passes the "
    "plating limit of the largest flaw), at the same current"))
def test_singh_2022_20_mpa_cells_fail_by_contact_loss():
    assert _singh(20e6)[1] == "contact"


def test_singh_2022_large_grains_short_at_04_at_265_mpa():
    """Singh 2022 [read]: Li attached at 265 MPa, large-grain pellets short at ~0.4 mA/cm2 (+-30 %). In the
    model the short comes through void-focused current (as at 20 MPa: attachment pressure beyond full
    contact changes nothing)."""
    k_fail, how, _ = _singh(265e6)
    assert how == "short" and 0.28 <= CCD_STEPS[k_fail] / MA_CM2 <= 0.52


@pytest.mark.xfail(strict=True, reason=(
    "Singh 2022: small-grain pellets (< 0.5 um, ~17 % porosity) attached at 265 MPa short at ~0.9 mA/cm2. "
    "The model's plating limit for them is 3.4 mA/cm2 (from Oxford 2025's calibration), but without stack "
    "pressure the strips void the interface from ~0.2 mA/cm2 and the focused current shorts it there"))
def test_singh_2022_small_grains_short_at_09_at_265_mpa():
    k_fail, how, _ = _singh(265e6, rho=0.83, grain=0.5e-6)
    assert how == "short" and 0.63 <= CCD_STEPS[k_fail] / MA_CM2 <= 1.17


def test_singh_2022_small_grains_plate_about_2_times_more_than_large():
    """Singh 2022 [read]: large-grain pellets (20-40 um, ~8 % porosity) short at ~0.4 mA/cm2, small-grain
    ones (< 0.5 um, ~17 % porosity) at ~0.9: ratio 2.25. The plating limits of the median lab-cell largest
    flaw, from each pellet's microstructure alone (no fit to Singh): ratio within +-30 %."""
    lg = float(cc.critical_plating_current(0.92, flaws.largest_flaw(0.92, 30e-6, flaws.LAB_CELL_AREA, 0.5),
                                           electrolyte="Li6PS5Cl"))
    sg = float(cc.critical_plating_current(0.83, flaws.largest_flaw(0.83, 0.5e-6, flaws.LAB_CELL_AREA, 0.5),
                                           electrolyte="Li6PS5Cl"))
    assert sg / lg == pytest.approx(0.9 / 0.4, rel=0.3)


# --------------------------------------------------------------------------- Oxford 2025

def test_oxford_2025_densification_raises_the_median_plating_limit():
    """Nat. Energy 2025 (doi 10.1038/s41560-025-01847-0) [read, abstract]: Li6PS5Cl densified from 83 % to
    99 % plates without dendrites up to ~9 mA/cm2 instead of ~1. As distributions over 2 000 lab cells
    (0.317 cm2, 10 um powder, each at its own largest-flaw quantile): the medians within +-20 %, and
    the denser pellets scatter less in absolute terms."""
    u = np.random.default_rng(2025).random(2000)
    out = {}
    for rho in (0.83, 0.99):
        a = flaws.largest_flaw(rho, 10e-6, flaws.LAB_CELL_AREA, u)
        out[rho] = cc.critical_plating_current(rho, a, electrolyte="Li6PS5Cl") / MA_CM2
    assert np.median(out[0.83]) == pytest.approx(1.0, rel=0.2)
    assert np.median(out[0.99]) == pytest.approx(9.0, rel=0.2)
    assert np.all(out[0.99] > out[0.83].max())


# --------------------------------------------------------------------------- threshold capacity

def test_threshold_capacity_shorts_cells_below_their_critical_current():
    """ChemRxiv 2021, 'The role of areal capacity in determining short circuiting of sulfide-based SSBs'
    [read]: cells short below the measured CCD once the plated capacity passes a threshold. Model cell:
    a 0.5 mm, 84 %-dense Li6PS5Cl pellet at 5 MPa. Its stepped CCD (0.3 mAh/cm2 per step, below the
    threshold) is its plating limit; plating one way at half that current shorts it at the threshold
    capacity L F/(Omega g) (less the contact fraction the current focuses on), and at a quarter of the
    current at the same capacity (rtol 1e-6)."""
    itf = pellet(0.84, 0.5e-3, stack=5e6)
    k, how, _ = symmetric(itf, CCD_STEPS, SINGH_Q)
    assert how == "short"
    ccd = CCD_STEPS[k]
    q_th = float(filaments.threshold_capacity(0.5e-3, 1 - 0.84)) * itf.max_contact[0]  # focused on the contact
    assert q_th > SINGH_Q
    for frac in (0.5, 0.25):
        st = ac.InterfaceState.start(itf)
        ac.plate(itf, st, frac * ccd, 1e7, 0.0)
        assert st.shorted[0]
        assert st.short_capacity[0] == pytest.approx(q_th, rel=1e-6)


# --------------------------------------------------------------------------- Doux 2020

DOUX = dict(rho=0.82, thickness=1e-3, grain=5e-6)  # ~1 mm, 18 % porous pellet (literature notes); 5 um powder [assumed]


def _doux_hours_to_short(stack_mpa, hours=1000):
    itf = pellet(DOUX["rho"], DOUX["thickness"], grain=DOUX["grain"], stack=stack_mpa * 1e6, attach=stack_mpa * 1e6)
    if bool(shorts.assembly_short(itf.critical_plating_current, stack_mpa * 1e6, DOUX["rho"], DOUX["thickness"],
                                  flaws.largest_flaw(DOUX["rho"], DOUX["grain"], flaws.LAB_CELL_AREA, 0.5))[0]):
        return 0.0
    k, how, _ = symmetric(itf, np.full(hours // 2, 0.075 * MA_CM2), 0.075 * MAH_CM2)
    return np.inf if how is None else 2.0 * (k + 1)


def test_doux_2020_stable_at_5_mpa_shorts_at_75():
    """Doux et al., AEM 10, 1903253 (2020) [read]: Li | Li6PS5Cl | Li at 0.075 mA/cm2 with 1 h half-cycles
    cycles > 1000 h at 5 MPa; 75 MPa shorts the cell at once (Li pushed into the largest flaw cracks it)."""
    assert _doux_hours_to_short(5) == np.inf
    assert _doux_hours_to_short(75) == 0.0


@pytest.mark.xfail(strict=True, reason=(
    "Doux 2020 shorted after 474/272/190/48 h at 10/15/20/25 MPa. The model has filaments retract unless "
    "the stack pressure severs them (above ~11 MPa for this pellet): 10 MPa cycles on (no short in 1000 h), "
    "and 15-25 MPa all short at 274-276 h, the 15 MPa point the retention is fitted to: no graded pressure "
    "dependence above the severing pressure"))
def test_doux_2020_time_to_short_falls_with_pressure():
    hours = [_doux_hours_to_short(p) for p in (10, 15, 20, 25)]
    for got, want in zip(hours, (474, 272, 190, 48)):
        assert got == pytest.approx(want, rel=0.5)
