"""Observation model of cold-pressed Li6PS5Cl pellets: density, conductivity and cracking at the pressing pressure.

``lpscl_pressing`` predicts the rows of ``lpscl_pellet_pressing`` (Nature
Energy 2025, doi 10.1038/s41560-025-01847-0: 83 % dense after 400 MPa; Yan et
al., J. Colloid Interface Sci. 2026, read via a summary: 1.02 and
1.54 mS/cm after 250 and 625 MPa, crack-free at 625 MPa, fractured at
750 MPa) at each row's pressing pressure and hold time:

* ``relative_density``: the Heckel line of :func:`process_models.cold_pressing.cold_press`;
* ``ionic_conductivity``: :func:`process_models.conductivity.ionic_conductivity`
  of a pellet of that density (percolation law, room temperature unless
  the row states one);
* ``cracked`` (1 if the pellet cracked, 0 if not): the Weibull crack
  probability of ``cold_press``, scored with a Bernoulli likelihood.

It informs the ``HECKEL_PARAMETERS.Li6PS5Cl`` slope ``heckel_k`` and
intercept ``heckel_a``, the ``CONDUCTION_PARAMETERS.Li6PS5Cl``
percolation threshold (which the Heckel fit was made with), and the crack
pressure and modulus. A hold time the row does not state is the parameter
set's reference hold (10 min [assumed, range 1-30 min of lab die pressing]);
the conductivity's test temperature is not stated either (room temperature,
298.15 K, taken [assumed, range 293-303 K]).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from process_models import conductivity
from process_models.cold_pressing import cold_press, get_heckel_parameters
from process_models.constants import ROOM_TEMPERATURE

from .observation_model import ObservationModel, column

__all__ = ["PRESSING_MODELS", "LPSCL"]

#: the powder of the shipped pellets
LPSCL = "Li6PS5Cl"


def _pressing(rows: pd.DataFrame) -> np.ndarray:
    """Relative density [-], conductivity [S m-1] or crack probability [-] of a pellet pressed at the row's pressure."""
    hold = column(rows, "hold_time", get_heckel_parameters(LPSCL).reference_hold_time)
    pressed = cold_press(column(rows, "pressing_pressure", np.nan), hold_time=hold, material=LPSCL, params=LPSCL)
    sigma = conductivity.ionic_conductivity(pressed.relative_density,
                                            temperature=column(rows, "temperature", ROOM_TEMPERATURE), material=LPSCL)
    q = rows["quantity"].to_numpy()
    return np.select([q == "relative_density", q == "cracked"], [pressed.relative_density, pressed.crack_probability],
                     sigma)


PRESSING_MODELS = (
    ObservationModel("lpscl_pressing", ("relative_density", "ionic_conductivity", "cracked"), _pressing,
                     ("pressing_pressure",), "pressing_pressure",
                     "density, conductivity and crack probability of cold-pressed Li6PS5Cl (Heckel, percolation, "
                     "Weibull) at the row's pressing pressure", binary=("cracked",)),
)
