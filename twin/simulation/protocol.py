"""Every tested cell stepped through its duty at once: formation, then the cycling block.

The cells' anodes are :class:`process_models.anode_cycling.Interface` s; each
protocol step moves all of them by one closed-form update (no time stepping
inside a step). This module only does the charge bookkeeping around the
physics:

* a charge takes what the cathode can still give at that rate and cut-off
  (:func:`process_models.electrochem.charge`, as a fraction of the nominal
  capacity, evaluated once per distinct step), plus on the cell's first
  charge the irreversible first-cycle capacity ``Q_nom (1/ICE - 1)``; the Li
  goes to the anode (:func:`anode_cycling.plate`), which may short first;
* a discharge gives back what is stored at that rate and cut-off
  (:func:`electrochem.discharge`), limited by the Li left at the anode; the
  anode strips (:func:`anode_cycling.strip`) and may lose contact first;
* a rest lets creep close voids; a hold (CV) charges to the equilibrium at
  its voltage with the current decaying exponentially to its end current
  (``Q = (I0 - I_end) tau``, ``t = tau ln(I0/I_end)`` [assumed]);
* a cell is out once it shorts; its cycle life ends at a short or when a
  cycle's discharge falls below the end-of-life retention of its first.

Units: C m-2, A m-2, s, V, m.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from process_models import anode_cycling as ac
from process_models import electrochem
from process_models.electrodes import cathode_ocp, get_cathode

__all__ = ["DutyCells", "run_duty", "SIGNATURES", "LIFE_FAILURES"]

#: what the end-of-line tester sees on the formation protocol (voltage_signature flag values)
SIGNATURES = ("normal", "plateau", "collapse", "polarisation")
#: why a cell's cycle life ended (life_failure flag values)
LIFE_FAILURES = ("none", "soft_short", "hard_short", "capacity_fade")
_EPS = 1e-9


@dataclass(frozen=True)
class DutyCells:
    """What the duty needs of each tested cell (arrays of shape (n,), SI).

    Attributes
    ----------
    interface : anode_cycling.Interface
        The anodes.
    nominal_capacity : ndarray
        ``Q_nom`` [C m-2], the basis of the C-rate.
    lithium : ndarray
        Li in the anode as made [C m-2].
    cathode_thickness, active_fraction, cathode_porosity : ndarray
        Composite cathode [m], [-], [-].
    catholyte_conductivity : ndarray
        Ionic conductivity of the catholyte in the composite [S m-1].
    series_asr : ndarray
        Separator + interfaces [ohm m2].
    cell_area : float
        [m2] (absolute currents).
    cathode : str
        Cathode parameter set.
    temperature : float
        [K].
    current_scale : float
        Multiplies every protocol current [-].
    """

    interface: ac.Interface
    nominal_capacity: np.ndarray
    lithium: np.ndarray
    cathode_thickness: np.ndarray
    active_fraction: np.ndarray
    cathode_porosity: np.ndarray
    catholyte_conductivity: np.ndarray
    series_asr: np.ndarray
    cell_area: float
    cathode: str
    temperature: float
    current_scale: float = 1.0

    def current(self, step) -> np.ndarray:
        """The step's current density for every cell [A m-2]."""
        return self.current_scale * step.current_density_for(self.nominal_capacity, self.cell_area)


class _Run:
    """The evolving charge bookkeeping of every cell (arrays of shape (n,))."""

    def __init__(self, cells: DutyCells):
        n = cells.nominal_capacity.shape[0]
        self.cells, self.n = cells, n
        self.anode = ac.InterfaceState.start(cells.interface)
        self.stored = np.zeros(n)  # charge held by the cathode (delithiated) [C m-2]
        self.irreversible = cells.nominal_capacity * (1.0 / get_cathode(cells.cathode).first_cycle_efficiency - 1.0)
        self.lithium = np.array(cells.lithium, dtype=float)
        self.peak_lithium = self.lithium.copy()
        self.clock = np.zeros(n)
        self.polarised = np.zeros(n, bool)
        self.contact_loss_capacity = np.zeros(n)
        self.last_charge_current = np.zeros(n)
        self._tables: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    @property
    def out(self) -> np.ndarray:
        return self.anode.shorted

    def table(self, step, current) -> tuple[np.ndarray, np.ndarray]:
        """(capacity fraction of nominal, mean voltage) of a galvanostatic step, evaluated once per step text."""
        if step.text not in self._tables:
            self._tables[step.text] = _electrochem_step(self.cells, step, current)
        return self._tables[step.text]


