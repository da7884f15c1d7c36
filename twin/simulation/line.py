"""The production line as a SimPy discrete-event model.

The line moves items (one item = one cell-to-be, from its sheet of tape to
the finished cell) through the stations of a route, in order
(:mod:`twin.simulation.stations`):

- **unit stations**: ``machines`` parallel machines, per-item process times
  (drawn up front, one vectorised draw per station), an optional finite input
  buffer (the upstream machine stays blocked until a slot frees), and
  machine breakdowns (exponential time between failures, repair-time
  distribution); an item on a machine that fails is scrapped or reworked.
- **batch furnaces**: items wait for a load; a load fires when full
  (policy ``full``) or when its first item has waited ``load_timeout``
  (policy ``timeout``); at the end of the campaign (no item can still
  arrive) the last partial load fires. The firing duration and the physics of
  the load come from the ``on_batch`` callback: one call per load.
- **setups, shifts, maintenance**: a changeover time when the item family
  (tape lot) changes; planned downtime every period (non-preemptive: the
  machine finishes its item first).
- **gates**: a gate station asks the ``inspect`` callback whether the item
  passes, is scrapped, or goes back for rework to an earlier station (e.g.
  re-firing an under-dense sheet).

The line knows nothing about physics: it records timestamps, genealogy
(furnace batch, position in the load) and scrap, and calls back. Exposure
clocks (time spent in each atmosphere) are derived from the timestamps by
:func:`exposure_times`.

Cost: about 4 SimPy events per item per unit station and 2 per furnace visit
(SimPy costs ~2 us per event), so a cell's trip is a few tens of events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import simpy

from ..errors import TwinError
from .stations import SCRAPPED, BatchFurnace, LineRecord, StationSpec, UnitStation

__all__ = ["StationSpec", "LineResult", "simulate_line", "exposure_times", "SCRAP_BREAKDOWN", "SCRAP_GATE",
           "PASS", "SCRAP", "REWORK", "LineStorm", "event_budget"]

SCRAP_NONE, SCRAP_BREAKDOWN, SCRAP_GATE = 0, 1, 2
PASS, SCRAP, REWORK = 0, 1, 2


@dataclass
class LineResult:
    """Timestamps [s], genealogy and scrap of one replicate's items.

    Arrays have shape (n_items,) or (n_items, n_stations); NaN where an item
    never reached a station. With rework, timestamps are those of the last visit.
    """

    release: np.ndarray
    enter: np.ndarray  # joined the station's queue
    start: np.ndarray  # got a machine / furnace load fired
    exit: np.ndarray  # left the station
    visits: np.ndarray  # (n_items, n_stations) times each item was processed there
    batch: np.ndarray  # last furnace load number (-1: none)
    position: np.ndarray  # position in that furnace load (-1: none)
    scrap_code: np.ndarray  # SCRAP_* per item
    scrap_station: np.ndarray  # station index where scrapped (-1: none)
    busy_time: np.ndarray  # machine-seconds of processing per station (setups included)
    down_time: np.ndarray  # machine-seconds in repair per station
    planned_down_time: np.ndarray  # machine-seconds of planned downtime per station
    setup_time: np.ndarray  # machine-seconds of changeovers per station
    makespan: float  # time the last item left the line [s]
    n_batches: int
    batch_sizes: list[int] = field(default_factory=list)

    @property
    def completed(self) -> np.ndarray:
        return np.isfinite(self.exit[:, -1]) & (self.scrap_code == SCRAP_NONE)

    @property
    def reworked(self) -> np.ndarray:
        return (self.visits > 1).any(axis=1)

    def left(self, k: int) -> np.ndarray:
        """Items that left station ``k`` in working order (not scrapped there)."""
        return np.isfinite(self.exit[:, k]) & (self.scrap_station != k)


class LineStorm(TwinError):
    """The line would not finish: it ran past its event budget (breakdowns, downtime or rework without end)."""


def event_budget(n_items: int, n_stations: int) -> int:
    """Most SimPy events one replicate may take: ~200 per item and station (a trip costs a few tens) plus 10^6."""
    return 200 * n_items * max(n_stations, 1) + 1_000_000


class _Line:
    """The stations of one run and the item process that moves through them."""

    def __init__(self, specs: Sequence[StationSpec], release: np.ndarray, rng, on_batch, inspect):
        self.env = env = simpy.Environment()
        self.specs, self.inspect = specs, inspect
        self.release = np.asarray(release, dtype=float).tolist()  # Python floats on SimPy's clock (same values)
        self.record = LineRecord(len(release), len(specs))
        self.stations = [BatchFurnace(env, k, s, self.record, on_batch) if s.kind == "furnace"
                         else UnitStation(env, k, s, self.record, rng) for k, s in enumerate(specs)]

    def run(self, max_events: int) -> LineRecord:
        env = self.env
        for i in range(self.record.n):
            env.process(self.item(i))
        for st in self.stations:
            if isinstance(st, UnitStation):
                for m in range(st.spec.machines):
                    if st.spec.mtbf:
                        env.process(st.failures(m))
                    if st.spec.downtime_period:
                        env.process(st.downtime(m))
        self._run_guarded(max_events)
        if self.record.alive != 0:
            raise RuntimeError(f"line deadlocked with {self.record.alive} items inside (check buffer sizes and furnace loading)")
        return self.record

    def _run_guarded(self, max_events: int) -> None:
        """``env.run()`` with an event budget: a line that would never finish stops with the station to blame."""
        step = self.env.step
        try:
            for _ in range(max_events):
                step()
        except simpy.core.EmptySchedule:
            return
        busiest = max(range(len(self.stations)), key=lambda k: self.record.station_visits(k)
                      + getattr(self.stations[k], "stops", 0))
        st = self.stations[busiest]
        raise LineStorm(f"the line did not finish within {max_events:,} events ({self.env.now:.3g} s simulated, "
                        f"{self.record.alive} of {self.record.n} items still inside); this station is the busiest "
                        f"({self.record.station_visits(busiest)} visits, {getattr(st, 'stops', 0)} breakdowns "
                        "and stops): check its mtbf, planned downtime and rework against how long the line runs",
                        f"station {st.spec.name!r}")

    def item(self, i: int):
        env, rec, S = self.env, self.record, len(self.stations)
        yield env.timeout(self.release[i])
        slot = None
        if self.stations[0].slots is not None:
            slot = self.stations[0].slots.request()
            yield slot
        k = 0
        while k < S:
            st = self.stations[k]
            rec.enter[i][k] = env.now
            rec.visits[i][k] += 1
            held = yield from st.visit(i, slot)
            slot = None
            if held is SCRAPPED:
                self._scrap(i, k, SCRAP_BREAKDOWN)
                return
            if self.specs[k].is_gate and self.inspect is not None:
                back = self._gate(i, k, held)
                if back is not None:
                    if back < 0:
                        return
                    k = back
                    continue
            if k + 1 < S and self.stations[k + 1].slots is not None:  # blocking: hold the machine until there is room
                slot = self.stations[k + 1].slots.request()
                yield slot
            if held:
                held[0].release(held[1])
            rec.exit[i][k] = env.now
            k += 1
        rec.last_exit = env.now
        rec.alive -= 1

    def _gate(self, i: int, k: int, held) -> int | None:
        """Ask the gate; None: passed; -1: scrapped; otherwise the station index the item goes back to."""
        decision = self.inspect(k, i, self.record.visits[i][k] - 1)
        if decision == PASS:
            return None
        if held:
            held[0].release(held[1])
        self.record.exit[i][k] = self.env.now
        back = self.specs[k].rework_to
        if decision == REWORK and back is not None:
            for st in self.stations[back: k + 1]:
                if isinstance(st, BatchFurnace):
                    st.returning()  # it will come back
            return back
        self._scrap(i, k, SCRAP_GATE)
        return -1

    def _scrap(self, i: int, k: int, code: int):
        rec = self.record
        for st in self.stations[k + 1:]:
            if isinstance(st, BatchFurnace):
                st.lost()
        rec.scrap_code[i] = code
        rec.scrap_station[i] = k
        rec.last_exit = max(rec.last_exit, self.env.now)
        rec.alive -= 1


def simulate_line(
    stations: Sequence[StationSpec],
    release_times: np.ndarray,
    rng: np.random.Generator,
    *,
    on_batch: Callable[[int, np.ndarray, int], float] | None = None,
    inspect: Callable[[int, int, int], int] | None = None,
    max_events: int | None = None,
) -> LineResult:
    """Run the line until every released item has left it.

    Parameters
    ----------
    stations : sequence of StationSpec
        Route in order.
    release_times : ndarray, shape (n_items,)
        Times the items enter the first station's queue [s], non-decreasing.
    rng : numpy.random.Generator
        Stream for breakdowns and repairs of stations without their own
        (process times come pre-drawn).
    on_batch : callable (station_index, item_ids, batch_number) -> duration [s]
        Called once when a furnace load fires; returns how long the load
        occupies the furnace (firing profile plus handling).
    inspect : callable (station_index, item_id, attempt) -> PASS | SCRAP | REWORK
        Gate decision for an item leaving a gate station; ``attempt`` counts
        earlier inspections of this item at this station. REWORK sends the
        item back to the station's ``rework_to``.
    max_events : int, optional
        Event budget (default :func:`event_budget`); beyond it :class:`LineStorm`
        names the busiest station instead of running on.
    """
    budget = max_events if max_events is not None else event_budget(len(release_times), len(stations))
    rec = _Line(stations, release_times, rng, on_batch, inspect).run(budget)
    a = rec.arrays()
    return LineResult(
        release=np.asarray(release_times, float), enter=a["enter"], start=a["start"], exit=a["exit"], visits=a["visits"],
        batch=rec.batch, position=rec.position, scrap_code=rec.scrap_code, scrap_station=rec.scrap_station,
        busy_time=a["busy"], down_time=a["down"], planned_down_time=a["planned"], setup_time=a["setups"],
        makespan=float(rec.last_exit), n_batches=len(rec.batch_sizes), batch_sizes=rec.batch_sizes,
    )


def exposure_times(result: LineResult, atmospheres: Sequence[str], from_station: int, to_station: int) -> dict[str, np.ndarray]:
    """Time each item spent in each atmosphere between two stations [s].

    The clock starts when the item leaves ``from_station`` and stops when it
    starts processing at ``to_station``. Waiting in a station's input buffer
    counts in that station's atmosphere; so does processing at the stations
    in between. Items that never left ``from_station`` get 0; scrapped items
    count up to where they left the line.
    """
    n = result.exit.shape[0]
    out = {a: np.zeros(n) for a in set(atmospheres)}
    for k in range(from_station + 1, to_station + 1):
        t0 = result.exit[:, k - 1]
        t1 = result.start[:, k] if k == to_station else result.exit[:, k]
        seg = np.nan_to_num(t1 - t0, nan=0.0)
        out[atmospheres[k]] += np.maximum(seg, 0.0)
    return out
