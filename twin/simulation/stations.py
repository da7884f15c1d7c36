"""Stations of the SimPy line: unit stations and batch furnaces, and the record they write.

A station owns its SimPy resources and writes what happens to each item into
the shared :class:`LineRecord` (time stamps, visits, furnace genealogy,
machine time). :mod:`twin.simulation.line` moves items through the stations;
neither knows any physics: a furnace asks its ``on_batch`` callback how long
a load takes.

Events per item: a unit station costs a machine request, a timeout and a
release (plus a slot request with a finite buffer); a furnace visit costs one
wait for the load. Breakdowns and planned downtime are one process per machine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np
import simpy

__all__ = ["StationSpec", "LineRecord", "UnitStation", "BatchFurnace", "SCRAPPED"]

#: returned by a station visit when the item was scrapped by a breakdown
SCRAPPED = object()


@dataclass(frozen=True)
class StationSpec:
    """What the line needs to know about one station (SI units).

    Attributes
    ----------
    name : str
    kind : {"unit", "furnace"}
    machines : int
        Parallel machines or furnaces.
    process_times : ndarray, shape (n_items,)
        Time each item occupies a machine [s] (unit stations).
    buffer : int or None
        Input buffer capacity (items waiting, excluding those on machines).
    mtbf : float or None
        Mean time between failures of each machine [s] (exponential, calendar
        time); None: never fails.
    repair_times : callable rng -> float
        Draws one repair time [s].
    on_failure : {"scrap", "rework"}
        An item on a machine that fails is scrapped, or waits for the repair
        and is processed again from the start.
    setup_time : float
        Changeover time [s] when an item of another family (tape lot) than the
        previous one starts on this station.
    families : ndarray of int, shape (n_items,) or None
        Family (lot) of each item, for setups.
    downtime_period, downtime_duration : float or None
        Planned downtime (shifts, maintenance): every ``period`` [s] each machine
        stops for ``duration`` [s] once its current item is done.
    is_gate : bool
        Ask ``inspect`` for each item leaving this station.
    rework_to : int or None
        Station index a reworked item returns to (gates).
    load_capacity, load_policy, load_timeout :
        Furnace loading (items per load; "full" or "timeout"; [s]).
    records_genealogy : bool
        A furnace whose loads are the items' furnace genealogy (load number,
        position); False for batch stations that handle the unit layers of
        one cell together (the stacker and the stations after it).
    rng : numpy.random.Generator or None
        Stream of this station's breakdowns and repairs (None: the line's stream).
    """

    name: str
    kind: str
    machines: int
    process_times: np.ndarray | None = None
    buffer: int | None = None
    mtbf: float | None = None
    repair_times: Callable[[np.random.Generator], float] | None = None
    on_failure: str = "scrap"
    setup_time: float = 0.0
    families: np.ndarray | None = None
    downtime_period: float | None = None
    downtime_duration: float = 0.0
    is_gate: bool = False
    rework_to: int | None = None
    load_capacity: int = 1
    load_policy: str = "timeout"
    load_timeout: float = 0.0
    records_genealogy: bool = True
    rng: np.random.Generator | None = None


@dataclass
class LineRecord:
    """What the line records of ``n`` items on ``s`` stations; NaN where an item never reached a station.

    While the line runs, the per-item and per-station fields are plain Python
    lists (``enter[i][k]``, ``busy[k]``): writing one element of a list costs a
    third of writing one element of a numpy array, and the line writes several
    per event. :meth:`arrays` gives them as numpy arrays once the run is over.
    """

    n: int
    s: int
    enter: list = field(init=False)  # joined the station's queue [s], per item and station
    start: list = field(init=False)  # got a machine / furnace load fired [s]
    exit: list = field(init=False)  # left the station [s]
    visits: list = field(init=False)  # times the item entered the station
    batch: np.ndarray = field(init=False)
    position: np.ndarray = field(init=False)
    scrap_code: np.ndarray = field(init=False)
    scrap_station: np.ndarray = field(init=False)
    busy: list = field(init=False)  # machine-seconds processing (setups included), per station
    down: list = field(init=False)  # machine-seconds in repair
    planned: list = field(init=False)  # machine-seconds of planned downtime
    setups: list = field(init=False)  # machine-seconds of changeovers
    batch_sizes: list[int] = field(default_factory=list)
    alive: int = field(init=False)  # items still in the line
    last_exit: float = 0.0

    def __post_init__(self):
        n, s = self.n, self.s
        self.enter, self.start, self.exit = ([[np.nan] * s for _ in range(n)] for _ in range(3))
        self.visits = [[0] * s for _ in range(n)]
        self.batch = np.full(n, -1, dtype=np.int64)
        self.position = np.full(n, -1, dtype=np.int64)
        self.scrap_code = np.zeros(n, dtype=np.int8)
        self.scrap_station = np.full(n, -1, dtype=np.int64)
        self.busy, self.down, self.planned, self.setups = ([0.0] * s for _ in range(4))
        self.alive = n

    def station_visits(self, k: int) -> int:
        """Visits to station ``k`` so far, all items."""
        return sum(v[k] for v in self.visits)

    def arrays(self) -> dict[str, np.ndarray]:
        """The per-item and per-station records as numpy arrays: (n, s) times [s] and visits, (s,) machine-seconds."""
        shape = (self.n, self.s)
        out = {name: np.array(getattr(self, name), dtype=float).reshape(shape) for name in ("enter", "start", "exit")}
        out["visits"] = np.array(self.visits, dtype=np.int16).reshape(shape)
        out.update({name: np.array(getattr(self, name), dtype=float) for name in ("busy", "down", "planned", "setups")})
        return out


class UnitStation:
    """``machines`` parallel machines with an optional finite input buffer, breakdowns, setups and downtime."""

    def __init__(self, env: simpy.Environment, k: int, spec: StationSpec, record: LineRecord, rng: np.random.Generator):
        self.env, self.k, self.spec, self.record = env, k, spec, record
        self.rng = spec.rng if spec.rng is not None else rng
        self.preemptive = bool(spec.mtbf) or bool(spec.downtime_period)
        cls = simpy.PreemptiveResource if self.preemptive else simpy.Resource
        self.machines = cls(env, capacity=spec.machines)
        self.slots = simpy.Resource(env, capacity=spec.buffer + spec.machines) if spec.buffer is not None else None
        self.last_family = None
        self.stops = 0  # breakdowns and planned stops so far (the event guard names the busiest station)
        # Python floats: SimPy's clock and event heap then compare floats, not numpy scalars (same values)
        self.times = None if spec.process_times is None else np.asarray(spec.process_times, dtype=float).tolist()

    def visit(self, i: int, slot):
        """Process item ``i`` (releasing its buffer ``slot`` once on a machine); return the held machine or SCRAPPED."""
        env, spec, rec, k = self.env, self.spec, self.record, self.k
        while True:  # repeats only when a breakdown sends the item back for rework
            req = self.machines.request(priority=0) if self.preemptive else self.machines.request()
            yield req
            if slot is not None:
                self.slots.release(slot)
                slot = None
            rec.start[i][k] = t0 = env.now
            dt = self.times[i]
            if spec.setup_time and spec.families is not None and self.last_family != spec.families[i]:
                self.last_family = spec.families[i]
                dt += spec.setup_time
                rec.setups[k] += spec.setup_time
            try:
                yield env.timeout(dt)
            except simpy.Interrupt:
                rec.busy[k] += env.now - t0
                self.machines.release(req)
                if spec.on_failure == "rework":
                    continue
                rec.exit[i][k] = env.now
                return SCRAPPED
            rec.busy[k] += env.now - t0
            return self.machines, req

    def failures(self, machine: int):
        """One machine's breakdowns: exponential times between failures, preempting the item on it."""
        env, spec, rec = self.env, self.spec, self.record
        while rec.alive > 0:
            yield env.timeout(self.rng.exponential(spec.mtbf))
            if rec.alive <= 0:
                return
            self.stops += 1
            with self.machines.request(priority=-2, preempt=True) as req:
                yield req
                t0 = env.now
                yield env.timeout(spec.repair_times(self.rng))
                rec.down[self.k] += env.now - t0

    def downtime(self, machine: int):
        """One machine's planned downtime: every period, once the current item is done."""
        env, spec, rec = self.env, self.spec, self.record
        while rec.alive > 0:
            yield env.timeout(spec.downtime_period - spec.downtime_duration)
            if rec.alive <= 0:
                return
            self.stops += 1
            with self.machines.request(priority=-1, preempt=False) as req:
                yield req
                t0 = env.now
                yield env.timeout(spec.downtime_duration)
                rec.planned[self.k] += env.now - t0