def _electrochem_step(c: DutyCells, step, current):
    util = get_cathode(c.cathode).utilisation
    c_rate = np.maximum(current * 3600.0 / c.nominal_capacity, 1e-6)
    ok = np.flatnonzero(c.catholyte_conductivity > 0)
    frac, volt = np.zeros(c.nominal_capacity.shape), np.full(c.nominal_capacity.shape, np.nan)
    fn = electrochem.charge if step.kind == "charge" else electrochem.discharge
    kw = {"v_max": step.voltage} if step.kind == "charge" and step.voltage else {}
    kw.update({"v_min": step.voltage} if step.kind == "discharge" and step.voltage else {})
    res = fn(c.cathode_thickness[ok], util * c.active_fraction[ok], c.cathode_porosity[ok], c.catholyte_conductivity[ok],
             c.series_asr[ok], c_rate=c_rate[ok], temperature=c.temperature, cathode=c.cathode, **kw)
    frac[ok] = res.capacity / c.nominal_capacity[ok]
    volt[ok] = res.mean_voltage
    return frac, volt


def _charge(run: _Run, step, j, t_limit) -> dict:
    frac, _ = run.table(step, j)
    first = run.irreversible > 0
    want = np.maximum(frac * run.cells.nominal_capacity - run.stored, 0.0) + run.irreversible
    dur = np.where(j > 0, want / np.maximum(j, _EPS), 0.0)
    dur = np.minimum(dur, t_limit)
    t_done = ac.plate(run.cells.interface, run.anode, j, dur, run.clock)
    q = j * t_done
    share = np.where(first, run.irreversible / np.maximum(want, _EPS), 0.0)
    run.stored += q * (1.0 - np.minimum(share, 1.0))
    run.irreversible = np.where(first & (q > 0), 0.0, run.irreversible)
    run.lithium += q
    run.peak_lithium = np.maximum(run.peak_lithium, run.lithium)
    run.clock += t_done
    run.last_charge_current = j
    return {"charged": q}


def _discharge(run: _Run, step, j, t_limit) -> dict:
    frac, volt = run.table(step, j)
    usable = np.maximum(run.lithium - run.anode.dead_li, 0.0)
    want = np.minimum(np.minimum(frac, 1.0) * run.stored, usable)
    dur = np.minimum(np.where(j > 0, want / np.maximum(j, _EPS), 0.0), t_limit)
    t_done = ac.strip(run.cells.interface, run.anode, np.where(run.out, 0.0, j), dur)
    q = np.where(run.out, 0.0, j * t_done)
    lost = (t_done < dur * (1.0 - 1e-9)) & ~run.out
    run.polarised |= lost
    run.contact_loss_capacity += np.where(lost, j * dur - q, 0.0)
    run.stored -= q
    run.lithium -= q
    run.clock += t_done
    return {"discharged": q, "energy": q * np.nan_to_num(volt), "lost_contact": lost}


def _rest(run: _Run, step) -> dict:
    ac.rest(run.cells.interface, run.anode, step.duration)
    run.clock += step.duration
    return {}


def _hold(run: _Run, step, end_current, t_limit) -> dict:
    p = get_cathode(run.cells.cathode)
    x = _equilibrium_stoichiometry(step.voltage, p)
    full = np.clip((p.stoich_0 - x) / (p.stoich_0 - p.stoich_100), 0.0, 1.2) * run.cells.nominal_capacity
    q_cv = np.maximum(full - run.stored, 0.0)
    i0 = np.maximum(run.last_charge_current, 2.0 * end_current)
    tau = q_cv / np.maximum(i0 - end_current, _EPS)
    dur = np.minimum(tau * np.log(i0 / np.maximum(end_current, _EPS)), t_limit)
    mean_j = np.where((dur > 0) & ~run.out, np.minimum(q_cv, (i0 - end_current) * tau) / np.maximum(dur, _EPS), 0.0)
    t_done = ac.plate(run.cells.interface, run.anode, mean_j, dur, run.clock)
    q = mean_j * t_done
    run.stored += q
    run.lithium += q
    run.peak_lithium = np.maximum(run.peak_lithium, run.lithium)
    run.clock += t_done
    return {"charged": q}


def _equilibrium_stoichiometry(voltage: float, p) -> float:
    """Stoichiometry at which the cathode's open-circuit potential equals ``voltage`` (monotone OCP, grid inverse)."""
    x = np.linspace(p.stoich_100 - 0.1, 1.0, 4001)
    u = cathode_ocp(x, p)
    return float(np.interp(-voltage, -u, x))


def _do_step(run: _Run, step) -> dict:
    c = run.cells
    t_limit = step.duration if step.duration is not None else np.inf
    if step.kind == "rest":
        return _rest(run, step)
    if step.kind == "hold":
        end = c.current_scale * step.end_current_density_for(c.nominal_capacity, c.cell_area)
        return _hold(run, step, np.where(run.out, 0.0, end), t_limit)
    j = np.where(run.out, 0.0, c.current(step))
    return _charge(run, step, j, t_limit) if step.kind == "charge" else _discharge(run, step, j, t_limit)


