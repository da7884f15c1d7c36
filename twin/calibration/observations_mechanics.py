"""Observation model of Li micropillars: the size-dependent yield strength the flaw and filament models use.

``xu2017_pillars`` predicts the rows of ``xu2017_li_micropillars`` (Xu et
al., PNAS 114, 57, 2017: ~1 um pillars yield at 105 MPa at room
temperature and 35 MPa at 90 degC; strength ~ D^-0.68 and D^-1.0) from
:func:`process_models.creep.size_dependent_strength`, the flow stress of Li
in a channel of diameter D that :mod:`process_models.plating` (stack
pressure reaching a flaw) and :mod:`process_models.filaments` (severing)
use, at the row's diameter and temperature (room temperature, 298.15 K,
where the row leaves it empty):

* ``yield_strength``: the flow stress at the row's diameter;
* ``yield_strength_size_exponent``: the local slope ``-d ln sigma / d ln D``
  at the row's diameter, or at 1 um (the size of Xu's anchor pillars) where
  the row gives none.

It informs the ``CREEP_PARAMETERS.Li-LePage2019`` fields
``pillar_strength_1um``, ``pillar_size_exponent`` and their ``_hot``
counterparts. These are Xu's own numbers, so at the default parameters the
check is one of reading (right size, right temperature through the
interpolation), not an independent test of the law.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from process_models.constants import ROOM_TEMPERATURE
from process_models.creep import size_dependent_strength

from .observation_model import ObservationModel, column

__all__ = ["MECHANICS_MODELS", "PILLAR_DIAMETER", "LI_SET"]

#: diameter of Xu's anchor pillars, where a size-exponent row states none [m]
PILLAR_DIAMETER = 1e-6
#: the Li parameter set the flaw and filament models use
LI_SET = "Li-LePage2019"
_H = 1e-3  # half-width of the log-difference for the local slope [-]


def _pillars(rows: pd.DataFrame) -> np.ndarray:
    """Flow stress [Pa] or its size exponent [-] at the row's pillar diameter and temperature."""
    d = column(rows, "diameter", PILLAR_DIAMETER)
    t = column(rows, "temperature", ROOM_TEMPERATURE)
    strength = size_dependent_strength(d, t, params=LI_SET)
    slope = -np.log(size_dependent_strength(d * np.exp(_H), t, params=LI_SET)
                    / size_dependent_strength(d * np.exp(-_H), t, params=LI_SET)) / (2 * _H)
    return np.where(rows["quantity"].to_numpy() == "yield_strength", strength, slope)


MECHANICS_MODELS = (
    ObservationModel("xu2017_pillars", ("yield_strength", "yield_strength_size_exponent"), _pillars, (), "temperature",
                     "size-dependent flow stress of Li and its size exponent (Xu 2017 micropillars) at the row's "
                     "diameter and temperature"),
)