class BatchFurnace:
    """Batch furnaces: collect items into loads and fire them.

    One controller process per furnace station wakes when an item arrives or a
    loading timeout expires, and fires loads while one is ready (full, timed
    out, or the last one of the campaign) and a furnace is free. ``on_batch``
    ``(station_index, item_ids, batch_number) -> duration [s]`` is called
    once per load as it fires.
    """

    def __init__(self, env: simpy.Environment, k: int, spec: StationSpec, record: LineRecord, on_batch):
        self.env, self.k, self.spec, self.record = env, k, spec, record
        self.expected = record.n  # items that may still arrive
        self.on_batch = on_batch
        self.waiting: list[tuple[int, simpy.Event]] = []
        self.arrival: dict[int, float] = {}
        self.furnaces = simpy.Resource(env, capacity=spec.machines)
        self.slots = simpy.Resource(env, capacity=spec.buffer + spec.machines) if spec.buffer is not None else None
        self.kick = env.event()
        env.process(self._controller())

    def visit(self, i: int, slot):
        """Item ``i`` joins the next load (its buffer ``slot`` is released at once) and waits until it is fired."""
        done = self.add(i)
        if slot is not None:
            self.slots.release(slot)
        yield done
        return None

    def add(self, i: int) -> simpy.Event:
        ev = self.env.event()
        self.waiting.append((i, ev))
        self.arrival[i] = self.env.now
        self.expected -= 1
        if len(self.waiting) == 1 and self.spec.load_policy == "timeout":
            self.env.process(self._timer(self.spec.load_timeout))
        self._wake()
        return ev

    def lost(self):
        """An item that would have come here was scrapped upstream."""
        self.expected -= 1
        if self.expected == 0:
            self._wake()

    def returning(self):
        """An item sent back for rework will come here again."""
        self.expected += 1

    def _wake(self):
        if not self.kick.triggered:
            self.kick.succeed()

    def _timer(self, delay: float):
        yield self.env.timeout(max(delay, 0.0))
        self._wake()

    def _ready(self) -> bool:
        if not self.waiting:
            return False
        if len(self.waiting) >= self.spec.load_capacity or self.expected == 0:
            return True  # a full load, or the end of the campaign: nothing more will come
        if self.spec.load_policy == "timeout":
            return self.env.now - self.arrival[self.waiting[0][0]] >= self.spec.load_timeout - 1e-9
        return False

    def _controller(self):
        while True:
            yield self.kick
            self.kick = self.env.event()
            while self._ready():
                req = self.furnaces.request()
                yield req
                self._fire_next(req)

    def _fire_next(self, req):
        spec, rec = self.spec, self.record
        load = self.waiting[: spec.load_capacity]
        del self.waiting[: spec.load_capacity]
        ids = np.fromiter((i for i, _ in load), dtype=np.int64, count=len(load))
        b = len(rec.batch_sizes)
        if spec.records_genealogy:
            rec.batch_sizes.append(len(load))
            rec.batch[ids] = b
            rec.position[ids] = np.arange(len(load))
        for i in ids.tolist():
            rec.start[i][self.k] = self.env.now
        duration = float(self.on_batch(self.k, ids, b)) if self.on_batch else 0.0
        self.env.process(self._fire(req, load, duration))
        if self.waiting and spec.load_policy == "timeout":
            first = self.arrival[self.waiting[0][0]]
            self.env.process(self._timer(first + spec.load_timeout - self.env.now))

    def _fire(self, req, load, duration):
        t0 = self.env.now
        yield self.env.timeout(duration)
        self.record.busy[self.k] += self.env.now - t0
        self.furnaces.release(req)
        for _, ev in load:
            ev.succeed()
