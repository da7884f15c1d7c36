"""Posterior-predictive check: the data next to what the calibrated model predicts for them.

For each data entry, the model is run with posterior draws (at most
:data:`MAX_DRAWS`; ABC draws by weight) and the median and the 90 % band
(5th to 95th percentile) of its predictions are set against the data: the
rows of a measurement file at their conditions, or the summary statistics
of line data. The band is the parameters' uncertainty, without the
measurement error. :func:`figure_png` draws one entry as a PNG (matplotlib,
Agg backend).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from ..data import CONDITIONS
from .abc_smc import simulation_seed
from .likelihood import BOUNDS_ABOVE, BOUNDS_BELOW, LogPosterior, Observed
from .line_observation import SUMMARIES, LineObservation, Simulator

__all__ = ["Predictive", "posterior_predictive", "figure_png", "MAX_DRAWS", "MAX_LINE_DRAWS"]

#: posterior draws the predictions of measured rows are made with
MAX_DRAWS = 200
#: posterior draws simulated for line data (each a replicate of the line)
MAX_LINE_DRAWS = 50
#: generation index of the posterior-predictive simulations in :func:`simulation_seed`
PPC_GENERATION = 1_000_000


@dataclass
class Predictive:
    """Data and predictions of one data entry.

    ``labels`` name the rows (quantity, or the summary statistic); ``x`` is
    the plotted condition [SI] (NaN: plot by row); ``display`` converts SI
    to the data's reported unit (``unit_label``).
    """

    label: str
    labels: list[str]
    units: list[str]
    x: np.ndarray
    x_name: str
    observed: np.ndarray
    sigma: np.ndarray
    relation: np.ndarray
    draws: np.ndarray  # (draws, rows)
    display: np.ndarray
    unit_label: str

    @property
    def median(self) -> np.ndarray:
        return np.nanmedian(self.draws, axis=0)

    def band(self) -> tuple[np.ndarray, np.ndarray]:
        """(5th, 95th) percentile of the predictions [SI]."""
        return np.nanquantile(self.draws, 0.05, axis=0), np.nanquantile(self.draws, 0.95, axis=0)


def _draws(theta, weights, n: int, seed: int) -> np.ndarray:
    """At most ``n`` posterior draws: by weight (ABC) or spread over the samples (MCMC)."""
    rng = np.random.default_rng([seed, 3])
    if weights is not None:
        return theta[rng.choice(len(theta), size=n, p=weights / weights.sum())]
    return theta[rng.choice(len(theta), size=min(n, len(theta)), replace=False)]


def _measured(e: Observed, preds: np.ndarray) -> Predictive:
    rows = e.rows
    x_name = e.model.x or ""
    x = rows[x_name].to_numpy(dtype=float) if x_name in rows else np.full(len(rows), np.nan)
    with np.errstate(all="ignore"):
        display = np.where(e.value != 0, rows["value"].to_numpy(dtype=float) / e.value, 1.0)
    units = rows["si_unit"].astype(str).tolist() if "si_unit" in rows else ["1"] * len(rows)
    reported = rows["unit"].astype(str).tolist() if "unit" in rows else units
    return Predictive(e.label, rows["quantity"].astype(str).tolist(), units, x, x_name, e.value, e.sigma,
                      e.relation, preds, display, ", ".join(dict.fromkeys(reported)))


def _line(e: LineObservation, sims: np.ndarray) -> Predictive:
    units = [e.unit, e.unit, "1"]
    return Predictive(e.label, [f"{e.variable} {s}" if s != "fraction_passing" else s for s in SUMMARIES], units,
                      np.full(3, np.nan), "", e.observed, np.full(3, np.nan), np.full(3, "eq"), sims,
                      np.ones(3), f"{e.unit} (fraction passing: 1)")


def posterior_predictive(space, entries: list, theta, weights, seed: int, pool) -> list[Predictive]:
    """Predictions of every entry with posterior draws (see the module docstring)."""
    theta = np.asarray(theta, dtype=float)
    measured = [e for e in entries if isinstance(e, Observed)]
    post = LogPosterior(space, measured)
    out = {}
    if measured:
        draws = _draws(theta, weights, MAX_DRAWS, seed)
        preds = [post.predictions(t) for t in draws]
        for k, e in enumerate(measured):
            out[id(e)] = _measured(e, np.array([p[k] for p in preds]))
    lines = [e for e in entries if isinstance(e, LineObservation)]
    if lines:
        draws = _draws(theta, weights, MAX_LINE_DRAWS, seed + 1)
        sim = Simulator(space, lines)
        res = np.array(pool.map(sim, [(t, simulation_seed(seed, PPC_GENERATION, i)) for i, t in enumerate(draws)]))
        for k, e in enumerate(lines):
            out[id(e)] = _line(e, res[:, 3 * k:3 * k + 3])
    return [out[id(e)] for e in entries]


def _plt():
    import matplotlib

    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def _data_points(ax, xs, p: Predictive, idx, si: bool = False) -> None:
    """The data of rows ``idx`` at ``xs``: points with their error, triangles for bounds (display units, or SI)."""
    d = np.ones(len(idx)) if si else p.display[idx]
    y = p.observed[idx] * d
    rel = p.relation[idx]
    point = ~np.isin(rel, BOUNDS_ABOVE + BOUNDS_BELOW)
    yerr = np.where(np.isfinite(p.sigma[idx]), p.sigma[idx] * np.abs(d), 0.0)
    ax.errorbar(xs[point], y[point], yerr=yerr[point], fmt="o", color="#e6550d", label="data")
    for bound, marker in ((BOUNDS_ABOVE, "^"), (BOUNDS_BELOW, "v")):
        m = np.isin(rel, bound)
        if m.any():
            ax.plot(xs[m], y[m], marker, color="#e6550d", label="data (bound)")


def _curve(ax, p: Predictive) -> None:
    """Rows of one quantity against a condition: the band and median as a curve through the rows."""
    order = np.argsort(p.x)
    lo, hi = p.band()
    d = p.display
    ax.fill_between(p.x[order], (lo * d)[order], (hi * d)[order], color="#9ecae1", alpha=0.6, label="model, 90 % band")
    ax.plot(p.x[order], (p.median * d)[order], "-", color="#2b8cbe", label="model, median")
    _data_points(ax, p.x, p, np.arange(len(p.x)))
    ax.set_xlabel(f"{p.x_name.replace('_', ' ')} [{_x_unit(p)}]")
    ax.set_ylabel(f"{p.labels[0].replace('_', ' ')} [{p.unit_label}]")
    ax.legend(fontsize=8)


def _panel(ax, p: Predictive, i: int) -> None:
    """One row (or line summary): the data point and the predicted median with its 90 % bar."""
    lo, hi = p.band()
    med = p.median[i]
    ax.errorbar([1.0], [med], yerr=[[med - lo[i]], [hi[i] - med]], fmt="s", color="#2b8cbe", capsize=6,
                label="model: median, 90 %")
    _data_points(ax, np.array([0.0]), p, np.array([i]), si=True)
    ax.set_xlim(-0.8, 1.8)
    ax.set_xticks([0.0, 1.0], ["data", "model"])
    ax.set_title(f"{p.labels[i].replace('_', ' ')} [{p.units[i]}]", fontsize=8)
    ax.tick_params(labelsize=7)


def figure_png(p: Predictive, title: str) -> bytes:
    """One entry's data (with error bars; triangles for bounds) against the predicted median and 90 % band.

    Rows of one quantity at distinct values of the model's condition are a
    curve against it (data in their reported unit); otherwise each row (or
    line summary statistic) is a panel of its own, in SI.
    """
    plt = _plt()
    curve = bool(np.all(np.isfinite(p.x))) and len(np.unique(p.x)) == len(p.x) > 1 and len(set(p.labels)) == 1
    if curve:
        fig, ax = plt.subplots(figsize=(6.0, 4.0), dpi=110)
        _curve(ax, p)
    else:
        n = len(p.observed)
        cols = min(n, 4)
        rows = -(-n // cols)
        fig, axes = plt.subplots(rows, cols, figsize=(2.2 * cols + 0.6, 2.6 * rows + 0.4), dpi=110, squeeze=False)
        for i, ax in enumerate(axes.flat):
            if i < n:
                _panel(ax, p, i)
            else:
                ax.set_axis_off()
        axes.flat[0].legend(fontsize=7)
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return buf.getvalue()


def _x_unit(p: Predictive) -> str:
    spec = CONDITIONS.get(p.x_name)
    return spec.si_unit if spec is not None else "SI"
