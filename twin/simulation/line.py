"""The production line as a SimPy discrete-event model.

The line moves items (one item = one cell-to-be, from its sheet of tape to
the finished cell) through the stations of a route, in order:

- **unit stations**: ``machines`` parallel machines, per-item process times
  (drawn up front, one vectorised draw per station), an optional finite input
  buffer (the upstream machine stays blocked until a slot frees), and
  machine breakdowns (exponential time between failures, repair-time
  distribution); an item on a machine that fails is scrapped.
- **batch furnaces**: items wait for a load; a load fires when full
  (policy ``full``) or when its first item has waited ``load_timeout``
  (policy ``timeout``); at the end of the campaign (no item can still
  arrive) the last partial load fires. The firing duration and the physics of the load come
  from the ``on_batch`` callback: one call per load, vectorised over the load.
- **setups, shifts, maintenance**: a changeover time when the item family
  (tape lot) changes; planned downtime every period (non-preemptive: the
  machine finishes its item first).
- **gates**: a station whose step is a gate asks the ``inspect`` callback
  whether the item passes, is scrapped, or goes back for rework to an
  earlier station (e.g. re-firing an under-dense sheet).

The line knows nothing about physics: it records timestamps, genealogy
(tape lot, furnace batch, position in the load) and scrap, and calls back.
Exposure clocks (time spent in each atmosphere) are derived from the
timestamps by :func:`exposure_times`.

Cost: about 4 SimPy events per item per unit station and 2 per furnace visit
(SimPy costs ~2 us per event), so a cell's trip is a few tens of events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

import numpy as np
import simpy

__all__ = ["StationSpec", "LineResult", "simulate_line", "exposure_times", "SCRAP_BREAKDOWN", "SCRAP_GATE", "PASS", "SCRAP", "REWORK"]

SCRAP_NONE, SCRAP_BREAKDOWN, SCRAP_GATE = 0, 1, 2


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


def simulate_line(
    stations: Sequence[StationSpec],
    release_times: np.ndarray,
    rng: np.random.Generator,
    *,
    on_batch: Callable[[int, np.ndarray, int], float] | None = None,
    inspect: Callable[[int, int, int], int] | None = None,
) -> LineResult:
    """Run the line until every released item has left it.

    Parameters
    ----------
    stations : sequence of StationSpec
        Route in order.
    release_times : ndarray, shape (n_items,)
        Times the items enter the first station's queue [s], non-decreasing.
    rng : numpy.random.Generator
        Stream for breakdowns and repairs (process times come pre-drawn).
    on_batch : callable (station_index, item_ids, batch_number) -> duration [s]
        Called once when a furnace load fires; returns how long the load
        occupies the furnace (firing profile plus handling).
    inspect : callable (station_index, item_id, attempt) -> PASS | SCRAP | REWORK
        Gate decision for an item leaving a gate station; ``attempt`` counts
        earlier inspections of this item at this station. REWORK sends the
        item back to the station's ``rework_to``.
    """
    env = simpy.Environment()
    n, S = len(release_times), len(stations)
    enter = np.full((n, S), np.nan)
    start = np.full((n, S), np.nan)
    exit_ = np.full((n, S), np.nan)
    visits = np.zeros((n, S), dtype=np.int16)
    batch = np.full(n, -1, dtype=np.int64)
    position = np.full(n, -1, dtype=np.int64)
    scrap_code = np.zeros(n, dtype=np.int8)
    scrap_station = np.full(n, -1, dtype=np.int64)
    busy = np.zeros(S)
    down = np.zeros(S)
    planned = np.zeros(S)
    setups = np.zeros(S)
    batch_sizes: list[int] = []
    state = {"last_exit": 0.0, "alive": n}
    last_family = [None] * S

    machines: list[simpy.Resource | None] = []
    slots: list[simpy.Resource | None] = []
    furnaces: list[_Furnace | None] = []
    for k, st in enumerate(stations):
        if st.kind == "furnace":
            machines.append(None)
            furnaces.append(_Furnace(env, k, st, on_batch, batch, position, start, batch_sizes, busy, n))
        else:
            needs_priority = bool(st.mtbf) or bool(st.downtime_period)
            machines.append(simpy.PreemptiveResource(env, capacity=st.machines) if needs_priority else simpy.Resource(env, capacity=st.machines))
            furnaces.append(None)
        slots.append(simpy.Resource(env, capacity=st.buffer + st.machines) if st.buffer is not None else None)

    def breakdowns(k: int, st: StationSpec):
        res = machines[k]
        while state["alive"] > 0:
            yield env.timeout(rng.exponential(st.mtbf))
            if state["alive"] <= 0:
                return
            with res.request(priority=-2, preempt=True) as req:
                yield req
                t0 = env.now
                yield env.timeout(st.repair_times(rng))
                down[k] += env.now - t0

    def planned_downtime(k: int, st: StationSpec):
        res = machines[k]
        while state["alive"] > 0:
            yield env.timeout(st.downtime_period - st.downtime_duration)
            if state["alive"] <= 0:
                return
            with res.request(priority=-1, preempt=False) as req:
                yield req
                t0 = env.now
                yield env.timeout(st.downtime_duration)
                planned[k] += env.now - t0

    def item(i: int):
        yield env.timeout(release_times[i])
        slot_req = None
        if slots[0] is not None:
            slot_req = slots[0].request()
            yield slot_req
        k = 0
        while k < S:
            st = stations[k]
            enter[i, k] = env.now
            visits[i, k] += 1
            fur = furnaces[k]
            held = None
            if fur is not None:
                done = fur.add(i)
                if slot_req is not None:
                    slots[k].release(slot_req)
                    slot_req = None
                yield done
            else:
                res = machines[k]
                prio = isinstance(res, simpy.PreemptiveResource)
                while True:  # repeats only when a breakdown sends the item back for rework
                    req = res.request(priority=0) if prio else res.request()
                    yield req
                    if slot_req is not None:
                        slots[k].release(slot_req)
                        slot_req = None
                    start[i, k] = t0 = env.now
                    dt = st.process_times[i]
                    if st.setup_time and st.families is not None and last_family[k] != st.families[i]:
                        last_family[k] = st.families[i]
                        dt += st.setup_time
                        setups[k] += st.setup_time
                    try:
                        yield env.timeout(dt)
                    except simpy.Interrupt:
                        busy[k] += env.now - t0
                        res.release(req)
                        if st.on_failure == "rework":
                            continue
                        exit_[i, k] = env.now
                        _scrap(i, k, SCRAP_BREAKDOWN)
                        return
                    busy[k] += env.now - t0
                    held = (res, req)
                    break
            if st.is_gate and inspect is not None:
                decision = inspect(k, i, int(visits[i, k]) - 1)
                if decision != PASS:
                    if held:
                        held[0].release(held[1])
                    exit_[i, k] = env.now
                    if decision == REWORK and st.rework_to is not None:
                        for fur in furnaces[st.rework_to: k + 1]:
                            if fur is not None:
                                fur.expected += 1  # it will come back
                        k = st.rework_to
                        continue
                    _scrap(i, k, SCRAP_GATE)
                    return
            # blocking: hold the machine until the next station has room
            if k + 1 < S and slots[k + 1] is not None:
                slot_req = slots[k + 1].request()
                yield slot_req
            if held:
                held[0].release(held[1])
            exit_[i, k] = env.now
            k += 1
        state["last_exit"] = env.now
        state["alive"] -= 1

    def _scrap(i: int, k: int, code: int):
        for fur in furnaces[k + 1:]:
            if fur is not None:
                fur.lost()
        scrap_code[i] = code
        scrap_station[i] = k
        state["last_exit"] = max(state["last_exit"], env.now)
        state["alive"] -= 1

    for i in range(n):
        env.process(item(i))
    for k, st in enumerate(stations):
        if st.kind == "furnace":
            continue
        for _ in range(st.machines):
            if st.mtbf:
                env.process(breakdowns(k, st))
            if st.downtime_period:
                env.process(planned_downtime(k, st))
    env.run()
    if state["alive"] != 0:
        raise RuntimeError(f"line deadlocked with {state['alive']} items inside (check buffer sizes and furnace loading)")
    return LineResult(
        release=np.asarray(release_times, float),
        enter=enter,
        start=start,
        exit=exit_,
        visits=visits,
        batch=batch,
        position=position,
        scrap_code=scrap_code,
        scrap_station=scrap_station,
        busy_time=busy,
        down_time=down,
        planned_down_time=planned,
        setup_time=setups,
        makespan=float(state["last_exit"]),
        n_batches=len(batch_sizes),
        batch_sizes=batch_sizes,
    )


class _Furnace:
    """Batch furnace: collects items into loads and fires them.

    One controller process per furnace station; it wakes when an item
    arrives or a loading timeout expires, and fires loads while one is ready
    and a furnace is free.
    """

    def __init__(self, env, k, st: StationSpec, on_batch, batch, position, start, batch_sizes, busy, expected):
        self.env, self.k, self.st = env, k, st
        self.expected = expected  # items that may still arrive
        self.on_batch = on_batch
        self.waiting: list[tuple[int, simpy.Event]] = []
        self.arrival: dict[int, float] = {}
        self.furnaces = simpy.Resource(env, capacity=st.machines)
        self.batch, self.position, self.start = batch, position, start
        self.batch_sizes = batch_sizes
        self.busy = busy
        self.kick = env.event()
        env.process(self._controller())

    def add(self, i: int) -> simpy.Event:
        ev = self.env.event()
        self.waiting.append((i, ev))
        self.arrival[i] = self.env.now
        self.expected -= 1
        if len(self.waiting) == 1 and self.st.load_policy == "timeout":
            self.env.process(self._timer(self.st.load_timeout))
        self._wake()
        return ev

    def lost(self):
        """An item that would have come here was scrapped upstream."""
        self.expected -= 1
        if self.expected == 0:
            self._wake()

    def _wake(self):
        if not self.kick.triggered:
            self.kick.succeed()

    def _timer(self, delay: float):
        yield self.env.timeout(max(delay, 0.0))
        self._wake()

    def _ready(self) -> bool:
        if not self.waiting:
            return False
        if len(self.waiting) >= self.st.load_capacity or self.expected == 0:
            return True  # a full load, or the end of the campaign: nothing more will come
        if self.st.load_policy == "timeout":
            return self.env.now - self.arrival[self.waiting[0][0]] >= self.st.load_timeout - 1e-9
        return False

    def _controller(self):
        while True:
            yield self.kick
            self.kick = self.env.event()
            while self._ready():
                req = self.furnaces.request()
                yield req
                load = self.waiting[: self.st.load_capacity]
                del self.waiting[: self.st.load_capacity]
                ids = np.fromiter((i for i, _ in load), dtype=np.int64, count=len(load))
                b = len(self.batch_sizes)
                self.batch_sizes.append(len(load))
                self.batch[ids] = b
                self.position[ids] = np.arange(len(load))
                self.start[ids, self.k] = self.env.now
                duration = float(self.on_batch(self.k, ids, b)) if self.on_batch else 0.0
                self.env.process(self._fire(req, load, duration))
                if self.waiting and self.st.load_policy == "timeout":
                    first = self.arrival[self.waiting[0][0]]
                    self.env.process(self._timer(first + self.st.load_timeout - self.env.now))

    def _fire(self, req, load, duration):
        t0 = self.env.now
        yield self.env.timeout(duration)
        self.busy[self.k] += self.env.now - t0
        self.furnaces.release(req)
        for _, ev in load:
            ev.succeed()


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
