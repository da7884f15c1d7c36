"""``twin report``: figures (PNG) and one self-contained HTML page for a results Dataset.

:func:`make_report` writes every figure that applies to the study
(:mod:`twin.report.figures`) into the output folder as a PNG file, and an
``index.html`` that embeds each PNG as a base64 data URI (the page opens on
its own, e.g. as an e-mail attachment) and links the PNG file next to it.
Figures that do not apply are listed on the page with the reason. Every text
that comes from the results file is HTML-escaped.
"""

from __future__ import annotations

import base64
import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import xarray as xr

from .. import analysis  # noqa: F401  (registers ds.twin)
from ..analysis.display import label, to_display
from ..analysis.uncertainty import has_draws
from ..errors import ReportError
from .credible_summary import credible_html
from .figures import FIGURES, coord_values, fig_process_window, fmt, png_bytes, window_pairs
from .plotting import finite_mean

__all__ = ["make_report", "Report", "FigureEntry", "REQUIRED_VARS", "check_results", "open_for_report"]

#: variables a Dataset must have for a report
REQUIRED_VARS = ("failure_mode", "passed", "cells_released", "good_cells", "scrapped", "utilisation", "yield")

@dataclass
class FigureEntry:
    """One figure of the report."""

    name: str  #: file name stem
    title: str
    caption: str
    path: Path | None = None


@dataclass
class Report:
    """What :func:`make_report` wrote."""

    html: Path
    figures: list[FigureEntry] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  #: figure -> why it does not apply


# --------------------------------------------------------------------------- input


#: most cells (point x replicate x cell) a report reads; larger studies are summarised with xarray directly
MAX_REPORT_CELLS = 5_000_000


def check_results(ds: xr.Dataset) -> None:
    """Raise :class:`ReportError` unless ``ds`` looks like an ssb-twin results Dataset of a size a report can read."""
    missing = [v for v in REQUIRED_VARS if v not in ds.variables]
    if missing:
        raise ReportError(f"not an ssb-twin results file: no variable(s) {', '.join(missing)}")
    for d in ("point", "replicate", "cell"):
        if d not in ds.dims:
            raise ReportError(f"not an ssb-twin results file: no dimension {d!r}")
    cells = ds.sizes["point"] * ds.sizes["replicate"] * ds.sizes["cell"]
    if cells > MAX_REPORT_CELLS or ds.sizes.get("station", 0) > 1000 or ds.sizes.get("gate", 0) > 1000:
        raise ReportError(f"too large for a report: {cells:,} cells ({dict(ds.sizes)}); a report reads at most "
                          f"{MAX_REPORT_CELLS:,} cells: report a subset, e.g. ds.isel(replicate=slice(0, 10)) written "
                          "to a new file, or summarise it with ds.twin directly")


def open_for_report(path: str | Path) -> xr.Dataset:
    """Open a results file (netCDF) or store (zarr folder); :class:`ReportError` with a clear message if it is not one."""
    path = Path(path)
    if not path.exists():
        raise ReportError("no such file or folder")
    try:
        ds = xr.open_zarr(path) if path.is_dir() else xr.open_dataset(path)
    except Exception as exc:  # noqa: BLE001 - any reader error means "not a results file"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"cannot read it as a results file (netCDF-4 file or zarr store): {first[:200]}") from None
    check_results(ds)
    return ds


# --------------------------------------------------------------------------- page


def _summary_html(ds: xr.Dataset) -> str:
    t = ds.twin
    rows = [("final yield", f"{100 * float(t.final_yield()):.1f} %"),
            ("first-pass yield", f"{100 * float(t.final_yield(first_pass=True)):.1f} %")]
    if "throughput" in ds:
        rows.append(("good cells out", f"{3600 * float(ds['throughput'].mean()):.2f} per hour"))
    st = t.stations()
    rows.append(("bottleneck", str(st.station.values[int(np.argmax(st.bottleneck.values))])))
    med = t.reduce("cell_asr", "median", cells="passed")
    rows.append(("median cell ASR (good cells)", f"{fmt(float(to_display(med, 'cell_asr')))} Ω cm²"))
    for var in ("specific_energy", "energy_density"):
        if var in ds:
            m = to_display(t.reduce(var, "median", cells="passed"), var)
            rows.append((f"median {var.replace('_', ' ')} (good cells)", f"{fmt(float(m))} {m.attrs['units']}"))
    if "cost_per_good_cell" in ds:
        c = t.cost_breakdown()
        rows.append(("cost per good cell", f"{fmt(float(c.total))} USD"))
    if "cost_per_kwh" in ds:
        rows.append(("cost per kWh (mean over runs)", f"{fmt(finite_mean(ds['cost_per_kwh'].values))} USD/kWh"))
    w = t.waterfall()
    top = w.lost_by_mode.to_series().sort_values(ascending=False)
    top = top[top > 0][:3]
    if top.size:
        rows.append(("main losses", ", ".join(f"{m} ({100 * v / float(w.released):.1f} %)" for m, v in top.items())))
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table class='kv'>{body}</table>"


