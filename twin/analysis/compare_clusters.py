"""Cells that share their scatter: design effects and effective sample sizes for ``twin compare``'s tests.

Cells are not independent samples. The sheets of one tape lot share its
slurry (thickness), the sheets of one furnace load share its firing
(density, grain size, Li loss), the unit layers of one stacked cell share
its fate (a cell that shorts loses every layer with one mode), and in a
study over parameter draws the cells of one draw share its parameters. A
test that counts every cell as an independent sample then gives p-values far
too small: two seeds of the same twin at 200 cells x 2 replicates were
flagged in half the tries before this correction.

The correction is Kish's **design effect** of cluster sampling,

    deff = 1 + (m - 1) rho,       n_eff = n / deff,

with ``m = sum(n_i^2) / n`` the size-weighted mean cluster size and ``rho``
the intraclass correlation, taken from the data themselves by one-way
analysis of variance (unequal cluster sizes; Donner 1986, Int. Stat. Rev.
54, 67) as its one-sided upper confidence limit at :data:`UPPER` (90 %;
Searle 1971), not its point estimate: a small line has few furnace loads or
tape lots, its point estimate of ``rho`` is then often near 0 by chance, and
the limit keeps the test honest about how little a few clusters tell (with
many clusters the limit is close to the estimate). It is computed for
each way of grouping the cells the data allow (:data:`GROUPINGS`: tape lot,
furnace load, stacked cell; the parameter draw on the twin's side) and the
largest is used: the grouping that ties the cells together most decides how
many independent samples there are. A continuous variable's correlation is
taken on its ranks (the KS test is a rank test, and ASRs and times are
skewed); a loss on its 0/1 indicator. Labels are combined with the
replicate (twin) or ``lot`` (line), since furnace loads and tape lots are
numbered per replicate; ``-1`` (no tape lot on a route without casting, no
furnace) makes a cell its own cluster. ``lot`` alone is not a grouping: a
handful of lots gives an intraclass correlation too noisy to act on.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import xarray as xr

__all__ = ["GROUPINGS", "UPPER", "intraclass_correlation", "design_effect", "twin_groupings", "line_groupings", "real_items"]

#: per-cell genealogy variables whose cells share process scatter
GROUPINGS = ("tape_lot", "furnace_batch", "stacked_cell_index")
#: level of the one-sided upper confidence limit of the intraclass correlation a design effect uses
UPPER = 0.9


def intraclass_correlation(values: np.ndarray, labels: np.ndarray, upper: float | None = None) -> float:
    """Intraclass correlation [-] of ``values`` in clusters ``labels``, clipped to [0, 1].

    The ANOVA point estimate, or with ``upper`` (e.g. 0.9) its one-sided upper
    confidence limit at that level (Searle 1971, one-way random effects with
    the unbalanced mean cluster size ``n0``): with few clusters the estimate
    says little, and the limit then assumes the clusters may matter. 0 when it
    cannot be estimated (fewer than two clusters, or no cluster with two members).
    """
    from scipy.stats import f as fisher_f

    y = np.asarray(values, float)
    codes, sizes = np.unique(labels, return_inverse=True, return_counts=True)[1:]
    n, g = y.size, sizes.size
    if g < 2 or n - g < 1:
        return 0.0
    means = np.bincount(codes, weights=y, minlength=g) / sizes
    msb = float(np.sum(sizes * (means - y.mean()) ** 2)) / (g - 1)
    msw = float(np.sum((y - means[codes]) ** 2)) / (n - g)
    n0 = (n - float(np.sum(sizes.astype(float) ** 2)) / n) / (g - 1)
    if msb <= 0.0:
        return 0.0
    if msw <= 0.0:
        return 1.0
    ratio = msb / msw
    if upper is not None:
        ratio /= float(fisher_f.ppf(1.0 - upper, g - 1, n - g))
    return float(np.clip((ratio - 1.0) / (ratio - 1.0 + n0), 0.0, 1.0))


def design_effect(values: np.ndarray, groupings: dict[str, np.ndarray], ranks: bool = True) -> float:
    """Kish's design effect [-], >= 1: the largest over ``groupings`` (name -> cluster label per value)."""
    y = np.asarray(values, float)
    if y.size < 2 or not groupings:
        return 1.0
    if ranks:
        y = pd.Series(y).rank(method="average").to_numpy()
    best = 1.0
    for labels in groupings.values():
        sizes = np.unique(labels, return_counts=True)[1].astype(float)
        m = float(np.sum(sizes ** 2)) / y.size
        best = max(best, 1.0 + (m - 1.0) * intraclass_correlation(y, labels, upper=UPPER))
    return best


def _labels(prefix: np.ndarray, ids: np.ndarray) -> np.ndarray:
    """Cluster codes of (prefix, id); every id < 0 (no such cluster) becomes a cluster of its own."""
    ids = np.asarray(ids)
    own = ids.astype(float) < 0 if ids.dtype.kind in "iuf" else np.zeros(ids.size, bool)
    frame = pd.DataFrame({"p": prefix, "i": ids})
    codes = frame.groupby(["p", "i"], sort=False, dropna=False).ngroup().to_numpy().copy()
    codes[own] = codes.max(initial=-1) + 1 + np.arange(int(own.sum()))
    return codes


def real_items(ds: xr.Dataset) -> np.ndarray:
    """Mask (point, replicate, cell) of the items a replicate released (a swept layer count pads the others).

    Every item, where ``ds`` has no ``cells_released``.
    """
    n = ds.sizes["cell"]
    if "cells_released" not in ds:
        return np.ones((ds.sizes["point"], ds.sizes["replicate"], n), dtype=bool)
    released = np.asarray(ds["cells_released"].values, float)[..., None]
    return np.arange(n)[None, None, :] < released


def twin_groupings(ds: xr.Dataset) -> dict[str, np.ndarray]:
    """Grouping name -> cluster label of every (point, replicate, cell) of ``ds``, flattened in that order."""
    p, r, c = (ds.sizes[d] for d in ("point", "replicate", "cell"))
    point = np.repeat(np.arange(p), r * c)
    prefix = point * r + np.tile(np.repeat(np.arange(r), c), p)
    out = {g: _labels(prefix, np.asarray(ds[g].values).ravel()) for g in GROUPINGS if g in ds}
    if p > 1:  # positions on `point` are the parameter draws of one sweep point
        out["draw"] = point
    return out


def line_groupings(line: pd.DataFrame) -> dict[str, np.ndarray]:
    """Grouping name -> cluster label of every row of line data (the groupings its columns allow)."""
    prefix = line["lot"].astype(str).to_numpy() if "lot" in line else np.zeros(len(line), dtype=object)
    return {g: _labels(prefix, line[g].to_numpy()) for g in GROUPINGS if g in line}
