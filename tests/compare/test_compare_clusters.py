"""Cells that share their scatter (twin.analysis.compare_clusters): design effects by hand, and what they do to
`twin compare` on real runs: independent samples of one process are not flagged, stacked cells count once."""

import numpy as np
import pandas as pd
import pytest

from twin.analysis.compare import compare, findings
from twin.analysis.compare_clusters import UPPER, design_effect, intraclass_correlation, line_groupings
from twin.analysis.compare_losses import wilson_interval
from twin.analysis.line_export import as_line_data
from twin.scenario import scenario_from_text
from twin.study.work import simulate_study

from ..conftest import SCENARIOS, shrink


def test_icc_of_values_constant_within_clusters_is_one_and_of_scatter_within_them_zero():
    labels = np.repeat(np.arange(10), 8)
    assert intraclass_correlation(np.repeat(np.arange(10.0), 8), labels) == 1.0
    assert intraclass_correlation(np.tile(np.arange(8.0), 10), labels) == 0.0  # every cluster the same spread
    assert intraclass_correlation(np.arange(5.0), np.arange(5)) == 0.0  # singletons: not estimable


def test_icc_point_estimate_by_hand_and_its_upper_limit_above_it():
    """Two clusters (0, 2) and (4, 6): MSB = 16, MSW = 2, n0 = 2 -> rho = (16 - 2) / (16 + 2) = 7/9."""
    y, lab = np.array([0.0, 2.0, 4.0, 6.0]), np.array([0, 0, 1, 1])
    assert intraclass_correlation(y, lab) == pytest.approx(7 / 9)
    assert intraclass_correlation(y, lab, upper=UPPER) > 7 / 9


def test_design_effect_of_perfect_clusters_is_the_cluster_size_and_of_independent_cells_about_one():
    rng = np.random.default_rng(3)
    labels = {"furnace_batch": np.repeat(np.arange(50), 20)}
    loads = np.repeat(rng.normal(size=50), 20)
    assert design_effect(loads, labels) == pytest.approx(20.0)
    assert design_effect(rng.normal(size=1000), labels) < 2.0
    assert design_effect(rng.normal(size=1000), {}) == 1.0


def test_wilson_interval_holds_the_share_at_zero_and_at_all():
    for n in (1, 7, 1000, 19_999):
        lo, hi = wilson_interval(0, n)
        assert lo == 0.0 and hi > 0
        lo, hi = wilson_interval(n, n)
        assert hi == 1.0 and lo < 1
    lo, hi = wilson_interval(2.5, 40.0)  # effective counts
    assert lo < 2.5 / 40 < hi


def test_line_groupings_take_the_lot_and_a_missing_cluster_is_a_cluster_of_its_own():
    line = pd.DataFrame({"lot": ["A", "A", "B", "B", "B"], "furnace_batch": [1, 1, 1, -1, -1]})
    g = line_groupings(line)["furnace_batch"]
    assert g[0] == g[1] and g[2] != g[0] and len({g[2], g[3], g[4]}) == 3


def _run(name: str, seed: int, cells: int, replicates: int):
    text = shrink((SCENARIOS / f"{name}.yaml").read_text(), cells=cells, replicates=replicates)
    import re

    return simulate_study(scenario_from_text(re.sub(r"(?m)^seed: .*", f"seed: {seed}", text)))


def _as_read(ds, point, tmp_path):
    from twin.data import read_line_data

    p = tmp_path / f"line{point}.csv"
    as_line_data(ds, point=point).to_csv(p, index=False)
    return read_line_data(p)


def test_independent_seeds_of_the_baseline_are_not_flagged(tmp_path):
    """Before the design effect, 5 of 10 seeds of a 200-cell x 2-replicate baseline were flagged (cells of one
    furnace load or tape lot counted as independent); with it none of six is (the materiality rules unchanged)."""
    twin = _run("baseline", 20261122, 200, 2)
    flagged = [s for s in range(1, 7) if len(findings(compare(twin, _as_read(_run("baseline", 1000 + s, 200, 2), 0,
                                                                                 tmp_path))))]
    assert flagged == []
    d = compare(twin, _as_read(_run("baseline", 1001, 200, 2), 0, tmp_path)).distributions.set_index("variable")
    assert d.loc["electrolyte_relative_density", "twin_deff"] > 5, "fired sheets share their furnace load"
    assert d.loc["cell_asr", "twin_deff"] < 3, "the cell ASR is set by each cell's own cathode interface"


def test_the_layers_of_a_stacked_cell_count_as_one_sample_of_its_losses(tmp_path):
    """layer_test, 20 layers, 675 degC: layers of a failed stack are lost together, so the design effect of the
    losses is at least about the layer count (more where a furnace load or tape lot ties more layers together),
    and two seeds are not flagged; the same twin against the line at 725 degC
    (four times the share of layers above the ASR limit) is flagged."""
    twin = _run("layer_test", 4242, 40, 2)
    same = compare(twin, _as_read(_run("layer_test", 7, 40, 2), 24, tmp_path), 24)
    row = same.losses.set_index("name").loc["all losses"]
    assert row["twin_deff"] > 10 and row["line_deff"] > 10
    assert not same.losses["flagged"].any()
    hotter = compare(twin, _as_read(twin, 26, tmp_path), 24)
    assert hotter.losses.set_index("name").loc["all losses", "flagged"]


def test_a_layer_sweep_exports_only_the_items_each_point_released(tmp_path):
    """layer_test sweeps 1 to 20 layers: the cell axis holds 20 x cells items, padded at points of fewer layers.
    The export keeps the released ones, and the comparison of a point with its own export reads it."""
    ds = _run("layer_test", 4242, 10, 1)
    line = as_line_data(ds, point=0)
    assert ds.sizes["cell"] == 200 and len(line) == int(ds["cells_released"].isel(point=0).sum()) == 10
    assert not compare(ds, _as_read(ds, 0, tmp_path), 0).flagged
