"""Figures and numbers for docs/validation.md: reduced-order electrochemistry vs PyBaMM.

Runs real PyBaMM solves (DFN and SPMe half-cells with a Li-metal counter
electrode, tests/validation/pybamm_reference.py) and writes

* docs/figures/validation_curves.png   -- discharge curves at C/10, 1C, 2C, at
  0/25/45 degC for the representative sulphide composite cathode, and two
  thick cathodes with a poor catholyte;
* docs/figures/validation_map.png      -- voltage RMSE and capacity error
  against the ionic-drop validity indicator over a thickness x conductivity x
  C-rate sweep, for the single-particle model, the default (layers="auto") and
  PyBaMM's own SPMe;

and prints the markdown tables quoted in docs/validation.md.  Takes ~1-2 min.

    python docs/scripts/make_validation_figures.py
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
warnings.filterwarnings("ignore")

import pybamm  # noqa: E402

from process_models import electrochem as ec  # noqa: E402
from tests.validation.pybamm_reference import Case, compare, model_curve, run  # noqa: E402

FIG = ROOT / "docs" / "figures"
MAH_CM2 = 36_000.0


def _safe_run(case, model):
    try:
        return run(case, model)
    except pybamm.SolverError as err:  # e.g. below the cut-off at t = 0
        print(f"<!-- {model} failed for {case.name}: {str(err).splitlines()[-1][:120]} -->")
        return None


def _rmse_vs(ref_q, ref_v, other):
    if other is None:
        return np.nan
    return float(np.sqrt(np.mean((np.interp(ref_q, other.charge, other.voltage) - ref_v) ** 2)))


def curves():
    fig, axes = plt.subplots(2, 3, figsize=(15, 7), sharex="col", gridspec_kw={"height_ratios": [3, 1]})
    rows = []
    panels = [
        ("70 um, 3 mS/cm, 25 degC", [Case(lab, c_rate=c) for lab, c in (("C/10", 0.1), ("1C", 1.0), ("2C", 2.0))]),
        ("70 um, 3 mS/cm, 1C", [Case(f"{t - 273.15:.0f} degC", c_rate=1.0, temperature=t)
                                for t in (273.15, 298.15, 318.15)]),
        ("thick cathodes, poor catholyte", [
            Case("100 um, 0.3 mS/cm, 1C", cathode_thickness=100e-6, electrolyte_conductivity=0.03, c_rate=1.0),
            Case("150 um, 1 mS/cm, 2C", cathode_thickness=150e-6, electrolyte_conductivity=0.10, c_rate=2.0),
        ]),
    ]
    for col, (title, cases) in enumerate(panels):
        ax, res = axes[0, col], axes[1, col]
        for i, case in enumerate(cases):
            color = f"C{i}"
            dfn = run(case, "DFN")
            spme = _safe_run(case, "SPMe")
            r = compare(case, dfn)
            r1 = compare(case, dfn, layers=1)
            q_end = max(r["capacity_model"], r1["capacity_model"])
            q = np.linspace(0, q_end, 400)
            ax.plot(dfn.charge / MAH_CM2, dfn.voltage, "-", color=color, lw=2.4, alpha=0.4, label=f"{case.name}: PyBaMM DFN")
            if spme is not None:
                ax.plot(spme.charge / MAH_CM2, spme.voltage, ":", color=color, lw=1.2, label=f"{case.name}: PyBaMM SPMe")
            ax.plot(q / MAH_CM2, np.clip(model_curve(case, q), 2.3, None), "--", color=color, lw=1.3,
                    label=f"{case.name}: ssb-twin (default)")
            if r1["ionic_drop"] > ec._AUTO_BLEND[0]:
                ax.plot(q / MAH_CM2, np.clip(model_curve(case, q, layers=1), 2.3, None), "-.", color=color, lw=0.9,
                        label=f"{case.name}: ssb-twin, layers=1")
            res.plot(r["q"] / MAH_CM2, (r["v_model"] - r["v_ref"]) * 1e3, color=color, lw=1)
            rows.append((title, case.name, r, r1, _rmse_vs(r["q"], r["v_ref"], spme)))
        ax.set_ylim(2.4, 4.35)
        ax.set_ylabel("voltage [V]")
        ax.set_title(title, fontsize=10)
        ax.legend(fontsize=6.5, loc="lower left")
        res.axhline(0, color="k", lw=0.5)
        res.set_ylabel("default - DFN [mV]")
        res.set_xlabel("delivered capacity [mAh/cm2]")
    fig.tight_layout()
    fig.savefig(FIG / "validation_curves.png", dpi=120)
    plt.close(fig)
    print("\n| cell | case | RMSE vs DFN [mV] | RMSE full range [mV] | capacity model / DFN [mAh/cm2] | "
          "layers=1: RMSE [mV], capacity | PyBaMM SPMe vs DFN [mV] | ionic drop [V] |")
    print("|---|---|---|---|---|---|---|---|")
    for title, name, r, r1, rs in rows:
        print(f"| {title} | {name} | {r['rmse'] * 1e3:.2f} | {r['rmse_full'] * 1e3:.1f} | "
              f"{r['capacity_model'] / MAH_CM2:.3f} / {r['capacity_ref'] / MAH_CM2:.3f} ({r['capacity_error']:+.3%}) | "
              f"{r1['rmse'] * 1e3:.1f}, {r1['capacity_error']:+.2%} | {rs * 1e3:.2f} | {r['ionic_drop']:.3f} |")


def validity_map():
    pts = []
    for L in (50e-6, 100e-6, 150e-6):
        for kappa in (0.03, 0.1, 0.3, 1.0):
            for c in (0.1, 1.0, 2.0):
                case = Case(f"{L * 1e6:.0f} um, {kappa * 10:g} mS/cm, {c:g}C", cathode_thickness=L,
                            electrolyte_conductivity=kappa, c_rate=c)
                dfn = _safe_run(case, "DFN")
                if dfn is None:
                    continue
                spme = _safe_run(case, "SPMe")
                r = compare(case, dfn)
                r1 = compare(case, dfn, layers=1)
                rmse_spme = _rmse_vs(r1["q"], r1["v_ref"], spme)
                cap_spme = -1.0 if spme is None else spme.capacity / dfn.capacity - 1
                pts.append((case, r, r1, rmse_spme, cap_spme))
    fig, (a1, a2) = plt.subplots(1, 2, figsize=(11, 4.2))
    markers = {0.1: "o", 1.0: "s", 2.0: "^"}
    for case, r, r1, rmse_spme, cap_spme in pts:
        m = markers[case.c_rate]
        x = max(r["ionic_drop"], 1e-3)
        a1.loglog(x, max(r1["rmse"] * 1e3, 1e-2), m, color="C0", mfc="none")
        a1.loglog(x, max(r["rmse"] * 1e3, 1e-2), m, color="C2", ms=4)
        if np.isfinite(rmse_spme):
            a1.loglog(x, max(rmse_spme * 1e3, 1e-2), "x", color="C3", ms=4)
        a2.semilogx(x, r1["capacity_error"] * 100, m, color="C0", mfc="none")
        a2.semilogx(x, r["capacity_error"] * 100, m, color="C2", ms=4)
        a2.semilogx(x, cap_spme * 100, "x", color="C3", ms=4)
    for ax in (a1, a2):
        ax.axvspan(*ec._AUTO_BLEND, color="0.93")
        ax.set_xlabel("ionic drop I L / kappa_eff [V]")
    a1.axhline(15, color="k", ls=":", lw=0.8)
    a1.axhline(30, color="k", ls="--", lw=0.8)
    a1.set_ylabel("voltage RMSE vs DFN [mV]")
    a2.axhline(2, color="k", ls="--", lw=0.8)
    a2.axhline(-2, color="k", ls="--", lw=0.8)
    a2.set_ylabel("capacity error vs DFN [%]")
    a2.set_ylim(-105, 40)
    handles = [plt.Line2D([], [], ls="", marker=markers[c], color="k", mfc="none", label=f"{c:g}C") for c in markers]
    handles += [plt.Line2D([], [], ls="", marker="o", color="C0", mfc="none", label="ssb-twin layers=1"),
                plt.Line2D([], [], ls="", marker="o", color="C2", ms=4, label='ssb-twin default ("auto")'),
                plt.Line2D([], [], ls="", marker="x", color="C3", ms=4, label="PyBaMM SPMe")]
    a1.legend(handles=handles, fontsize=7)
    a1.set_title("voltage error vs the DFN (grey: blend window of \"auto\")", fontsize=10)
    a2.set_title("capacity error vs the DFN (dashed: +/-2 %)", fontsize=10)
    fig.tight_layout()
    fig.savefig(FIG / "validation_map.png", dpi=120)
    plt.close(fig)
    print("\n| cathode | catholyte | C-rate | ionic drop [V] | default: RMSE [mV], capacity | layers=1: RMSE [mV], capacity "
          "| PyBaMM SPMe: RMSE [mV], capacity |")
    print("|---|---|---|---|---|---|---|")
    for case, r, r1, rmse_spme, cap_spme in pts:
        print(f"| {case.cathode_thickness * 1e6:.0f} um | {case.electrolyte_conductivity * 10:g} mS/cm | {case.c_rate:g}C | "
              f"{r['ionic_drop']:.3f} | {r['rmse'] * 1e3:.1f}, {r['capacity_error']:+.2%} | "
              f"{r1['rmse'] * 1e3:.1f}, {r1['capacity_error']:+.2%} | {rmse_spme * 1e3:.1f}, {cap_spme:+.2%} |")


if __name__ == "__main__":
    FIG.mkdir(parents=True, exist_ok=True)
    curves()
    validity_map()
