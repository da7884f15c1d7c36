"""Observation models of Li | Li6PS5Cl | Li symmetric cells: the stepped critical-current test and cycling to a short.

Both run the interface physics of :mod:`process_models.anode_cycling`
(voids, filaments, severing, cracks) through the cells' own protocol
(:mod:`twin.calibration.symmetric_cell`), at each row's conditions, for the
median cell (largest flaw at the weakest-link quantile 0.5 over a 1/4-inch
lab-cell area, as the plating calibration [assumed: the cells' areas are
not in the datasets; lab cells span ~0.2-1.3 cm2 (5-13 mm dies), which moves
the largest flaw of an 82 %-dense pellet of 5 um powder by -4 % to +14 %;
one cell per condition may sit anywhere in the weakest-link distribution,
quantile ~0.1-0.9, which moves it by -11 % to +18 %]):

``singh2022_stepped``
    ``short_current_density`` and ``contact_loss_current_density`` of
    ``singh2022_lpscl_grain_size`` (Singh et al., Cell Rep. Phys. Sci. 3,
    101043, 2022, full text read): the current of the step at which a cell
    with Li attached at the row's attachment pressure, cycled at the row's
    stack pressure (0: "without stack pressure") with the row's capacity per
    half-cycle, fails -- whatever the mode; the mode the model gives is
    reported by :func:`singh_stepped` and compared in docs/validation.md.
    The pellet is the one the dataset's rows with the same ``sample`` label
    describe (:data:`SINGH_PELLETS`); its thickness and the current steps are
    not in the dataset and are taken as the repo's validation takes them
    (1 mm, 0.1 mA/cm2 steps). Informs the void depth
    (``VOID_PARAMETERS.default.void_depth``, fitted to the 20 MPa row) and
    the plating limit.
``doux2020_cycling``
    ``time_to_short`` of ``doux2020_stack_pressure`` (Doux et al., AEM 10,
    1903253, 2020): symmetric cells of the row's pellet (thickness,
    porosity; 5 um powder [assumed, as the repo's validation]) with Li
    attached at the stack pressure, cycled at the row's current with the
    row's capacity per half-cycle. A cell the stack pressure alone shorts at
    assembly (:func:`process_models.shorts.assembly_short`) shorts at 0 h;
    one that has not shorted within :data:`HORIZON` is reported at the
    horizon (a lower bound on the model's time: a right-censored
    prediction). The likelihood scores it as a time of exactly the horizon,
    which for a measured time below the horizon is the most favourable time
    the censored prediction allows (an upper bound of its censored
    likelihood), and for a bound above ("> 1000 h") meets it; its residual in
    units of the measurement error depends on the horizon and is not shown
    in docs/validation.md. Informs the network
    focusing and the retention of fractured filaments
    (``FILAMENT_PARAMETERS.default``), whose product sets how far a severed
    filament advances per cycle. The 75 MPa row ("at once", 0 h, no current
    stated) and the full-cell row are not predicted (docs/validation.md).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from process_models import shorts
from process_models.critical_current import critical_plating_current

from .observation_model import HOUR, MA_CM2, ObservationModel, column
from .symmetric_cell import largest_flaw, pellet_interface, stepped_failure, cycling_short_time

__all__ = ["FAILURE_MODELS", "SINGH_PELLETS", "SINGH_STEPS", "PELLET_THICKNESS", "DOUX_GRAIN", "HORIZON",
           "singh_stepped"]

#: Singh 2022's pellets as the dataset's rows describe them (same sample label): porosity [-] and grain size [m]
#: (large: 20-40 um, the middle taken [assumed, range 20-40 um]; small: < 0.5 um, the bound taken [assumed,
#: range ~0.1-0.5 um])
SINGH_PELLETS = {"large_grain": {"porosity": 0.08, "grain_size": 30e-6},
                 "small_grain": {"porosity": 0.17, "grain_size": 0.5e-6}}
#: the current steps of the stepped test [A m-2]: 0.1 mA/cm2 steps up to 3 mA/cm2 [assumed, range 0.05-0.2
#: mA/cm2: Singh's step is not in the dataset; as tests/validation/test_failure_in_time.py]
SINGH_STEPS = np.arange(1, 31) * 0.1 * MA_CM2
#: pellet thickness where a row states none [m] (~1 mm [assumed, range 0.5-1.5 mm of die-pressed lab pellets;
#: as tests/validation/test_failure_in_time.py])
PELLET_THICKNESS = 1e-3
#: particle size of Doux's pellets [m] [assumed, range 1-10 um of argyrodite powders; not in the dataset; as
#: tests/validation/test_failure_in_time.py]
DOUX_GRAIN = 5e-6
#: cycling time after which a cell that has not shorted is reported [s]: a bound of the computation (twice
#: Doux's longest test, > 1000 h), not a physical value
HORIZON = 2000 * HOUR
LPSCL = "Li6PS5Cl"


def _singh_pellets(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(relative density, grain size) of each row's pellet, from its sample label."""
    labels = rows["sample"].astype(str).tolist() if "sample" in rows else [""] * len(rows)
    unknown = sorted(set(labels) - set(SINGH_PELLETS))
    if unknown:
        raise ValueError(f"sample(s) {unknown} are not Singh 2022's pellets ({', '.join(SINGH_PELLETS)})")
    return (np.array([1 - SINGH_PELLETS[s]["porosity"] for s in labels]),
            np.array([SINGH_PELLETS[s]["grain_size"] for s in labels]))


