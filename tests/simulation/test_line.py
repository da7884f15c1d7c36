"""SimPy line: analytic throughput, Little's law, breakdowns, furnace loading, blocking, determinism."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from twin.simulation.line import PASS, REWORK, SCRAP, SCRAP_BREAKDOWN, SCRAP_GATE, StationSpec, exposure_times, simulate_line


def unit(name, n, t, machines=1, **kw):
    return StationSpec(name, "unit", machines, np.full(n, float(t)), **kw)


def test_deterministic_serial_line_has_analytic_throughput():
    """Two stations, deterministic times 60 s and 90 s, items released every 30 s:
    the 90 s station is the bottleneck, so item i leaves at 60 + 90 (i + 1)."""
    n = 50
    r = simulate_line([unit("a", n, 60), unit("b", n, 90)], np.arange(n) * 30.0, np.random.default_rng(0))
    np.testing.assert_allclose(r.exit[:, 1], 60 + 90 * (np.arange(n) + 1))
    assert r.makespan == pytest.approx(60 + 90 * n)
    # utilisation of the bottleneck -> 1 over the run, the feeder 60/90 of it
    util = r.busy_time / r.makespan
    assert util[1] == pytest.approx(90 * n / r.makespan)
    assert util[0] == pytest.approx(60 * n / r.makespan)


def test_parallel_machines_multiply_capacity():
    n = 40
    r = simulate_line([unit("a", n, 100, machines=4)], np.zeros(n), np.random.default_rng(0))
    assert r.makespan == pytest.approx(100 * n / 4)


def test_littles_law_on_a_steady_line():
    """WIP = throughput x lead time (time averages over the run), within 2 %."""
    n = 3000
    rng = np.random.default_rng(5)
    st_ = [
        StationSpec("a", "unit", 1, rng.exponential(50.0, n)),
        StationSpec("b", "unit", 2, rng.exponential(90.0, n)),
        StationSpec("c", "unit", 1, rng.exponential(40.0, n)),
    ]
    release = np.cumsum(rng.exponential(60.0, n))
    r = simulate_line(st_, release, rng)
    lead = r.exit[:, -1] - r.release
    T = r.makespan - r.release[0]
    # time-average WIP by integrating the count of items in the system
    events = np.concatenate([np.c_[r.release, np.ones(n)], np.c_[r.exit[:, -1], -np.ones(n)]])
    events = events[np.argsort(events[:, 0], kind="stable")]
    count = np.cumsum(events[:, 1])
    wip = np.sum(count[:-1] * np.diff(events[:, 0])) / T
    throughput = n / T
    assert wip == pytest.approx(throughput * lead.mean(), rel=0.02)


def test_breakdowns_scrap_items_and_longer_repairs_lower_throughput():
    n = 800
    rel = np.arange(n) * 45.0

    def run(mttr):
        rng = np.random.default_rng(9)
        s = [unit("a", n, 40), unit("b", n, 50, mtbf=3600.0, repair_times=lambda r, m=mttr: m)]
        return simulate_line(s, rel, rng)

    short, long_ = run(600.0), run(3 * 3600.0)
    assert (short.scrap_code == SCRAP_BREAKDOWN).any()
    assert long_.down_time[1] > short.down_time[1]
    done_s, done_l = short.completed.sum(), long_.completed.sum()
    assert done_s / short.makespan > done_l / long_.makespan


def test_furnace_full_policy_fires_only_full_loads():
    n = 25
    calls = []

    def on_batch(k, ids, b):
        calls.append(ids.copy())
        return 1000.0

    full = [StationSpec("f", "furnace", 1, load_capacity=10, load_policy="full")]
    # policy "full" with 25 items: two full loads, then the last 5 fire at the end of the campaign
    r = simulate_line(full + [unit("x", n, 1)], np.arange(n) * 10.0, np.random.default_rng(0), on_batch=on_batch)
    assert [len(c) for c in calls] == [10, 10, 5]
    np.testing.assert_array_equal(np.concatenate(calls), np.arange(25))
    assert r.start[10, 0] == pytest.approx(90.0 + 1000.0)  # the first load (full at t = 90 s) held the furnace for 1000 s
    assert r.completed.all()


def test_furnace_timeout_policy_fires_partial_load():
    n = 25
    sizes = []
    f = [StationSpec("f", "furnace", 1, load_capacity=10, load_policy="timeout", load_timeout=500.0)]
    r = simulate_line(f, np.arange(n) * 10.0, np.random.default_rng(0), on_batch=lambda k, ids, b: sizes.append(len(ids)) or 100.0)
    assert sum(sizes) == n and r.completed.all()
    assert sizes[-1] == 5
    assert np.all(r.batch >= 0) and set(r.position) == set(range(10))


def test_gate_rejects_items():
    n = 30
    r = simulate_line([unit("a", n, 1, is_gate=True), unit("b", n, 1)], np.arange(n) * 2.0, np.random.default_rng(0),
                      inspect=lambda k, i, attempt: SCRAP if i % 3 == 0 else PASS)
    assert (r.scrap_code == SCRAP_GATE).sum() == 10
    assert not r.completed[::3].any() and r.completed[1::3].all()


def test_finite_buffer_blocks_upstream():
    """A 1-slot buffer before a slow station makes the fast upstream machine wait (blocking)."""
    n = 20
    free = simulate_line([unit("a", n, 10), unit("b", n, 100)], np.zeros(n), np.random.default_rng(0))
    blocked = simulate_line([unit("a", n, 10), unit("b", n, 100, buffer=1)], np.zeros(n), np.random.default_rng(0))
    assert free.makespan == pytest.approx(blocked.makespan)  # the bottleneck sets the pace either way
    assert blocked.exit[:, 0].max() > 5 * free.exit[:, 0].max()  # but station a stays occupied


def test_same_seed_same_event_trace():
    def run():
        rng = np.random.default_rng(42)
        n = 300
        s = [StationSpec("a", "unit", 1, rng.exponential(30, n)), StationSpec("f", "furnace", 2, load_capacity=12, load_timeout=900.0),
             StationSpec("b", "unit", 2, rng.exponential(50, n), mtbf=3600.0, repair_times=lambda r: r.exponential(600))]
        return simulate_line(s, np.cumsum(rng.exponential(40, n)), rng, on_batch=lambda k, ids, b: 1800.0)

    a, b = run(), run()
    for f in ("enter", "start", "exit", "batch", "position", "scrap_code"):
        np.testing.assert_array_equal(getattr(a, f), getattr(b, f))


def test_exposure_clock_counts_waiting_in_each_atmosphere():
    n = 3
    s = [unit("fire", n, 10), unit("wait", n, 100), unit("dry", n, 50), unit("li", n, 5)]
    r = simulate_line(s, np.zeros(n), np.random.default_rng(0))
    clocks = exposure_times(r, ["ambient", "ambient", "dry_room", "dry_room"], 0, 3)
    total = clocks["ambient"] + clocks["dry_room"]
    np.testing.assert_allclose(total, r.start[:, 3] - r.exit[:, 0])
    assert (clocks["ambient"] >= 100).all()


@settings(max_examples=25, deadline=None)
@given(t_a=st.floats(5, 100), t_b=st.floats(5, 100), m=st.integers(1, 3))
def test_throughput_bounded_by_bottleneck(t_a, t_b, m):
    """Completion rate never beats the slowest station's capacity machines/time."""
    n = 60
    r = simulate_line([unit("a", n, t_a), unit("b", n, t_b, machines=m)], np.zeros(n), np.random.default_rng(0))
    cap = min(1 / t_a, m / t_b)
    assert n / r.makespan <= cap * (1 + 1e-9)