def _points_html(ds: xr.Dataset, max_points: int = 60) -> str:
    t = ds.twin
    coords = t.sweep_coords
    if not coords:
        return ""
    sd = t.ds.sortby("point")
    y = t.final_yield(by="point")
    fp = t.final_yield(by="point", first_pass=True)
    cols = [(label(sd[c], c, short=True), coord_values(sd, c)) for c in coords]
    cols.append(("yield [%]", 100 * y.values))
    cols.append(("first-pass yield [%]", 100 * fp.values))
    if "throughput" in ds:
        cols.append(("good cells [1/h]", 3600 * sd["throughput"].mean("replicate").values))
    if "cost_per_kwh" in ds:
        cols.append(("cost [USD/kWh]", sd["cost_per_kwh"].mean("replicate").values))
    asr = t.reduce("cell_asr", "median", by="point", cells="passed")
    cols.append(("median cell ASR [Ω cm²]", 1e4 * asr.values))
    best = int(np.nanargmax(y.values)) if np.any(np.isfinite(y.values)) else -1
    order = np.argsort(-np.nan_to_num(y.values, nan=-1))[:max_points] if y.size > max_points else np.arange(y.size)
    head = "<tr><th>point</th>" + "".join(f"<th>{html.escape(n)}</th>" for n, _ in cols) + "</tr>"
    body = []
    for i in order:
        cls = " class='best'" if i == best else ""
        body.append(f"<tr{cls}><td>{int(sd.point.values[i])}</td>" + "".join(f"<td>{fmt(float(v[i]))}</td>" for _, v in cols) + "</tr>")
    note = f"<p>The {max_points} points with the highest yield of {y.size}.</p>" if y.size > max_points else ""
    return f"<h2>Sweep points</h2>{note}<p>Highlighted: the highest yield.</p><table class='grid'>{head}{''.join(body)}</table>"