def singh_stepped(rows: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Failure current [A m-2] (the last step where none) and mode (1 short, 2 contact loss) of each row's cell."""
    rho, grain = _singh_pellets(rows)
    stack = column(rows, "stack_pressure", 0.0)
    itf = pellet_interface(rho, column(rows, "thickness", PELLET_THICKNESS), grain, stack,
                           column(rows, "attachment_pressure", 0.0), electrolyte=LPSCL)
    current, mode = stepped_failure(itf, SINGH_STEPS, column(rows, "areal_capacity", np.nan))
    return np.where(np.isnan(current), SINGH_STEPS[-1], current), mode


def _singh(rows: pd.DataFrame) -> np.ndarray:
    return singh_stepped(rows)[0]


def _doux(rows: pd.DataFrame) -> np.ndarray:
    """Time to short [s] of each row's symmetric cell (0 at assembly, HORIZON where none)."""
    rho = 1 - column(rows, "porosity", np.nan)
    thickness, stack = column(rows, "thickness", np.nan), column(rows, "stack_pressure", np.nan)
    j = column(rows, "current_density", np.nan)
    itf = pellet_interface(rho, thickness, DOUX_GRAIN, stack, stack, electrolyte=LPSCL)
    flaw = largest_flaw(rho, DOUX_GRAIN, electrolyte=LPSCL)
    ccp = critical_plating_current(rho, flaw, stack_pressure=stack, electrolyte=LPSCL)
    at_once = shorts.assembly_short(ccp, stack, rho, thickness, flaw)
    time = cycling_short_time(itf, np.where(at_once, 0.0, j), column(rows, "areal_capacity", np.nan) / j, HORIZON)
    return np.where(at_once, 0.0, time)


FAILURE_MODELS = (
    ObservationModel("singh2022_stepped", ("short_current_density", "contact_loss_current_density"), _singh,
                     ("attachment_pressure", "areal_capacity"), "attachment_pressure",
                     "current at which a stepped-current Li | Li6PS5Cl | Li cell fails (Singh 2022's pellets), "
                     "whatever the mode"),
    ObservationModel("doux2020_cycling", ("time_to_short",), _doux,
                     ("stack_pressure", "current_density", "areal_capacity", "thickness", "porosity"), "stack_pressure",
                     "time to short of a Li | Li6PS5Cl | Li cell cycled at constant current under the row's stack "
                     "pressure (Doux 2020)"),
)
