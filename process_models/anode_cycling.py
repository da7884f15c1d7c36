"""A Li | separator interface stepped through constant-current steps: voids, filaments, shorts, dead Li.

Vectorised over cells: an :class:`Interface` holds each cell's fixed
properties (from its manufactured state), an :class:`InterfaceState` the
quantities that evolve, and :func:`plate`, :func:`strip` and :func:`rest`
advance every cell through one step of constant current in closed form
(:mod:`voids` for the contact, :mod:`filaments` for the front). A full cell
has one interface (the anode plates on charge and strips on discharge); a
symmetric Li | SE | Li cell has two, driven in opposite directions.

Per plating step of duration ``t`` at current ``j`` on contact ``c``:

* local current ``j_loc = j / c`` (contact lost to voids focuses current);
* the front advances at ``v = (Omega/F) j_loc g`` with ``g`` the pore-network
  focusing of the cell (:func:`filaments.network_focusing`), or ``g_crack``
  once ``j_loc`` exceeds the cell's critical plating current (the crack
  stays open afterwards);
* it shorts when the front reaches the separator's far side: at
  ``t_s = (L - l) / v``; the mode is soft if the filament severs under the
  stack pressure (:func:`filaments.severs`), hard otherwise;
* voids refill at ``eta_fill j`` (:func:`voids.contact_after`);
* dead Li: ``(1 - CE) j t`` always, plus ``xi j t`` of network growth in a
  cell whose filaments sever (the fractured segments).

Per stripping step: contact falls by :func:`voids.contact_after`; if it
reaches the lost-contact level first the step ends early (polarisation) at
:func:`voids.time_to_contact`; a connected filament retracts at the speed it
grew, down to its fractured (fixed) length.

Units: A m-2, s, m, C m-2, Pa, K.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Mapping

import numpy as np

from . import filaments, voids
from .registry import lookup

__all__ = [
    "NONE", "SOFT", "HARD",
    "CyclingParams", "CYCLING_PARAMETERS", "get_cycling_params",
    "Interface", "InterfaceState", "plate", "strip", "rest",
]

NONE, SOFT, HARD = 0, 1, 2
_OMEGA_OVER_F = 1.30e-5 / 96485.33212  # m3 C-1, Li


@dataclass(frozen=True)
class CyclingParams:
    """Parameters of the interface bookkeeping not owned by :mod:`voids` or :mod:`filaments`.

    Attributes
    ----------
    name : str
        Registry name.
    coulombic_efficiency : float
        Fraction of the Li plated that can be stripped back (the rest is
        isolated as dead Li / SEI) [-].
    void_params, filament_params : str
        Parameter sets of :mod:`voids` and :mod:`filaments`.
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    coulombic_efficiency: float
    void_params: str = "default"
    filament_params: str = "default"
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


CYCLING_PARAMETERS: Mapping[str, CyclingParams] = MappingProxyType(
    {
        "default": CyclingParams(
            name="default",
            coulombic_efficiency=0.999,
            sources={
                "coulombic_efficiency": (
                    "0.999 [assumed], range 0.99-0.9999: Li plating/stripping on a solid electrolyte is far more "
                    "reversible than in liquids (no continuous SEI growth); the interphase with argyrodites "
                    "(Li2S, Li3P, LiCl) still consumes some Li"
                ),
            },
        ),
    }
)