def test_rework_loop_sends_items_back_once():
    """Items failing the gate on their first attempt go back to station 0, then pass."""
    n = 12
    s = [unit("fire", n, 100), unit("gate", n, 10, is_gate=True, rework_to=0), unit("out", n, 1)]
    r = simulate_line(s, np.zeros(n), np.random.default_rng(0),
                      inspect=lambda k, i, attempt: REWORK if (i % 2 == 0 and attempt == 0) else PASS)
    assert r.completed.all()
    np.testing.assert_array_equal(r.visits[:, 0], np.where(np.arange(n) % 2 == 0, 2, 1))
    assert r.reworked.sum() == 6
    assert r.busy_time[0] == pytest.approx(100 * 18)


def test_breakdown_rework_policy_keeps_items():
    n = 400
    s = [unit("a", n, 50, mtbf=1800.0, repair_times=lambda r: 300.0, on_failure="rework")]
    r = simulate_line(s, np.arange(n) * 60.0, np.random.default_rng(3))
    assert r.completed.all() and r.down_time[0] > 0
    assert r.busy_time[0] > 50 * n  # interrupted work is done again


def test_setup_time_on_family_change():
    """A changeover when the lot changes: 3 lots of 4 items -> 3 setups."""
    n = 12
    fam = np.arange(n) // 4
    r = simulate_line([unit("a", n, 10, setup_time=100.0, families=fam)], np.zeros(n), np.random.default_rng(0))
    assert r.setup_time[0] == pytest.approx(300.0)
    assert r.makespan == pytest.approx(10 * n + 300.0)


def test_planned_downtime_stops_machines_non_preemptively():
    """Shift pattern: every 1000 s the machine stops 200 s, after finishing its item."""
    n = 100
    r = simulate_line([unit("a", n, 30, downtime_period=1000.0, downtime_duration=200.0)], np.zeros(n), np.random.default_rng(0))
    assert r.completed.all()
    assert r.planned_down_time[0] >= 200.0 * 3
    # 3000 s of work takes ~ 3000 / 0.8 s with 20 % downtime
    assert r.makespan == pytest.approx(3000 / 0.8, rel=0.05)
