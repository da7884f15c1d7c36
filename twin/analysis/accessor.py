"""Result analysis: the ``ds.twin`` accessor on a results Dataset.

Importing this module (``import twin.analysis``; ``twin report`` does it)
registers an :mod:`xarray` accessor, so every results Dataset answers the
questions engineers ask of a study::

    import xarray as xr
    import twin.analysis  # noqa: F401  (registers ds.twin)

    ds = xr.open_dataset("results/firing_window.nc")
    ds.twin.final_yield()                                  # pooled over everything
    ds.twin.final_yield(by="sintering_dwell_temperature")  # per swept value
    ds.twin.waterfall().lost                               # cells lost per gate and failure mode
    ds.twin.quantiles("cell_asr", display=True)            # 5/50/95 % in ohm cm2
    ds.twin.process_window("sintering_dwell_temperature", "sintering_excess_li")
    ds.twin.pareto()                                       # energy density vs yield vs cost
    ds.twin.sobol("yield")                                 # a Sobol design: S1, ST with CIs

Analysis only reads the Dataset (the contract in :mod:`twin.results`): it
holds no physics. Values are returned in SI with ``units`` attributes, unless
a method is asked for display units (:mod:`twin.display`).

Pooled yields
-------------
A yield over several replicates or points is *pooled*: good cells summed
over the group divided by cells released summed over the group, so groups
of different sizes combine correctly.
"""

from __future__ import annotations

from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import xarray as xr

from .display import to_display

__all__ = ["TwinAccessor", "EOL_MODES", "INSPECTION_MODES", "BREAKDOWN_MODES"]

#: failure modes decided at the end-of-line test (see twin.performance.eol_decision)
EOL_MODES = ("assembly_short", "hard_short", "soft_short", "voiding", "high_asr", "low_capacity")
#: failure modes decided at an inspection gate
INSPECTION_MODES = ("drying_crack", "pressing_crack", "low_density")
#: machine breakdown with the item on the machine
BREAKDOWN_MODES = ("breakdown_scrap",)

_CELL_SELECTIONS = ("tested", "passed", "lost", "all")


def _as_list(by) -> list[str]:
    return [by] if isinstance(by, str) else list(by)


