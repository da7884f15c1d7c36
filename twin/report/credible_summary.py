"""Terminal summary of a study run over parameter draws: each answer with its credible interval.

One column per sweep point; each row an answer as ``median [low - high]``
over the draws (:func:`twin.analysis.uncertainty.credible_intervals`), then
the parameters' and the process scatter's shares of the variance of the
yield (:func:`twin.analysis.uncertainty.variance_shares`).
"""

from __future__ import annotations

import xarray as xr
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ..analysis.uncertainty import credible_intervals, credible_level, uncertain_parameters, variance_shares

__all__ = ["ANSWERS", "available", "credible_rows", "print_credible_summary", "credible_html"]

#: variable -> (row title, statistic over replicates/good cells, factor from SI, unit shown)
ANSWERS = {
    "yield": ("yield", "median", 100.0, "%"),
    "throughput": ("good cells per hour", "mean", 3600.0, "1/h"),
    "discharge_capacity": ("median capacity", "median", 1 / 36.0 / 1000.0, "mAh/cm2"),
    "specific_energy": ("median spec. energy", "median", 1 / 3600.0, "Wh/kg"),
    "energy_density": ("median energy dens.", "median", 1 / 3.6e6, "Wh/L"),
    "cell_asr": ("median cell ASR", "median", 1e4, "ohm cm2"),
    "shorted": ("shorted under the duty", "mean", 100.0, "%"),
    "cost_per_kwh": ("cost per kWh (line)", "mean", 1.0, "USD"),
    "plant_cost_per_kwh": ("cost per kWh (plant)", "mean", 1.0, "USD"),
}


def credible_rows(ds: xr.Dataset) -> dict[str, list[tuple[float, float, float]]]:
    """Answer -> per sweep point (median, low, high) in display units, plus ``"_points"``: the sweep settings."""
    out: dict = {}
    for var, (_, stat, f, _) in ANSWERS.items():
        if not available(ds, var):
            continue
        t = credible_intervals(ds, var, stat)
        out[var] = [(r["median"] * f, r["low"] * f, r["high"] * f) for _, r in t.iterrows()]
        out["_points"] = [{k: r[k] for k in t.columns if k not in ("median", "low", "high", "draws")} for _, r in t.iterrows()]
    return out


def available(ds: xr.Dataset, var: str) -> bool:
    """Whether the Dataset can give ``var`` (an answer of :data:`ANSWERS`)."""
    return var == "yield" or (var == "shorted" and "short_mode" in ds) or var in ds.data_vars


def _cell(m: float, lo: float, hi: float) -> str:
    if m != m:  # NaN: too few draws (or no good cells) to estimate it
        return "n/a"
    return f"{m:.3g} [{lo:.3g}-{hi:.3g}]"


def _short(source: str) -> str:
    """``REGISTRY.set.field`` -> ``set.field`` (the registry is in the long form of the report)."""
    parts = source.split(".")
    return ".".join(parts[1:]) if len(parts) >= 3 else source


def credible_html(ds: xr.Dataset, max_points: int = 12) -> str:
    """The same table as HTML for the report page."""
    import html

    rows = credible_rows(ds)
    points = rows.pop("_points")[:max_points]
    level = credible_level(ds)
    head = "<tr><th></th>" + "".join(f"<th>{html.escape(', '.join(f'{k}={v:.4g}' for k, v in p.items()) or 'study')}</th>"
                                     for p in points) + "</tr>"
    body = "".join(f"<tr><th>{html.escape(ANSWERS[v][0])} [{html.escape(ANSWERS[v][3])}]</th>"
                   + "".join(f"<td>{html.escape(_cell(*c))}</td>" for c in vals[:max_points]) + "</tr>"
                   for v, vals in rows.items())
    return (f"<h2>Credible intervals</h2><p>Median [{100 * level:.0f} % credible interval] over "
            f"{int(ds.attrs.get('uncertainty_draws', 0))} parameter draws ({html.escape(str(ds.attrs.get('uncertainty_source', '')))}): "
            f"{html.escape(', '.join(str(ds.attrs.get('uncertainty_parameters', '')).split()))}.</p>"
            f"<table class='grid'>{head}{body}</table>")


def print_credible_summary(ds: xr.Dataset, console: Console | None = None, max_points: int = 6) -> None:
    console = console or Console()
    rows = credible_rows(ds)
    points = rows.pop("_points")[:max_points]
    level = credible_level(ds)
    t = Table(title=f"{ds.attrs.get('title', 'ssb-twin study')}: median [{100 * level:.0f} % credible interval] over "
                    f"{int(ds.attrs.get('uncertainty_draws', 0))} parameter draws ({ds.attrs.get('uncertainty_source', '')})")
    t.add_column("", no_wrap=True)
    for i, p in enumerate(points):
        t.add_column(escape(", ".join(f"{k}={v:.4g}" for k, v in p.items()) or "all"), justify="right")
    for var, vals in rows.items():
        title, _, _, unit = ANSWERS[var]
        t.add_row(escape(f"{title} [{unit}]"), *[_cell(*v) for v in vals[:max_points]])
    shares = variance_shares(ds, "yield")
    n_sources = len(uncertain_parameters(ds)) + 2
    for j in range(n_sources):
        sub = shares.iloc[j::n_sources].head(max_points)
        src = _short(str(sub["source"].iloc[0]))
        t.add_row(escape(f"yield variance: {src}"), *[_cell(100 * r["share"], 100 * r["low"], 100 * r["high"]) + " %"
                                                          for _, r in sub.iterrows()])
    console.print(t)