_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em;margin-bottom:.2em} h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #ddd}
.meta{color:#555;font-size:.9em} table{border-collapse:collapse;font-size:.9em}
table.kv th{text-align:left;padding:2px 12px 2px 0;font-weight:600} table.kv td{padding:2px 0}
table.grid th,table.grid td{border:1px solid #ddd;padding:3px 8px;text-align:right} table.grid tr.best{background:#e6f3e6}
figure{margin:1em 0} figure img{max-width:100%;border:1px solid #eee} figcaption{color:#444;font-size:.9em}
pre{background:#f6f6f6;padding:1em;overflow:auto;font-size:.8em} .skipped{color:#666;font-size:.9em}
"""


def make_report(results: str | Path | xr.Dataset, outdir: str | Path, *, title: str | None = None) -> Report:
    """Write the figures and ``index.html`` of a study into ``outdir``.

    Parameters
    ----------
    results : path or xarray.Dataset
        A results file (netCDF), store (zarr folder) or an open results Dataset.
    outdir : path
        Output folder (created). Existing files of the same names are replaced.
    title : str, optional
        Page title (default: the Dataset's ``title`` attribute).

    Returns
    -------
    Report
        The HTML path, the figures written (with their PNG paths) and the
        figures skipped with the reason.

    Raises
    ------
    ReportError
        If ``results`` is missing or not an ssb-twin results Dataset.
    """
    if isinstance(results, xr.Dataset):
        check_results(results)
        ds, source = results.twin.ds.load(), "Dataset"
    else:
        with open_for_report(results) as opened:  # read into memory, then release the file
            ds, source = opened.twin.ds.load(), str(results)
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    report = Report(html=outdir / "index.html")
    sections = [_draw(ds, entry, outdir, report) for entry in _figure_plan(ds, report)]
    page = _page(ds, title or ds.attrs.get("title", "ssb-twin study"), source, [s for s in sections if s], report)
    report.html.write_text(page, encoding="utf-8")
    return report


def _figure_plan(ds: xr.Dataset, report: Report) -> list[tuple[str, str, str, Callable]]:
    """(name, title, caption, function) of every figure, process windows after the stations."""
    plan = []
    for name, (ftitle, caption, func) in FIGURES.items():
        plan.append((name, ftitle, caption, func))
        if name != "stations":
            continue
        pairs = window_pairs(ds)
        if not pairs:
            report.skipped["process_window"] = "needs at least two swept settings"
        pooled = " (pooled over the other swept settings)" if len(ds.twin.sweep_coords) > 2 else ""
        for x, y in pairs:
            plan.append((f"process_window_{x}__{y}", f"Process window: {x} × {y}",
                         "Final yield, first-pass yield, good cells per hour, cost per kWh, separator density and ionic "
                         f"conductivity over {x} and {y}{pooled}; red square: the highest yield.",
                         lambda d, x=x, y=y: fig_process_window(d, x, y)))
    return plan


def _draw(ds: xr.Dataset, entry, outdir: Path, report: Report) -> str:
    """Draw one figure into ``outdir`` and return its HTML section ("" if it does not apply)."""
    name, ftitle, caption, func = entry
    try:
        res = func(ds)
    except Exception as exc:  # noqa: BLE001 - a figure that cannot be drawn from this file is skipped, with why
        res = (None, f"could not be drawn from this file ({type(exc).__name__}: {str(exc)[:120]})")
    if isinstance(res, tuple):
        report.skipped[name] = res[1]
        return ""
    png = png_bytes(res)
    path = outdir / f"{name}.png"
    path.write_bytes(png)
    report.figures.append(FigureEntry(name, ftitle, caption, path))
    uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    t = html.escape(ftitle)
    return (f"<h2 id='{html.escape(name)}'>{t}</h2><figure><a href='{html.escape(path.name)}'><img src='{uri}' alt='{t}'></a>"
            f"<figcaption>{html.escape(caption)} <a href='{html.escape(path.name)}'>{html.escape(path.name)}</a></figcaption></figure>")


def _page(ds: xr.Dataset, page_title: str, source: str, sections: list[str], report: Report) -> str:
    """The self-contained HTML page (everything from the results file escaped)."""
    a = ds.attrs
    meta = (f"{ds.sizes['point']} point(s) × {ds.sizes['replicate']} replicate(s) × {ds.sizes['cell']} cells"
            f" · route {a.get('route', '?')} · electrolyte {a.get('electrolyte', '?')}"
            f" · seed {a.get('seed', '?')} · ssb-twin {a.get('ssb_twin_version', '?')}"
            f" · scenario SHA-256 {str(a.get('scenario_sha256', '?'))[:12]}… · source {source}")
    skipped = ""
    if report.skipped:
        items = "".join(f"<li><b>{html.escape(k)}</b>: {html.escape(v)}</li>" for k, v in report.skipped.items())
        skipped = f"<h2>Not shown</h2><ul class='skipped'>{items}</ul>"
    toc = " · ".join(f"<a href='#{html.escape(f.name)}'>{html.escape(f.title)}</a>" for f in report.figures)
    yaml_text = str(a.get("scenario_yaml", ""))
    scenario = (f"<h2>Scenario</h2><details><summary>scenario YAML</summary><pre>{html.escape(yaml_text)}</pre></details>"
                if yaml_text else "")
    return ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{html.escape(page_title)}</title><style>{_CSS}</style></head><body>"
            f"<h1>{html.escape(page_title)}</h1><p>{html.escape(str(a.get('scenario_description', '')))}</p>"
            f"<p class='meta'>{html.escape(meta)}</p>"
            f"<h2>Summary</h2>{_summary_html(ds)}{credible_html(ds) if has_draws(ds) else ''}{_points_html(ds)}<p>{toc}</p>{''.join(sections)}{skipped}{scenario}"
            f"<p class='meta'>{html.escape(str(a.get('history', '')))}</p></body></html>")
