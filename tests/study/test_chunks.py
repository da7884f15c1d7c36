"""Chunk planning: the chunks tile the study exactly once, on a regular grid, within the size rules."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twin.study.plan import ChunkPlan, plan_chunks, replicate_cost


@settings(max_examples=200, deadline=None)
@given(P=st.integers(1, 40), R=st.integers(1, 60), cells=st.integers(1, 5000), workers=st.integers(1, 64),
       k=st.none() | st.integers(1, 500))
def test_chunks_tile_every_key_exactly_once(P, R, cells, workers, k):
    plan = plan_chunks(P, R, cells, workers, keys_per_chunk=k)
    seen = [key for c in plan.chunks for key in c.keys]
    assert sorted(seen) == [(p, r) for p in range(P) for r in range(R)]
    assert len(seen) == len(set(seen))
    assert [c.index for c in plan.chunks] == list(range(len(plan)))
    for c in plan.chunks:
        # a block of one point's replicates, or of whole points
        assert c.p1 - c.p0 == 1 or (c.r0, c.r1) == (0, R)
        # on the regular grid: the zarr chunk of the block is the block
        assert c.p0 % plan.point_block == 0 and c.r0 % plan.replicate_block == 0
        assert c.p1 - c.p0 <= plan.point_block and c.r1 - c.r0 <= plan.replicate_block


def test_chunk_size_rules():
    cells = 400
    c = replicate_cost(cells)
    # big study: ~4 chunks per worker unless that breaks the per-chunk ceilings
    plan = plan_chunks(1, 2000, cells, workers=8)
    assert plan.replicate_block * cells <= 20_000
    assert plan.replicate_block * c <= 10.0
    assert len(plan) >= 8 * 2
    # small replicates are batched so a chunk carries at least ~0.2 s of work
    plan = plan_chunks(1, 10_000, 10, workers=2)
    assert plan.replicate_block * replicate_cost(10) >= 0.2 - 1e-9
    # tiny study: never more chunks than keys, never empty chunks
    plan = plan_chunks(1, 3, 10, workers=64)
    assert 1 <= len(plan) <= 3


def test_chunks_span_points_when_replicates_are_few():
    plan = plan_chunks(64, 2, 50, workers=2, keys_per_chunk=16)
    assert plan.replicate_block == 2 and plan.point_block == 8
    assert len(plan) == 8


def test_forced_chunk_size_avoids_a_runt_chunk():
    plan = plan_chunks(1, 10, 100, keys_per_chunk=9)  # not 9 + 1: two chunks of 5
    assert plan.replicate_block == 5 and len(plan) == 2
    plan = plan_chunks(1, 10, 100, keys_per_chunk=4)
    assert [c.n_keys for c in plan] == [4, 4, 2]


def test_plan_round_trip_and_validation():
    plan = plan_chunks(3, 7, 100, 2, keys_per_chunk=3)
    assert ChunkPlan.from_dict(plan.to_dict()) == plan
    with pytest.raises(ValueError):
        ChunkPlan(3, 7, 2, 3)  # several points need all their replicates
    with pytest.raises(ValueError):
        ChunkPlan(3, 7, 1, 8)
