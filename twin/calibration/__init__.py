"""Calibration: fit named parameters of the physics to measured data (``twin calibrate``; issue 11, item 3).

The config (:mod:`twin.scenario.calibration_config`) names the parameters
(``REGISTRY.set.field``, with the priors of :mod:`process_models.priors` or
its own), the data (shipped literature datasets or files in the tidy format
of :mod:`twin.data`) and the observation model that predicts each
(:mod:`twin.calibration.observations`; the line itself:
:mod:`twin.calibration.line_observation`). Deterministic models are sampled
with emcee (:mod:`twin.calibration.emcee_backend`, a likelihood exists), the
line's Monte Carlo with ABC-SMC (:mod:`twin.calibration.abc_smc`, it has
none). Evaluations run in this process or on Ray
(:mod:`twin.calibration.parallel`), reproducibly from the seed; the posterior
is an xarray Dataset (:mod:`twin.calibration.posterior`) with a
posterior-predictive figure per dataset (:mod:`twin.calibration.predictive`).

>>> from twin.calibration import calibrate           # doctest: +SKIP
>>> calibrate("calibrations/li_interface_plating.yaml", "posterior.nc")  # doctest: +SKIP
"""

from .run import build_problem, calibrate, read_config, summary_lines

__all__ = ["calibrate", "read_config", "build_problem", "summary_lines"]
