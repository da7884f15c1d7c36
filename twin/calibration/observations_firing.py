"""Observation model of the garnet firing phase path: where the master sintering curve puts strong pore removal.

``jmca2022_pore_removal`` predicts the ``pore_removal_temperature`` row of
``jmca2022_llzo_firing_phase_path`` (J. Mater. Chem. A 10, 9080, 2022,
abstract read: "strong pore removal at >= 1000 degC") as the sintering fit
reads it (``docs/models/sintering.md``, "Fits", step 1): the dwell
temperature at which the reference firing profile reaches the midpoint of
the master sintering curve (``ln Theta = a``, half-way from green to full
density; :func:`process_models.sintering.work_of_sintering`). The profile is
Yi et al. 2017's, the sintering set's reference: 5 K/min up and down and a
0.3 h dwell unless the row states a dwell time. The JMCA specimen and its
heating schedule are not in the repo, so the profile is the fit's
assumption, not the source's condition.

It informs the ``SINTERING_PARAMS.Ga-LLZO-tape`` MSC midpoint
``msc_log_work_mid`` and the activation energy ``activation_energy``
(through the temperature dependence of ``Theta``); with Yi's density at
1130 degC it bounds the MSC width ``msc_width``.

The other rows of that file (La2Zr2O7 at the surface at 550-700 degC,
Li2CO3 decomposing at 700-870 degC on heating) are not predicted: the
model's La2Zr2O7 is the bulk product of Li loss beyond the excess Li, and
its degassing front has no onset temperature (docs/validation.md,
"Posterior-predictive checks").
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.optimize import brentq

from process_models.sintering import get_sintering_params, work_of_sintering

from .observation_model import HOUR, ObservationModel, column

__all__ = ["FIRING_MODELS", "REFERENCE_PROFILE", "GARNET_SET", "midpoint_temperature"]

#: the reference firing of the sintering set (Yi et al. 2017 as the fit takes it): 5 K/min up and down [assumed,
#: range 2-10 K/min: Yi's ramps are not given], 0.3 h dwell (Yi's)
REFERENCE_PROFILE = {"dwell_time": 0.3 * HOUR, "ramp_rate": 5 / 60, "cooling_rate": 5 / 60}
#: the sintering parameter set the fit was made for
GARNET_SET = "Ga-LLZO-tape"
_BRACKET = (400.0, 3000.0)  # K


def midpoint_temperature(dwell_time: float, *, params=GARNET_SET) -> float:
    """Dwell temperature [K] at which the reference profile's work of sintering reaches the MSC midpoint.

    ``ln Theta(T_d) = a``; NaN if no temperature in 400-3000 K does.
    """
    a = get_sintering_params(params).msc_log_work_mid

    def gap(t):
        return float(np.log(work_of_sintering(t, dwell_time, ramp_rate=REFERENCE_PROFILE["ramp_rate"],
                                              cooling_rate=REFERENCE_PROFILE["cooling_rate"], params=params))) - a

    lo, hi = _BRACKET
    if not gap(lo) < 0 < gap(hi):
        return float("nan")
    return float(brentq(gap, lo, hi, xtol=1e-6))


def _pore_removal(rows: pd.DataFrame) -> np.ndarray:
    """Temperature of strong pore removal [K]: the MSC midpoint of the reference firing."""
    dwell = column(rows, "dwell_time", REFERENCE_PROFILE["dwell_time"])
    return np.array([midpoint_temperature(t) for t in dwell])


FIRING_MODELS = (
    ObservationModel("jmca2022_pore_removal", ("pore_removal_temperature",), _pore_removal, (), None,
                     "temperature of strong pore removal: the dwell temperature at which the reference firing "
                     "reaches the master sintering curve's midpoint"),
)