def get_cycling_params(name: str | CyclingParams) -> CyclingParams:
    """Return the cycling parameter set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(CYCLING_PARAMETERS, name, "cycling parameter set")


@dataclass(frozen=True)
class Interface:
    """Fixed properties of each cell's Li | separator interface (arrays of shape (n,)).

    Attributes
    ----------
    thickness : ndarray
        Separator thickness ``L`` [m] (the path a filament must cross).
    focusing : ndarray
        Pore-network focusing ``g`` [-] (:func:`filaments.network_focusing`).
    critical_plating_current : ndarray
        CCP of the cell's largest flaw at its stack pressure [A m-2].
    resupply_current : ndarray
        Li resupply by creep and diffusion at full contact ``s`` [A m-2].
    max_contact : ndarray
        Contact made at assembly ``c0`` [-].
    severs : ndarray of bool
        Whether the cell's filaments break into dead Li (soft short) [-].
    """

    thickness: np.ndarray
    focusing: np.ndarray
    critical_plating_current: np.ndarray
    resupply_current: np.ndarray
    max_contact: np.ndarray
    severs: np.ndarray

    @property
    def n(self) -> int:
        return self.thickness.shape[0]


@dataclass
class InterfaceState:
    """What evolves (arrays of shape (n,)); ``InterfaceState.start(interface)`` gives the assembled state.

    Attributes
    ----------
    contact : ndarray
        Contact fraction [-].
    filament : ndarray
        Length of the leading filament [m].
    fixed : ndarray
        The part of it that cannot retract (fractured segments, cracks) [m].
    cracked : ndarray of bool
        The largest flaw has propagated.
    dead_li : ndarray
        Li isolated so far [C m-2].
    plated : ndarray
        Li plated so far [C m-2].
    short_time : ndarray
        Time of the short [s]; NaN while none.
    short_capacity : ndarray
        Li plated up to the short [C m-2]; NaN while none.
    short_mode : ndarray of int8
        0 none, 1 soft, 2 hard.
    """

    contact: np.ndarray
    filament: np.ndarray
    fixed: np.ndarray
    cracked: np.ndarray
    dead_li: np.ndarray
    plated: np.ndarray
    short_time: np.ndarray
    short_capacity: np.ndarray
    short_mode: np.ndarray

    @classmethod
    def start(cls, interface: Interface) -> "InterfaceState":
        n = interface.n
        z = np.zeros(n)
        return cls(np.array(interface.max_contact, dtype=float), z.copy(), z.copy(), np.zeros(n, bool), z.copy(),
                   z.copy(), np.full(n, np.nan), np.full(n, np.nan), np.zeros(n, np.int8))

    @property
    def shorted(self) -> np.ndarray:
        return self.short_mode > NONE

    def copy(self) -> "InterfaceState":
        return InterfaceState(*(np.array(getattr(self, f.name)) for f in fields(self)))


def plate(itf: Interface, st: InterfaceState, current, duration, clock, *, params="default") -> np.ndarray:
    """Plate at ``current`` [A m-2] for ``duration`` [s] starting at time ``clock`` [s]; updates ``st``.

    Cells already shorted, or with zero current, are left unchanged.

    Returns
    -------
    ndarray
        Time spent plating before a short (``duration`` where none) [s].
    """
    cp = get_cycling_params(params)
    fp = filaments.get_filament_params(cp.filament_params)
    j = np.where(st.shorted, 0.0, np.asarray(current, dtype=float))
    t = np.broadcast_to(np.asarray(duration, dtype=float), j.shape)
    j_loc = j / np.maximum(st.contact, 1e-9)
    st.cracked |= (j_loc > itf.critical_plating_current) & (j > 0)
    g = np.where(st.cracked, np.maximum(fp.crack_focusing, itf.focusing), itf.focusing)
    v = filaments.front_velocity(j_loc, g)
    t_short = np.where(v > 0, (itf.thickness - st.filament) / np.where(v > 0, v, 1.0), np.inf)
    hit = (t_short <= t) & (j > 0)
    t_done = np.where(hit, np.maximum(t_short, 0.0), t)
    _record_short(itf, st, hit, clock + t_done, st.plated + j * t_done)
    growth = v * t_done
    st.filament = np.minimum(st.filament + growth, itf.thickness)
    keep = np.where(st.cracked, 1.0, np.where(itf.severs, fp.fractured_retention, 0.0))
    st.fixed = np.minimum(st.fixed + keep * growth, st.filament)
    q = j * t_done
    network_dead = np.where(itf.severs & (itf.focusing > 0), fp.fractured_retention, 0.0)
    st.dead_li += q * ((1.0 - cp.coulombic_efficiency) + network_dead)
    st.plated += q
    vp = voids.get_void_params(cp.void_params)
    st.contact = voids.contact_after(st.contact, itf.max_contact, -vp.refill_efficiency * j, itf.resupply_current,
                                     t_done, params=vp)
    return t_done


def strip(itf: Interface, st: InterfaceState, current, duration, *, params="default") -> np.ndarray:
    """Strip at ``current`` [A m-2] for up to ``duration`` [s]; updates ``st``.

    The step ends early where the contact reaches the lost-contact level of
    the void parameters (the interface polarises to the step's voltage limit).

    Returns
    -------
    ndarray
        Time actually stripped [s] (< ``duration`` where contact was lost).
    """
    cp = get_cycling_params(params)
    vp = voids.get_void_params(cp.void_params)
    j = np.where(st.shorted, 0.0, np.asarray(current, dtype=float))
    t = np.broadcast_to(np.asarray(duration, dtype=float), j.shape)
    t_lost = voids.time_to_contact(st.contact, vp.lost_contact, j, itf.resupply_current, params=vp)
    t_done = np.where(j > 0, np.minimum(t, t_lost), t)
    j_loc = j / np.maximum(st.contact, 1e-9)
    back = filaments.front_velocity(j_loc, itf.focusing) * t_done
    st.filament = np.maximum(st.filament - back, st.fixed)
    st.contact = voids.contact_after(st.contact, itf.max_contact, j, itf.resupply_current, t_done, params=vp)
    return t_done


def rest(itf: Interface, st: InterfaceState, duration, *, params="default") -> None:
    """Rest for ``duration`` [s]: creep closes voids (:func:`voids.contact_after` at zero current)."""
    vp = voids.get_void_params(get_cycling_params(params).void_params)
    st.contact = voids.contact_after(st.contact, itf.max_contact, 0.0, itf.resupply_current, duration, params=vp)


def _record_short(itf: Interface, st: InterfaceState, hit, when, capacity) -> None:
    new = hit & ~st.shorted
    st.short_time = np.where(new, when, st.short_time)
    st.short_capacity = np.where(new, capacity, st.short_capacity)
    st.short_mode = np.where(new, np.where(itf.severs, SOFT, HARD), st.short_mode).astype(np.int8)