def _formation(run: _Run, steps) -> dict:
    charged, discharged, energy = np.zeros(run.n), np.zeros(run.n), np.zeros(run.n)
    j_dis = np.zeros(run.n)
    for step in steps:
        r = _do_step(run, step)
        charged += r.get("charged", 0.0)
        discharged += r.get("discharged", 0.0)
        energy += r.get("energy", 0.0)
        if step.kind == "discharge":
            j_dis = np.maximum(j_dis, run.cells.current(step))
    return {"formation_charge_capacity": charged, "discharge_capacity": discharged, "discharge_energy": energy,
            "discharge_current_density": j_dis}


def _signature(run: _Run) -> np.ndarray:
    sig = np.zeros(run.n, np.int8)
    sig[run.polarised] = SIGNATURES.index("polarisation")
    sig[run.anode.short_mode == ac.SOFT] = SIGNATURES.index("plateau")
    sig[run.anode.short_mode == ac.HARD] = SIGNATURES.index("collapse")
    return sig


def _cycling(run: _Run, cycling) -> dict:
    n = run.n
    first = np.full(n, np.nan)
    last = np.full(n, np.nan)
    faded = np.zeros(n, bool)
    done = np.zeros(n)
    for _ in range(cycling.repeat if cycling is not None else 0):
        cap = np.zeros(n)
        for step in cycling.steps:
            cap += _do_step(run, step).get("discharged", 0.0)
        alive = ~run.out & ~faded
        first = np.where(np.isnan(first) & alive, cap, first)
        faded |= alive & (cap < cycling.end_of_life_retention * first)
        done += alive & ~faded
        last = np.where(alive, cap, last)
        if not np.any(~run.out & ~faded):
            break
    return {"first": first, "last": last, "faded": faded, "cycles": done}


def run_duty(cells: DutyCells, formation, cycling) -> dict[str, np.ndarray]:
    """Run the formation steps, then ``cycling.repeat`` cycles of ``cycling.steps`` (``cycling`` may be None).

    Returns
    -------
    dict of ndarray
        Per cell: ``formation_charge_capacity``, ``discharge_capacity``
        [C m-2], ``discharge_energy`` [J m-2], ``discharge_current_density``
        (formation) and ``charge_current_density`` (highest of the duty)
        [A m-2], ``first_cycle_efficiency`` [-], ``voltage_signature`` (int8,
        :data:`SIGNATURES`), ``short_mode`` (int8), ``time_to_short`` [s],
        ``capacity_to_short`` [C m-2], ``cycles_to_failure`` [-],
        ``life_censored`` (bool), ``life_failure`` (int8, :data:`LIFE_FAILURES`),
        ``capacity_retention`` [-], ``dead_li_capacity``,
        ``contact_loss_capacity`` [C m-2], ``filament_length``,
        ``charged_anode_lithium`` [C m-2].
    """
    run = _Run(cells)
    out = _formation(run, formation)
    steps = list(formation) + (list(cycling.steps) if cycling is not None else [])
    out["charge_current_density"] = np.max([cells.current(s) for s in steps if s.kind == "charge"], axis=0)
    out["voltage_signature"] = _signature(run)
    out["first_cycle_efficiency"] = np.divide(out["discharge_capacity"], out["formation_charge_capacity"],
                                              out=np.full(run.n, np.nan), where=out["formation_charge_capacity"] > 0)
    life = _cycling(run, cycling)
    out.update(_life(run, life, cycling))
    return out


def _life(run: _Run, life: dict, cycling) -> dict:
    st = run.anode
    failure = np.zeros(run.n, np.int8)
    failure[life["faded"]] = LIFE_FAILURES.index("capacity_fade")
    failure[st.short_mode == ac.SOFT] = LIFE_FAILURES.index("soft_short")
    failure[st.short_mode == ac.HARD] = LIFE_FAILURES.index("hard_short")
    return {
        "short_mode": st.short_mode.astype(np.int8), "time_to_short": st.short_time,
        "capacity_to_short": st.short_capacity, "cycles_to_failure": life["cycles"],
        "life_censored": failure == 0, "life_failure": failure,
        "capacity_retention": np.divide(life["last"], life["first"], out=np.full(run.n, np.nan),
                                        where=np.isfinite(life["first"]) & (life["first"] > 0)),
        "dead_li_capacity": st.dead_li, "contact_loss_capacity": run.contact_loss_capacity,
        "filament_length": st.filament, "charged_anode_lithium": run.peak_lithium,
    }
