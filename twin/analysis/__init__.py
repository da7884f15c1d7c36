"""Analysis of a results Dataset: functions that read only the Dataset, and the thin ``ds.twin`` accessor.

Importing :mod:`twin` (or this package) registers the accessor.
"""

from .accessor import TwinAccessor
from .grouping import design, gate_limits, sweep_coords
from .losses import cell_gate, final_yield, waterfall
from .sensitivity import sobol
from .stations import cost_breakdown, stations
from .statistics import quantiles, reduce
from .tradeoffs import main_effects, pareto, pareto_mask, process_window
from .uncertainty import credible_intervals, variance_shares

__all__ = ["TwinAccessor", "final_yield", "cell_gate", "waterfall", "quantiles", "reduce", "process_window",
           "main_effects", "pareto", "pareto_mask", "sobol", "stations", "cost_breakdown", "sweep_coords", "design",
           "gate_limits", "credible_intervals", "variance_shares"]