@xr.register_dataset_accessor("twin")
class TwinAccessor:
    """Yield, losses, distributions, process windows, Pareto fronts and Sobol indices of a study.

    Registered as ``ds.twin`` on every :class:`xarray.Dataset`; the Dataset must
    follow the results contract (:mod:`twin.results`). Swept settings are
    recognised by their ``sweep_path`` attribute, whether they are stored as
    coordinates or as plain variables on ``point``.
    """

    def __init__(self, ds: xr.Dataset):
        self._ds = ds
        self._normalised: xr.Dataset | None = None
        self._limits: dict | None = None

    # ------------------------------------------------------------------ structure

    @property
    def ds(self) -> xr.Dataset:
        """The Dataset with every swept setting as a coordinate on ``point``."""
        if self._normalised is None:
            sw = [k for k in self._ds.data_vars if "sweep_path" in self._ds[k].attrs and self._ds[k].dims == ("point",)]
            self._normalised = self._ds.set_coords(sw) if sw else self._ds
        return self._normalised

    @property
    def sweep_coords(self) -> list[str]:
        """Names of the swept settings (coordinates on ``point``), in the order the sweep lists them."""
        ds = self.ds
        names = [k for k in ds.coords if k != "point" and ds[k].dims == ("point",)]
        tagged = [k for k in names if "sweep_path" in ds[k].attrs]
        if not tagged:
            return names
        sw = (self.scenario_data() or {}).get("sweep") or {}
        table = sw.get("grid") or sw.get("ranges") or {}
        order = list(table) if isinstance(table, dict) else []
        rank = {p: i for i, p in enumerate(order)}
        return sorted(tagged, key=lambda k: rank.get(ds[k].attrs["sweep_path"], len(rank)))

    @property
    def design(self) -> str | None:
        """``"grid"``, ``"lhs"``, ``"sobol"`` or None (no sweep), read from the scenario text in the attributes."""
        sw = (self.scenario_data() or {}).get("sweep") or {}
        if "grid" in sw:
            return "grid"
        return sw.get("design")

    def scenario_data(self) -> dict | None:
        """The study's scenario YAML (global attribute ``scenario_yaml``) as plain data, or None."""
        import yaml

        text = self._ds.attrs.get("scenario_yaml")
        if not text:
            return None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            return None
        return data if isinstance(data, dict) else None

    def gate_limits(self) -> dict[str, float | bool]:
        """Gate limits and duty of the study in SI, from the scenario text in the attributes.

        Returns
        -------
        dict
            ``min_relative_density`` [-], ``max_cell_asr`` [ohm m2],
            ``min_capacity_fraction`` [-], ``require_ccs_margin`` [bool],
            ``charge_current_density`` [A m-2], ``c_rate`` [h-1]. Empty if the
            Dataset carries no (readable) scenario.
        """
        if self._limits is not None:
            return dict(self._limits)
        self._limits = {}
        text = self._ds.attrs.get("scenario_yaml")
        if not text:
            return {}
        try:
            from ..scenario import scenario_from_text

            sc = scenario_from_text(text)
        except Exception:  # noqa: BLE001 - a hand-made Dataset or a scenario of another version: no limits
            return {}
        g = sc.gates
        self._limits = {
            "min_relative_density": float(g.inspection.min_relative_density),
            "max_cell_asr": float(g.eol.max_cell_asr),
            "min_capacity_fraction": float(g.eol.min_capacity_fraction),
            "require_ccs_margin": bool(g.eol.require_ccs_margin),
            "charge_current_density": float(sc.duty.charge_current_density),
            "c_rate": float(sc.duty.c_rate),
        }
        return dict(self._limits)

    def failure_modes(self) -> list[str]:
        """Failure-mode names in flag order (``failure_mode`` ``flag_meanings``; index 0 is ``none``)."""
        meanings = self._ds["failure_mode"].attrs.get("flag_meanings")
        if meanings:
            return str(meanings).split()
        from ..contract import FLAGS

        return list(FLAGS["failure_mode"])

    # ------------------------------------------------------------------ grouping

    def _group_by(self, func: Callable[..., xr.DataArray | xr.Dataset], by, variables: Sequence[str] | None = None,
                  *, vectorised: bool = True) -> xr.DataArray | xr.Dataset:
        """Apply ``func`` to the whole Dataset (``by=None``) or to each group of points.

        ``func(d, dims)`` reduces ``d`` over ``dims`` (a subset of point,
        replicate, cell). ``by`` names one or more coordinates on ``point``
        (``"point"`` itself gives one group per point). Groups of several keys
        are unstacked into one dimension per key (missing combinations are
        NaN). When every group is a single point and ``vectorised``, ``func``
        is called once, reducing over replicate and cell only. ``variables``
        restricts the Dataset ``func`` sees (faster on large studies).
        """
        ds = self.ds
        if variables is not None:
            ds = ds[[v for v in dict.fromkeys(variables) if v in ds.variables]]
        if by is None:
            return func(ds, ("point", "replicate", "cell"))
        keys = _as_list(by)
        for k in keys:
            if k not in ds.coords or ds[k].dims != ("point",):
                valid = ", ".join(["point"] + self.sweep_coords)
                raise ValueError(f"cannot group by {k!r}: not a coordinate on `point`; valid: {valid}")
        frame = pd.DataFrame({k: np.asarray(ds[k].values) for k in keys})
        groups = frame.groupby(keys, sort=True).indices
        if vectorised and len(groups) == ds.sizes["point"]:  # one point per group: no loop
            out = func(ds, ("replicate", "cell"))
            keep = [k for k in keys if k != "point"]
            if keep:
                out = out.drop_vars([c for c in out.coords if c not in keys and out[c].dims == ("point",)])
                out = out.set_index(point=keep).unstack("point") if len(keep) > 1 else out.swap_dims(point=keep[0]).drop_vars("point")
                out = out.sortby(keep)
            else:
                out = out.sortby("point")
        else:
            labels, parts = [], []
            for lab, idx in groups.items():
                labels.append(lab if isinstance(lab, tuple) else (lab,))
                parts.append(func(ds.isel(point=np.sort(idx)), ("point", "replicate", "cell")))
            out = xr.concat(parts, dim="_group", coords="minimal", compat="override", join="outer")
            if len(keys) == 1:
                out = out.rename({"_group": keys[0]}).assign_coords({keys[0]: [lab[0] for lab in labels]})
            else:
                mi = pd.MultiIndex.from_tuples(labels, names=keys)
                out = out.assign_coords(xr.Coordinates.from_pandas_multiindex(mi, "_group")).unstack("_group")
        for k in keys:
            out[k].attrs.update(ds[k].attrs)
        return out

    def _cell_mask(self, ds: xr.Dataset, cells: str) -> xr.DataArray | None:
        if cells not in _CELL_SELECTIONS:
            raise ValueError(f"cells must be one of {', '.join(_CELL_SELECTIONS)}, got {cells!r}")
        if cells == "passed":
            return ds["passed"].astype(bool)
        if cells == "lost":
            return ~ds["passed"].astype(bool)
        return None  # tested: variables measured at the end-of-line test are NaN for cells that never got there

    # ------------------------------------------------------------------ yield and losses

    def final_yield(self, by=None, *, first_pass: bool = False) -> xr.DataArray:
        """Pooled final (or first-pass) yield.

        Parameters
        ----------
        by : str or list of str, optional
            Coordinate(s) on ``point`` to group by: a swept setting, several, or
            ``"point"``. None pools the whole study.
        first_pass : bool
            Good cells that were never reworked, instead of all good cells.

        Returns
        -------
        xarray.DataArray
            Yield [-] (good cells / released), one value per group.
        """

        def f(d: xr.Dataset, dims) -> xr.DataArray:
            red = [x for x in dims if x in d["cells_released"].dims]
            released = d["cells_released"].sum(red)
            good = (d["first_pass_yield"] * d["cells_released"]).sum(red) if first_pass else d["good_cells"].sum(red)
            return good / released

        out = self._group_by(f, by, ["cells_released", "good_cells", "first_pass_yield"])
        name = "first_pass_yield" if first_pass else "yield"
        out.name = name
        out.attrs = {"units": "1", "long_name": ("first-pass yield" if first_pass else "final yield") + " (pooled: good cells / released)"}
        return out

    def cell_gate(self) -> xr.DataArray:
        """Gate at which each lost cell was scrapped (``""`` for good cells).

        Breakdown scrap goes to ``breakdown``, crack/density rejects to the
        inspection gate (with several inspection stations, the last station the
        cell left, from ``station_exit_time``), everything decided at the
        end-of-line test to the last gate.

        Returns
        -------
        xarray.DataArray of str, dims (point, replicate, cell)
        """
        ds = self.ds
        gates = [str(g) for g in ds["gate"].values]
        idx = self._cell_gate_index()
        names = np.array(gates + [""], dtype=object)[np.where(idx >= 0, idx, len(gates))]
        dims = ds["failure_mode"].dims
        return xr.DataArray(names, dims=dims, coords={k: ds[k] for k in dims},
                            name="gate_of_loss", attrs={"units": "1", "long_name": "gate at which the cell was scrapped"})

    def _cell_gate_index(self) -> np.ndarray:
        """Index on ``gate`` where each cell was lost (-1: not lost), shape of ``failure_mode``."""
        ds = self.ds
        gates = [str(g) for g in ds["gate"].values]
        fm = ds["failure_mode"].values.astype(int)
        out = np.full(fm.shape, -1, dtype=np.int16)
        inspection = [i for i, g in enumerate(gates) if g != "breakdown" and i != len(gates) - 1]
        for code, mode in enumerate(self.failure_modes()):
            sel = fm == code
            if code == 0 or not sel.any():
                continue
            if mode in BREAKDOWN_MODES and "breakdown" in gates:
                out[sel] = gates.index("breakdown")
            elif mode in INSPECTION_MODES and inspection:
                out[sel] = inspection[0]
                if len(inspection) > 1 and "station_exit_time" in ds:
                    stations = [str(x) for x in ds["station"].values]
                    seen = np.isfinite(ds["station_exit_time"].values)  # (point, replicate, cell, station)
                    last = seen.shape[-1] - 1 - np.argmax(seen[..., ::-1], axis=-1)
                    station_to_gate = np.array([gates.index(n) if n in gates else -1 for n in stations])
                    g = np.where(seen.any(-1), station_to_gate[last], -1)
                    hit = sel & np.isin(g, inspection)
                    out[hit] = g[hit]
            else:
                out[sel] = len(gates) - 1
        return out

    def waterfall(self, by=None) -> xr.Dataset:
        """Where cells are lost: counts per gate and failure mode.

        Parameters
        ----------
        by : str or list of str, optional
            Coordinate(s) on ``point`` to group by (see :meth:`final_yield`).

        Returns
        -------
        xarray.Dataset
            ``released`` (cells released), ``good`` (cells passing every gate),
            ``lost`` (gate, failure_mode) cells lost at each gate for each
            reason, ``lost_at_gate`` (gate) from the line's own ``scrapped``
            counter, ``lost_by_mode`` (failure_mode), ``remaining`` (gate) cells
            still in the line after each gate. All counts [cells]; with ``by``,
            one value per group. ``released == good + lost.sum()`` and
            ``lost.sum("failure_mode") == lost_at_gate``.
        """
        modes = self.failure_modes()
        lost_modes = modes[1:]
        gates = [str(g) for g in self.ds["gate"].values]
        gate_of = xr.DataArray(self._cell_gate_index(), dims=self.ds["failure_mode"].dims, coords={"point": self.ds["point"]})
        n_modes = len(modes)

        def f(d: xr.Dataset, dims) -> xr.Dataset:
            fm = d["failure_mode"].values.astype(np.int64).ravel()
            g = gate_of.sel(point=d["point"]).values.astype(np.int64).ravel()
            lost = g >= 0
            counts = np.bincount(g[lost] * n_modes + fm[lost], minlength=len(gates) * n_modes)
            table = counts.reshape(len(gates), n_modes)[:, 1:].astype(np.int64)
            released = float(d["cells_released"].sum())
            at_gate = d["scrapped"].sum(("point", "replicate")).values.astype(np.int64) if "scrapped" in d else table.sum(1)
            return xr.Dataset(
                {
                    "released": ((), released),
                    "good": ((), float(d["good_cells"].sum())),
                    "lost": (("gate", "failure_mode"), table),
                    "lost_at_gate": (("gate",), at_gate),
                    "lost_by_mode": (("failure_mode",), table.sum(0)),
                    "remaining": (("gate",), released - np.cumsum(at_gate)),
                },
                coords={"gate": gates, "failure_mode": lost_modes},
            )

        out = self._group_by(f, by, ["failure_mode", "cells_released", "good_cells", "scrapped"], vectorised=False)
        out["released"].attrs = {"units": "1", "long_name": "cells released into the line"}
        out["good"].attrs = {"units": "1", "long_name": "cells that passed every gate"}
        out["lost"].attrs = {"units": "1", "long_name": "cells lost at each gate, by failure mode"}
        out["lost_at_gate"].attrs = {"units": "1", "long_name": "cells scrapped at each gate"}
        out["lost_by_mode"].attrs = {"units": "1", "long_name": "cells lost, by failure mode"}
        out["remaining"].attrs = {"units": "1", "long_name": "cells still in the line after each gate"}
        out["gate"].attrs = {"units": "1", "long_name": "where cells are scrapped"}
        out["failure_mode"].attrs = {"units": "1", "long_name": "why the cell was lost"}
        return out

    # ------------------------------------------------------------------ distributions

    def quantiles(self, var: str, q: float | Sequence[float] = (0.05, 0.5, 0.95), by=None, *, cells: str = "tested",
                  display: bool = False) -> xr.DataArray:
        """Quantiles of any variable over cells and replicates (NaN skipped).

        Parameters
        ----------
        var : str
            A per-cell variable (``cell_asr``, ``critical_plating_current``, ...)
            or a per-replicate one (``throughput``, ``utilisation``, ...).
        q : float or sequence of float
            Quantiles in [0, 1].
        by : str or list of str, optional
            Coordinate(s) on ``point`` to group by.
        cells : {"tested", "passed", "lost", "all"}
            Which cells of a per-cell variable: every cell with a value
            (``tested`` and ``all``: NaN, i.e. never measured, is skipped),
            good cells only, or lost cells only.
        display : bool
            Return display units (µm, Ω cm², mA/cm², Wh/kg, ...) instead of SI.

        Returns
        -------
        xarray.DataArray
            Dimension ``quantile`` (plus the groups, plus any dimension of
            ``var`` other than point/replicate/cell, e.g. ``station``).
        """
        self._require(var)
        def f(d: xr.Dataset, red) -> xr.DataArray:
            da = d[var].astype(float)
            mask = self._cell_mask(d, cells) if "cell" in da.dims else None
            if mask is not None:
                da = da.where(mask)
            dims = [x for x in da.dims if x in red]
            return da.quantile(q, dim=dims, skipna=True)

        out = self._group_by(f, by, [var, "passed"])
        out.name = var
        out.attrs = dict(self._ds[var].attrs)
        for k in ("flag_values", "flag_meanings"):
            out.attrs.pop(k, None)
        return to_display(out, var) if display else out

    def reduce(self, var: str, stat: str = "median", by=None, *, cells: str = "passed") -> xr.DataArray:
        """One number per group: pooled yield, or a statistic of a variable.

        Parameters
        ----------
        var : str
            ``yield`` / ``first_pass_yield`` (pooled, see :meth:`final_yield`),
            or any per-replicate or per-cell variable.
        stat : {"median", "mean", "min", "max", "std"} or float
            Statistic over cells and replicates (a float is a quantile in [0, 1]).
        by : str or list of str, optional
            Coordinate(s) on ``point`` to group by.
        cells : {"tested", "passed", "lost", "all"}
            Cells of a per-cell variable (see :meth:`quantiles`).

        Returns
        -------
        xarray.DataArray in SI, with ``units`` and ``long_name``.
        """
        if var in ("yield", "first_pass_yield"):
            return self.final_yield(by, first_pass=var == "first_pass_yield")
        self._require(var)
        def f(d: xr.Dataset, red) -> xr.DataArray:
            da = d[var].astype(float)
            mask = self._cell_mask(d, cells) if "cell" in da.dims else None
            if mask is not None:
                da = da.where(mask)
            dims = [x for x in da.dims if x in red]
            if isinstance(stat, (int, float)) and not isinstance(stat, bool):
                return da.quantile(float(stat), dim=dims, skipna=True).drop_vars("quantile")
            if stat not in ("median", "mean", "min", "max", "std"):
                raise ValueError(f"stat must be median, mean, min, max, std or a quantile in [0, 1], got {stat!r}")
            return getattr(da, stat)(dim=dims, skipna=True)

        out = self._group_by(f, by, [var, "passed"])
        out.name = var
        attrs = dict(self._ds[var].attrs)
        for k in ("flag_values", "flag_meanings"):
            attrs.pop(k, None)
        if "cell" in self._ds[var].dims:
            attrs["long_name"] = f"{stat} {attrs.get('long_name', var)}" + ("" if cells in ("tested", "all") else f" ({cells} cells)")
        elif stat != "mean":
            attrs["long_name"] = f"{stat} {attrs.get('long_name', var)}"
        out.attrs = attrs
        return out

    # ------------------------------------------------------------------ process windows and trade-offs

    def process_window(self, x: str, y: str, var: str = "yield", *, stat: str = "median", cells: str = "passed",
                       bins: int | None = None) -> xr.DataArray:
        """A metric over two swept settings (pooled over any other swept setting).

        Parameters
        ----------
        x, y : str
            Swept settings (coordinates on ``point``).
        var : str
            ``yield`` (default), ``first_pass_yield`` or any variable (see :meth:`reduce`).
        stat, cells
            Statistic and cell selection for variables other than yields.
        bins : int, optional
            Bin ``x`` and ``y`` into this many equal-width intervals (for LHS
            and Sobol designs, whose points do not repeat values). The
            coordinates are then the bin centres. Default: the swept values as they are.

        Returns
        -------
        xarray.DataArray with dims (x, y); NaN where no point falls.
        """
        ds = self.ds
        for k in (x, y):
            if k not in self.sweep_coords:
                raise ValueError(f"{k!r} is not a swept setting; swept: {', '.join(self.sweep_coords) or 'none'}")
        if x == y:
            raise ValueError("x and y must be different swept settings")
        if bins is None:
            return self._with(ds).reduce(var, stat, by=[x, y], cells=cells)
        binned = ds.copy()
        for k in (x, y):
            v = np.asarray(ds[k].values, float)
            edges = np.linspace(v.min(), v.max(), int(bins) + 1)
            idx = np.clip(np.searchsorted(edges, v, side="right") - 1, 0, int(bins) - 1)
            centres = 0.5 * (edges[:-1] + edges[1:])
            binned = binned.assign_coords({k: ("point", centres[idx], dict(ds[k].attrs))})
        return self._with(binned).reduce(var, stat, by=[x, y], cells=cells)

    def main_effects(self, var: str = "yield", *, stat: str = "median", cells: str = "passed") -> dict[str, xr.DataArray]:
        """The metric per value of each swept setting, pooled over the others.

        Returns
        -------
        dict
            Swept setting -> DataArray over its values (a tornado chart reads
            the spread between the lowest and the highest).
        """
        return {k: self.reduce(var, stat, by=k, cells=cells) for k in self.sweep_coords}

    def pareto(self, maximize: Iterable[str] = ("energy_density", "yield"), minimize: Iterable[str] = ("cost_per_kwh",),
               *, stat: str = "median", cells: str = "passed") -> xr.Dataset:
        """Pareto front over sweep points (default: energy density vs yield vs cost).

        Parameters
        ----------
        maximize, minimize : iterables of str
            Objectives (any name :meth:`reduce` accepts); per point, yields are
            pooled, per-cell variables reduced with ``stat`` over ``cells``,
            per-replicate variables averaged.
        stat, cells
            See :meth:`reduce`.

        Returns
        -------
        xarray.Dataset over ``point``
            One variable per objective (SI) and ``on_front`` (bool): True where
            no other point is at least as good in every objective and better in
            one. Points with a missing objective (e.g. no good cells) are never
            on the front.
        """
        maximize, minimize = list(maximize), list(minimize)
        if not maximize + minimize:
            raise ValueError("give at least one objective")
        cols = {}
        for v in maximize + minimize:
            cols[v] = self.reduce(v, stat if v not in ("cost_per_kwh", "cost_per_good_cell", "throughput") else "mean",
                                  by="point", cells=cells)
        out = xr.Dataset(cols)
        score = np.stack([out[v].values * (1.0 if v in maximize else -1.0) for v in maximize + minimize], axis=1)
        out["on_front"] = ("point", pareto_mask(score))
        out["on_front"].attrs = {"units": "1", "long_name": "on the Pareto front (not dominated by another point)"}
        for k in self.sweep_coords:
            out = out.assign_coords({k: self.ds[k]})
        out.attrs.update({"maximize": " ".join(maximize), "minimize": " ".join(minimize)})
        return out

    # ------------------------------------------------------------------ sensitivity

    def sobol(self, var: str = "yield", *, stat: str = "median", cells: str = "passed", num_resamples: int = 1000,
              conf_level: float = 0.95, seed: int | None = 0) -> xr.Dataset:
        """First- and total-order Sobol indices of a metric (Sobol sweeps only).

        The points must be Saltelli's design as :func:`twin.sweep.expand` lays
        it out for ``design: sobol``: per base sample the rows A, AB_1..AB_D, B
        (N (D + 2) points; AB_j is A with setting j taken from B). The order of
        the settings is read from the points themselves and checked for every
        block. Indices are estimated with SALib (``sobol.analyze``,
        ``calc_second_order=False``; Saltelli et al. 2010, Comput. Phys.
        Commun. 181, 259; Jansen 1999 for the total order), confidence
        intervals by bootstrap.

        Parameters
        ----------
        var : str
            Metric per point (see :meth:`reduce`): ``yield`` by default.
        stat, cells
            How a per-cell variable becomes one number per point.
        num_resamples : int
            Bootstrap resamples for the confidence intervals.
        conf_level : float
            Confidence level of the intervals (0.95: 95 %).
        seed : int or None
            Seed of the bootstrap (None: not reproducible).

        Returns
        -------
        xarray.Dataset over ``parameter``
            ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` [-]; ``S1_conf`` is the
            half-width of the interval.

        Raises
        ------
        ValueError
            If the study is not a Sobol design, or the metric is missing (NaN) at some point.
        """
        from SALib.analyze import sobol as sa_sobol

        if self.design not in (None, "sobol"):
            raise ValueError(f"Sobol indices need a `design: sobol` sweep; this study is a {self.design} sweep")
        names, order = self._saltelli_layout()
        Y = np.asarray(self.reduce(var, stat, by="point", cells=cells).sortby("point").values, float)
        if not np.all(np.isfinite(Y)):
            bad = int(np.sum(~np.isfinite(Y)))
            raise ValueError(f"{var!r} is undefined (NaN) at {bad} of {Y.size} points (e.g. no good cells there); "
                             "choose another metric or cells='tested'")
        ds = self.ds.sortby("point")
        bounds = [[float(ds[n].min()), float(ds[n].max())] for n in names]
        d = len(names)
        if np.ptp(Y) == 0:
            z = np.zeros(d)
            s = {"S1": z, "S1_conf": z, "ST": z, "ST_conf": z}
            note = "the metric is constant over the design: every index is zero"
        else:
            problem = {"num_vars": d, "names": names, "bounds": bounds}
            s = sa_sobol.analyze(problem, Y, calc_second_order=False, num_resamples=int(num_resamples),
                                 conf_level=float(conf_level), print_to_console=False, seed=seed)
            note = ""
        out = xr.Dataset(
            {k: ("parameter", np.asarray(s[k], float)) for k in ("S1", "S1_conf", "ST", "ST_conf")},
            coords={"parameter": names},
        )
        long = {"S1": "first-order Sobol index", "ST": "total-order Sobol index"}
        for k in ("S1", "ST"):
            out[k].attrs = {"units": "1", "long_name": long[k]}
            out[f"{k}_conf"].attrs = {"units": "1", "long_name": f"{long[k]}: half-width of the {100 * conf_level:g} % confidence interval"}
        out["parameter"].attrs = {"units": "1", "long_name": "swept setting"}
        out.attrs = {"metric": var, "base_samples": Y.size // (d + 2), "conf_level": conf_level, "column_order": " ".join(map(str, order))}
        if note:
            out.attrs["note"] = note
        return out

    def _saltelli_layout(self) -> tuple[list[str], list[int]]:
        """Settings in the order of AB_1..AB_D, checked on every block of the points."""
        ds = self.ds.sortby("point")
        names = self.sweep_coords
        d = len(names)
        if d == 0:
            raise ValueError("Sobol indices need swept settings; this study has no sweep")
        X = np.stack([np.asarray(ds[n].values, float) for n in names], axis=1)
        p = X.shape[0]
        step = d + 2
        if p % step or p < step:
            raise ValueError(f"{p} points is not a Saltelli design over {d} settings (needs N x {step} points)")
        blocks = X.reshape(p // step, step, d)
        a, ab, b = blocks[:, 0], blocks[:, 1:-1], blocks[:, -1]
        order: list[int | None] = [None] * d
        for k in range(d):
            diff = ab[:, k] != a  # (blocks, d)
            one = diff.sum(axis=1) == 1
            if not one.any():
                raise ValueError(f"not a Saltelli design: row AB_{k + 1} never differs from A in exactly one setting")
            cols = np.argmax(diff[one], axis=1)
            if np.any(cols != cols[0]):
                raise ValueError(f"not a Saltelli design: row AB_{k + 1} varies different settings in different blocks")
            order[k] = int(cols[0])
        if sorted(order) != list(range(d)):
            raise ValueError("not a Saltelli design: the AB rows do not vary each setting once")
        for k, j in enumerate(order):
            expect = a.copy()
            expect[:, j] = b[:, j]
            if not np.allclose(ab[:, k], expect, rtol=1e-12, atol=0):
                raise ValueError(f"not a Saltelli design: AB_{k + 1} is not A with {names[j]!r} from B")
        return [names[j] for j in order], [int(j) for j in order]

    # ------------------------------------------------------------------ line and cost

    def stations(self) -> xr.Dataset:
        """Utilisation and item flow per station, with the bottleneck.

        Returns
        -------
        xarray.Dataset over ``station``
            ``utilisation`` [-] (mean over points and replicates),
            ``items_per_hour`` [s-1] items leaving the station per unit time
            (needs ``station_exit_time``), ``bottleneck`` (bool, the most
            utilised station) and ``bottleneck_share`` [-]: fraction of
            replicates whose most utilised station it is.
        """
        ds = self.ds
        util = ds["utilisation"].mean(("point", "replicate"))
        out = xr.Dataset({"utilisation": util})
        out["utilisation"].attrs = dict(ds["utilisation"].attrs)
        if "station_exit_time" in ds and "makespan" in ds:
            n = np.isfinite(ds["station_exit_time"]).sum("cell")
            flow = (n / ds["makespan"]).mean(("point", "replicate"))
            out["items_per_hour"] = flow
            out["items_per_hour"].attrs = {"units": "s-1", "long_name": "items leaving the station per unit time"}
        nst = ds.sizes["station"]
        if "bottleneck" in ds:
            b = ds["bottleneck"].values.ravel()
            b = b[np.isfinite(b)].astype(int)
            share = np.bincount(b, minlength=nst)[:nst] / max(b.size, 1)
        else:
            share = np.zeros(nst)
        out["bottleneck_share"] = ("station", share, {"units": "1", "long_name": "fraction of replicates where this station is the most utilised"})
        top = np.zeros(nst, bool)
        if np.any(np.isfinite(util.values)):
            top[int(np.nanargmax(util.values))] = True
        out["bottleneck"] = ("station", top, {"units": "1", "long_name": "most utilised station (mean utilisation)"})
        return out

    def cost_breakdown(self, by=None) -> xr.Dataset:
        """Cost per good cell by category (pooled: total cost / total good cells).

        Returns
        -------
        xarray.Dataset
            ``materials``, ``energy``, ``equipment``, ``total`` [USD per good
            cell]; NaN where a group made no good cell.
        """

        def f(d: xr.Dataset, dims) -> xr.Dataset:
            red = [x for x in dims if x in d["good_cells"].dims]
            good = d["good_cells"].sum(red)
            parts = {k: (d[f"cost_{k}"].sum(red) / good).where(good > 0) for k in ("materials", "energy", "equipment")}
            parts["total"] = parts["materials"] + parts["energy"] + parts["equipment"]
            return xr.Dataset(parts)

        out = self._group_by(f, by, ["good_cells", "cost_materials", "cost_energy", "cost_equipment"])
        long = {"materials": "materials (scrap included)", "energy": "furnace electricity",
                "equipment": "equipment depreciation and labour", "total": "total"}
        for k, v in long.items():
            out[k].attrs = {"units": "USD", "long_name": f"cost per good cell: {v}"}
        return out

    # ------------------------------------------------------------------ helpers

    def _require(self, var: str) -> None:
        if var not in self._ds.variables:
            raise KeyError(f"no variable {var!r} in the Dataset; e.g. cell_asr, critical_plating_current, energy_density, throughput")

    @staticmethod
    def _with(ds: xr.Dataset) -> "TwinAccessor":
        return TwinAccessor(ds)


def pareto_mask(score: np.ndarray) -> np.ndarray:
    """Non-dominated rows of ``score`` (n, k), every objective to be maximised.

    A row with a non-finite entry is never on the front (and dominates nothing).

    Examples
    --------
    >>> pareto_mask(np.array([[1, 1], [2, 0], [0, 0], [2, 1]])).tolist()
    [False, False, False, True]
    """
    score = np.asarray(score, float)
    ok = np.all(np.isfinite(score), axis=1)
    front = ok.copy()
    for i in np.flatnonzero(ok):
        others = score[ok]
        dominated = np.any(np.all(others >= score[i], axis=1) & np.any(others > score[i], axis=1))
        front[i] = not dominated
    return front
