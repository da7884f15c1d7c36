"""Li | SE | Li symmetric cells as the literature tests them, stepped through :mod:`process_models.anode_cycling`.

A symmetric cell has two Li | separator interfaces driven in opposite
directions: each half-cycle one side plates ``q`` and the other strips it,
then the roles swap. Both runners here are vectorised over cells (one cell
per data row) and only sequence the physics' closed-form steps
(:func:`~process_models.anode_cycling.plate`,
:func:`~process_models.anode_cycling.strip`), as
``tests/validation/test_failure_in_time.py`` does:

* :func:`stepped_failure` -- the critical-current test: a rising current,
  ``q`` per half-cycle at each step, until the cell shorts (a filament
  reaches the far side) or loses its contact (a strip ends early at the
  lost-contact level of :mod:`process_models.voids`);
* :func:`cycling_short_time` -- constant-current cycling until a short or a
  time horizon. When two successive cycles change every state variable of
  a cell by the same amount while its contact and its crack state stay
  unchanged, the cell is in a periodic regime whose filament advances by a
  fixed length per cycle (fractured filaments keep a share of each
  plating's growth): the runner then skips whole cycles, up to one before
  the filament could reach the far side, which is exact (each skipped
  cycle would repeat the last one; tests/calibration/test_ppc.py) and
  makes a run of hundreds of cycles cost a few. Only a short that falls
  exactly on the end of a plating (front = far side to rounding) can come
  one cycle earlier or later than cycling every cycle gives: the skipped
  sum rounds differently. Doux's pellet at the shipped retention is such a
  case (273 or 275 h).

:func:`pellet_interface` builds the interfaces of lab pellets from their
microstructure as the failure-in-time validation does. Units: SI.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from process_models import anode_cycling as ac
from process_models import filaments, flaws, stacking
from process_models.critical_current import critical_plating_current, critical_stripping_current
from process_models.materials import get_electrolyte
from process_models.plating import get_plating_params

__all__ = ["pellet_interface", "largest_flaw", "stepped_failure", "cycling_short_time", "SHORT", "CONTACT"]

#: failure modes of :func:`stepped_failure`
SHORT, CONTACT = 1, 2
_FLOATS = ("contact", "filament", "fixed", "dead_li", "plated")
_FLAGS = ("cracked", "short_mode")


def pellet_interface(relative_density, thickness, grain_size, stack_pressure, attachment_pressure, *,
                     electrolyte="Li6PS5Cl", area=flaws.LAB_CELL_AREA, quantile=0.5) -> ac.Interface:
    """The Li | pellet interface of each cell (arrays of one value per cell).

    Largest flaw at the cell's weakest-link ``quantile`` over ``area``
    (:func:`flaws.largest_flaw`, with the plating set's surface flaws), its
    critical plating current at the stack pressure, the Li resupply at full
    contact, the contact made at the larger of stack and attachment pressure
    (:func:`stacking.anode_contact_fraction`), the pore-network focusing and
    whether filaments sever under the stack pressure.

    Parameters
    ----------
    relative_density, thickness, grain_size : array_like
        Pellet relative density [-], thickness [m], grain or particle size [m].
    stack_pressure, attachment_pressure : array_like
        [Pa].
    electrolyte : str
    area : float
        Interface area [m2] (default a 1/4-inch lab cell).
    quantile : float
        Weakest-link quantile of the largest flaw (0.5: the median cell).
    """
    rho, h, d, p, p_att = np.broadcast_arrays(*(np.asarray(x, dtype=float) for x in
                                                (relative_density, thickness, grain_size, stack_pressure,
                                                 attachment_pressure)))
    mat = get_electrolyte(electrolyte)
    a = largest_flaw(rho, d, electrolyte=mat, area=area, quantile=quantile)
    return ac.Interface(
        thickness=h.copy(), focusing=np.asarray(filaments.network_focusing(1 - rho), dtype=float),
        critical_plating_current=critical_plating_current(rho, a, stack_pressure=p, electrolyte=mat),
        resupply_current=np.asarray(critical_stripping_current(p, electrolyte=mat), dtype=float) * np.ones_like(rho),
        max_contact=np.asarray(stacking.anode_contact_fraction(np.maximum(p, p_att), electrolyte=mat.name), dtype=float),
        severs=np.asarray(filaments.severs(p, 1 - rho, mat.youngs_modulus, a), dtype=bool),
    )


def largest_flaw(relative_density, grain_size, *, electrolyte="Li6PS5Cl", area=flaws.LAB_CELL_AREA,
                 quantile=0.5) -> np.ndarray:
    """The cell's largest flaw [m]: pores and, for the plating set of the electrolyte's family, surface flaws."""
    mat = get_electrolyte(electrolyte)
    surface = get_plating_params("Li-LLZO" if mat.family == "oxide" else "Li-LPSCl").surface_flaw_size
    return flaws.largest_flaw(relative_density, grain_size, area, quantile, surface_flaw_size=surface)


def stepped_failure(itf: ac.Interface, currents, capacity) -> tuple[np.ndarray, np.ndarray]:
    """Current of the step at which each cell of a stepped critical-current test fails, and how.

    At each current ``j`` of ``currents`` [A m-2] one side plates ``capacity``
    [C m-2] while the other strips it, then the roles swap; the cell fails on
    a short during a plating or on a strip that ends early (contact lost).

    Returns
    -------
    (ndarray, ndarray)
        Failure current [A m-2] (NaN: no failure up to the last step) and mode
        (:data:`SHORT`, :data:`CONTACT`, 0 for none).
    """
    sides = (ac.InterfaceState.start(itf), ac.InterfaceState.start(itf))
    q = np.broadcast_to(np.asarray(capacity, dtype=float), (itf.n,))
    fail, mode, clock = np.full(itf.n, np.nan), np.zeros(itf.n, np.int8), np.zeros(itf.n)
    for j in np.asarray(currents, dtype=float):
        for plating, stripping in (sides, sides[::-1]):
            running = mode == 0
            if not running.any():
                return fail, mode
            jj, t = np.where(running, j, 0.0), q / j
            ac.plate(itf, plating, jj, t, clock)
            lost = ac.strip(itf, stripping, jj, t) < t * (1 - 1e-9)
            clock = clock + t
            new = np.where(running & plating.shorted, SHORT, np.where(running & lost, CONTACT, 0))
            fail, mode = np.where(new > 0, j, fail), np.where(new > 0, new, mode).astype(np.int8)
    return fail, mode


@dataclass
class _Cycle:
    """State of both sides of every cell at the end of a cycle (float fields and flags), and the filament peaks."""

    values: dict
    peak: np.ndarray  # (2, n): longest filament of each side during the cycle [m]

    @classmethod
    def of(cls, sides, peak) -> "_Cycle":
        return cls({(k, f.name): np.array(getattr(s, f.name)) for k, s in enumerate(sides) for f in fields(s)
                    if f.name in _FLOATS + _FLAGS}, np.array(peak))

    def delta(self, before: "_Cycle") -> dict:
        return {key: self.values[key] - before.values[key] for key in self.values if key[1] in _FLOATS}


def _cycle(itf, sides, j, t, clock) -> tuple[np.ndarray, np.ndarray]:
    """One full cycle (each side plates once, then strips once).

    Returns each side's filament right after its plating [m] and the cells
    whose contact was lost on a strip (they carry no current after it)."""
    peak, lost = [], np.zeros(itf.n, dtype=bool)
    for plating, stripping in (sides, sides[::-1]):
        jj = np.where(lost, 0.0, j)
        ac.plate(itf, plating, jj, t, clock)
        peak.append(np.array(plating.filament))
        lost |= (ac.strip(itf, stripping, jj, t) < t * (1 - 1e-9)) & (jj > 0)
        clock = clock + t
    return np.array(peak), lost


def _periodic(now: _Cycle, before: _Cycle, d_now: dict, d_before: dict) -> np.ndarray:
    """Cells whose last two cycles changed every float by the same amount, with contact and flags unchanged and
    the filament advancing with its fixed part."""
    ok = np.ones_like(now.peak[0], dtype=bool)
    for key, d in d_now.items():
        scale = 1e-13 * np.abs(now.values[key]) + 1e-300
        ok &= np.abs(d - d_before[key]) <= 1e-9 * np.maximum(np.abs(d), np.abs(d_before[key])) + scale
        if key[1] == "contact":
            ok &= np.abs(d) <= scale
    for key in now.values:
        if key[1] in _FLAGS:
            ok &= now.values[key] == before.values[key]
    for k in (0, 1):  # the filament and its fixed part advance together: the retraction is clipped the same way
        f, x = d_now[(k, "filament")], d_now[(k, "fixed")]
        ok &= np.abs(f - x) <= 1e-9 * np.maximum(np.abs(f), np.abs(x)) + 1e-13 * np.abs(now.values[(k, "filament")]) + 1e-300
    return ok


def _skippable(itf, now: _Cycle, d: dict, room: np.ndarray) -> np.ndarray:
    """Whole cycles each cell can skip: one less than the cycles until a filament peak could reach the far side,
    and no more than ``room`` (the cycles left before the horizon)."""
    n = room.copy()
    for k in (0, 1):
        step = d[(k, "filament")]
        gap = itf.thickness - now.peak[k]
        cycles = np.floor(np.divide(gap, step, out=np.full_like(step, np.inf), where=step > 0)) - 1
        n = np.minimum(n, cycles)
    return np.maximum(n, 0.0)


def _jump(itf, sides, history: list, room: np.ndarray, running: np.ndarray) -> np.ndarray:
    """Skip the cycles of running cells in a periodic regime (advance every float by n times the last cycle's
    change); returns the cycles skipped per cell."""
    c0, c1, c2 = history
    d_now, d_before = c2.delta(c1), c1.delta(c0)
    n = np.where(running & _periodic(c2, c1, d_now, d_before), _skippable(itf, c2, d_now, np.maximum(room, 0.0)), 0.0)
    for (k, name), step in d_now.items():
        setattr(sides[k], name, getattr(sides[k], name) + n * step)
    return n


def cycling_short_time(itf: ac.Interface, current, half_cycle, horizon: float, *, skip: bool = True) -> np.ndarray:
    """Time [s] at which each cell of a constant-current symmetric cycling test shorts, or ``horizon`` if none.

    Each half-cycle lasts ``half_cycle`` [s] at ``current`` [A m-2]. A cell
    that loses its contact on a strip stops (it polarises; no short: it is
    reported at the horizon). With ``skip`` the whole cycles of a periodic
    regime are skipped (module docstring); without, every cycle is run.
    """
    j = np.broadcast_to(np.asarray(current, dtype=float), (itf.n,)).copy()
    t = np.broadcast_to(np.asarray(half_cycle, dtype=float), (itf.n,))
    sides = (ac.InterfaceState.start(itf), ac.InterfaceState.start(itf))
    clock, history = np.zeros(itf.n), []
    while True:
        running = (j > 0) & ~(sides[0].shorted | sides[1].shorted) & (clock < horizon)
        if not running.any():
            break
        j = np.where(running, j, 0.0)
        peak, lost = _cycle(itf, sides, j, t, clock)
        clock, j = clock + 2 * t, np.where(lost, 0.0, j)
        history = (history + [_Cycle.of(sides, peak)])[-3:]
        if skip and len(history) == 3:
            n = _jump(itf, sides, history, (horizon - clock) // (2 * t), running & ~lost)
            clock = clock + 2 * t * n
            history = [] if n.any() else history
    shorted = sides[0].shorted | sides[1].shorted
    return np.where(shorted, np.fmin(sides[0].short_time, sides[1].short_time), horizon)
