"""Analysis of a results Dataset; importing it registers the ``ds.twin`` accessor."""

from .accessor import BREAKDOWN_MODES, EOL_MODES, INSPECTION_MODES, TwinAccessor, pareto_mask

__all__ = ["TwinAccessor", "pareto_mask", "EOL_MODES", "INSPECTION_MODES", "BREAKDOWN_MODES"]
