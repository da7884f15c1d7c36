"""The ``ds.twin`` accessor: a thin facade over the analysis functions.

Registered on every :class:`xarray.Dataset` when :mod:`twin` is imported, so
a results Dataset answers the questions engineers ask of a study::

    import twin, xarray as xr

    ds = xr.open_dataset("results/firing_window.nc")
    ds.twin.final_yield()                                  # pooled over everything
    ds.twin.final_yield(by="sintering_dwell_temperature")  # per swept value
    ds.twin.waterfall().lost                               # cells lost per gate and failure mode
    ds.twin.quantiles("cell_asr", display=True)            # 5/50/95 % in ohm cm2
    ds.twin.process_window("sintering_dwell_temperature", "sintering_excess_li")
    ds.twin.pareto()                                       # energy density vs yield vs cost
    ds.twin.sobol("yield")                                 # a Sobol design: S1, ST with CIs
    ds.twin.credible("yield")                              # over parameter draws: median, 90 % interval
    ds.twin.variance_shares("yield")                       # parameters' vs process scatter's share

Each method is one call to a function of :mod:`twin.analysis` that takes the
Dataset (the same functions work without the accessor). Analysis reads only
the Dataset, never the scenario or the physics; values are SI with ``units``
attributes unless display units are asked for.
"""

from __future__ import annotations

import xarray as xr

from .grouping import design, failure_modes, gate_limits, normalised, sweep_coords
from .losses import cell_gate, final_yield, waterfall
from .sensitivity import sobol
from .stations import cost_breakdown, stations
from .statistics import quantiles, reduce
from .tradeoffs import main_effects, pareto, process_window
from .uncertainty import credible_intervals, variance_shares

__all__ = ["TwinAccessor"]


@xr.register_dataset_accessor("twin")
class TwinAccessor:
    """Yield, losses, distributions, process windows, Pareto fronts and Sobol indices of a study (``ds.twin``)."""

    __slots__ = ("_obj",)

    def __init__(self, ds: xr.Dataset):
        self._obj = ds

    # structure (grouping)
    @property
    def ds(self) -> xr.Dataset:
        """The Dataset with every swept setting as a coordinate on ``point``."""
        return normalised(self._obj)

    @property
    def sweep_coords(self) -> list[str]:
        """Swept settings (coordinates on ``point``), in the order the sweep lists them."""
        return sweep_coords(self._obj)

    @property
    def design(self) -> str | None:
        """``"grid"``, ``"lhs"``, ``"sobol"`` or None (no sweep)."""
        return design(self._obj)

    def gate_limits(self) -> dict:
        """Gate limits and duty of the study in SI (:func:`twin.analysis.grouping.gate_limits`)."""
        return gate_limits(self._obj)

    def failure_modes(self) -> list[str]:
        """Failure-mode names in flag order."""
        return failure_modes(self._obj)

    # yield and losses
    def final_yield(self, by=None, *, first_pass: bool = False) -> xr.DataArray:
        """Pooled final (or first-pass) yield (:func:`twin.analysis.losses.final_yield`)."""
        return final_yield(self._obj, by, first_pass=first_pass)

    def cell_gate(self) -> xr.DataArray:
        """Gate at which each lost cell was scrapped (:func:`twin.analysis.losses.cell_gate`)."""
        return cell_gate(self._obj)

    def waterfall(self, by=None) -> xr.Dataset:
        """Cells lost per gate and failure mode (:func:`twin.analysis.losses.waterfall`)."""
        return waterfall(self._obj, by)

    # distributions
    def quantiles(self, var: str, q=(0.05, 0.5, 0.95), by=None, *, cells: str = "tested", display: bool = False):
        """Quantiles of a variable (:func:`twin.analysis.statistics.quantiles`)."""
        return quantiles(self._obj, var, q, by, cells=cells, display=display)

    def reduce(self, var: str, stat="median", by=None, *, cells: str = "passed") -> xr.DataArray:
        """One number per group (:func:`twin.analysis.statistics.reduce`)."""
        return reduce(self._obj, var, stat, by, cells=cells)

    # trade-offs
    def process_window(self, x: str, y: str, var: str = "yield", *, stat="median", cells="passed", bins=None):
        """A metric over two swept settings (:func:`twin.analysis.tradeoffs.process_window`)."""
        return process_window(self._obj, x, y, var, stat=stat, cells=cells, bins=bins)

    def main_effects(self, var: str = "yield", *, stat="median", cells="passed") -> dict:
        """The metric per value of each swept setting (:func:`twin.analysis.tradeoffs.main_effects`)."""
        return main_effects(self._obj, var, stat=stat, cells=cells)

    def pareto(self, maximize=("energy_density", "yield"), minimize=("cost_per_kwh",), *, stat="median", cells="passed"):
        """Pareto front over sweep points (:func:`twin.analysis.tradeoffs.pareto`)."""
        return pareto(self._obj, maximize, minimize, stat=stat, cells=cells)

    # sensitivity, line and cost
    def sobol(self, var: str = "yield", **kw) -> xr.Dataset:
        """First- and total-order Sobol indices (:func:`twin.analysis.sensitivity.sobol`)."""
        return sobol(self._obj, var, **kw)

    def stations(self) -> xr.Dataset:
        """Utilisation, flow and bottleneck per station (:func:`twin.analysis.stations.stations`)."""
        return stations(self._obj)

    def cost_breakdown(self, by=None) -> xr.Dataset:
        """Cost per good cell by category (:func:`twin.analysis.stations.cost_breakdown`)."""
        return cost_breakdown(self._obj, by)

    # model uncertainty (studies over parameter draws)
    def credible(self, var: str = "yield", stat: str = "median", *, cells: str = "passed", level: float | None = None):
        """Median and credible interval of an answer over the parameter draws, per sweep point
        (:func:`twin.analysis.uncertainty.credible_intervals`)."""
        return credible_intervals(self._obj, var, stat, cells=cells, level=level)

    def variance_shares(self, var: str = "yield"):
        """Share of the variance from each uncertain parameter and from process scatter
        (:func:`twin.analysis.uncertainty.variance_shares`)."""
        return variance_shares(self._obj, var)
