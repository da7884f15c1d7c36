"""Figures of ``twin compare``: loss shares with the line's intervals, and each variable's two distributions.

Each function takes a :class:`twin.analysis.compare.Comparison` and returns a
matplotlib figure; values are shown in display units (%, µm, Ω cm², ...).
Flagged rows and variables are drawn in the limit colour.
"""

from __future__ import annotations

import numpy as np

from ..analysis.compare import GATE_NAMES, Comparison
from ..analysis.compare_distributions import QUANTILES
from ..analysis.display import unit_for
from .plotting import GOOD, LIMIT, LOST, _plt, _wrap, fmt

__all__ = ["fig_loss_shares", "fig_distribution", "figure_names"]


def _loss_label(r) -> str:
    if r["level"] == "failure mode":
        return f"{r['name']} ({GATE_NAMES.get(r['gate'], r['gate'])})"
    if r["level"] == "gate":
        return f"{GATE_NAMES.get(r['name'], r['name'])}: all modes"
    return "all losses"


def fig_loss_shares(cmp: Comparison):
    """Share of cells lost per failure mode, gate and overall: twin bars, line bars with their interval."""
    t = cmp.losses
    plt = _plt()
    fig, ax = plt.subplots(figsize=(10, 1.4 + 0.55 * max(len(t), 1)))
    y = np.arange(len(t))[::-1]
    err = np.clip(np.vstack([t["line_share"] - t["line_low"], t["line_high"] - t["line_share"]]) * 100, 0.0, None)
    ax.barh(y + 0.2, t["twin_share"] * 100, height=0.38, color=GOOD, label="twin")
    ax.barh(y - 0.2, t["line_share"] * 100, height=0.38, color=LOST, xerr=err, capsize=3,
            error_kw={"ecolor": "0.2", "lw": 1}, label=f"line (bar: {100 * t.attrs.get('level', 0.95):.0f} % interval)")
    ax.set_yticks(y, [_loss_label(r) for _, r in t.iterrows()])
    for tick, (_, r) in zip(ax.get_yticklabels(), t.iterrows()):
        if r["flagged"]:
            tick.set_color(LIMIT)
            tick.set_fontweight("bold")
    ax.set_xlabel("share of cells made that are lost [%]")
    n_flag = int(t["flagged"].sum())
    ax.set_title(f"where cells are lost: twin vs line ({n_flag} flagged, in red)" if n_flag else
                 "where cells are lost: twin vs line (nothing flagged)", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def _ecdf(ax, values: np.ndarray, colour: str, text: str) -> None:
    v = np.sort(values)
    ax.step(v, np.arange(1, v.size + 1) / v.size, where="post", color=colour, lw=1.6, label=f"{text} ({v.size} cells)")
    ax.plot(np.quantile(v, QUANTILES), QUANTILES, "o", color=colour, ms=5, mec="white", mew=0.8)


def fig_distribution(cmp: Comparison, name: str):
    """Overlaid empirical CDFs of one variable, twin and line, with their 5/25/50/75/95 % quantiles."""
    row = cmp.distributions.set_index("variable").loc[name]
    u = unit_for(name, row["units"])
    twin, line = (u(v) for v in cmp.samples[name])
    plt = _plt()
    fig, ax = plt.subplots(figsize=(7, 4.2))
    _ecdf(ax, twin, GOOD, "twin")
    _ecdf(ax, line, LOST, "line")
    both = np.concatenate([twin, line])
    if both.min() > 0 and both.max() / both.min() > 30:
        ax.set_xscale("log")
    ax.set_xlabel(_wrap(f"{name.replace('_', ' ')} [{u.symbol}]" if u.symbol else name.replace("_", " ")))
    ax.set_ylabel("fraction of cells at or below")
    ax.set_yticks(QUANTILES, [f"{100 * q:g} %" for q in QUANTILES])
    ax.set_ylim(0, 1.02)
    ratio = "" if not np.isfinite(row["spread_ratio"]) else f", IQR ratio {fmt(row['spread_ratio'])}"
    verdict = "FLAGGED: " if row["flagged"] else ""
    ax.set_title(f"{verdict}median shift {row['median_shift']:+.2f} line IQR{ratio}, KS p = {row['ks_p']:.2g}",
                 fontsize=10, color=LIMIT if row["flagged"] else "black")
    ax.legend(fontsize=8, loc="lower right")
    ax.grid(alpha=0.3)
    fig.tight_layout()
    return fig


def figure_names(cmp: Comparison) -> dict[str, tuple]:
    """File stem -> (function, arguments) of every figure of a comparison (losses first, then flagged variables)."""
    out = {} if cmp.losses.empty else {"loss_shares": (fig_loss_shares, (cmp,))}
    order = cmp.distributions.sort_values("flagged", ascending=False, kind="stable")["variable"]
    for name in order:
        out[f"distribution_{name}"] = (fig_distribution, (cmp, name))
    return out
