"""Process variability: fixed values and distributions of SI quantities.

Any process variable in a scenario may be a distribution::

    blade_gap: {dist: normal, mean: "100 um", sd: "2 um"}
    dwell_temperature: {dist: truncnormal, mean: "1130 degC", sd: "5 degC", low: "1110 degC", high: "1150 degC"}
    slurry_viscosity: {dist: lognormal, mean: "3 Pa*s", sd: "0.3 Pa*s"}
    solids_fraction: {dist: uniform, low: 0.40, high: 0.44}
    process_time: {dist: triangular, low: "5 min", mode: "6 min", high: "9 min"}
    stack_pressure: "5 MPa"                     # fixed (same as {dist: fixed, value: "5 MPa"})

Parameters are converted to SI when the scenario is loaded; spreads (``sd``)
of temperatures in degC are differences (kelvin). A lognormal is given by the
mean and standard deviation of the quantity itself (not of its logarithm).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .units import UnitError, to_si

__all__ = ["Distribution", "DIST_PARAMS", "parse_distribution", "sample", "location"]

#: dist name -> (required parameter names, which of them are spreads)
DIST_PARAMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "fixed": (("value",), ()),
    "normal": (("mean", "sd"), ("sd",)),
    "truncnormal": (("mean", "sd", "low", "high"), ("sd",)),
    "lognormal": (("mean", "sd"), ("sd",)),
    "uniform": (("low", "high"), ()),
    "triangular": (("low", "mode", "high"), ()),
}


@dataclass(frozen=True)
class Distribution:
    """A distribution of one SI quantity (parameters in SI)."""

    dist: str
    params: tuple[tuple[str, float], ...]

    def p(self, name: str) -> float:
        return dict(self.params)[name]

    def shifted(self, new_location: float) -> "Distribution":
        """Same spread, centred on ``new_location`` (used by sweeps)."""
        shift = new_location - location(self)
        if self.dist == "lognormal":
            return Distribution(self.dist, tuple((k, new_location if k == "mean" else v * new_location / location(self)) for k, v in self.params))
        return Distribution(self.dist, tuple((k, v if k == "sd" else v + shift) for k, v in self.params))

    def widened(self, k: float) -> "Distribution":
        """The spread scaled by ``k`` about the central value (ramp-up); bounds of a truncnormal are kept."""
        p, c = dict(self.params), location(self)
        if self.dist in ("normal", "truncnormal", "lognormal"):
            p["sd"] = p["sd"] * k
        elif self.dist in ("uniform", "triangular"):
            p["low"], p["high"] = c - k * (c - p["low"]), c + k * (p["high"] - c)
        return Distribution(self.dist, tuple((name, p[name]) for name, _ in self.params))

    def bounds(self) -> tuple[float, float]:
        """Support of the distribution (may be infinite) [SI]."""
        d = dict(self.params)
        if self.dist == "fixed":
            return d["value"], d["value"]
        if self.dist == "normal":
            return -math.inf, math.inf
        if self.dist == "lognormal":
            return 0.0, math.inf
        return d["low"], d["high"]


def location(d: "Distribution | float") -> float:
    """Central value: the fixed value, the mean, or the mode [SI]."""
    if not isinstance(d, Distribution):
        return float(d)
    p = dict(d.params)
    if d.dist == "fixed":
        return p["value"]
    if d.dist in ("normal", "truncnormal", "lognormal"):
        return p["mean"]
    if d.dist == "uniform":
        return 0.5 * (p["low"] + p["high"])
    return p["mode"]


def parse_distribution(raw: dict[str, Any], kind: str) -> Distribution:
    """Validate a ``{dist: ..., ...}`` mapping and convert it to SI.

    Raises ``ValueError`` naming the offending key and what was expected.
    """
    name = raw.get("dist")
    if name is None:
        raise ValueError("a distribution needs a 'dist' key, one of: " + ", ".join(DIST_PARAMS))
    if name not in DIST_PARAMS:
        raise ValueError(f"unknown distribution {name!r}; valid: {', '.join(DIST_PARAMS)}")
    required, spreads = DIST_PARAMS[name]
    extra = sorted(set(raw) - set(required) - {"dist"})
    missing = [k for k in required if k not in raw]
    errs = []
    if extra:
        errs.append(f"unknown key(s) {extra} for dist {name!r} (expects {list(required)})")
    if missing:
        errs.append(f"missing key(s) {missing} for dist {name!r}")
    if errs:
        raise ValueError("; ".join(errs))
    params = {}
    for k in required:
        try:
            params[k] = to_si(raw[k], kind, difference=k in spreads)
        except UnitError as exc:
            raise ValueError(f"{k}: {exc}") from None
    if "sd" in params and params["sd"] < 0:
        raise ValueError("sd must be >= 0")
    if name == "lognormal" and params["mean"] <= 0:
        raise ValueError("lognormal mean must be > 0")
    if name in ("uniform", "truncnormal") and not params["low"] < params["high"]:
        raise ValueError("low must be < high")
    if name == "truncnormal" and not params["low"] <= params["mean"] <= params["high"]:
        raise ValueError("mean must lie between low and high")
    if name == "triangular" and not params["low"] <= params["mode"] <= params["high"] or (
        name == "triangular" and params["low"] == params["high"]
    ):
        raise ValueError("triangular needs low <= mode <= high and low < high")
    return Distribution(name, tuple((k, params[k]) for k in required))


def sample(d: "Distribution | float", rng: np.random.Generator, n: int) -> np.ndarray:
    """Draw ``n`` values [SI]. A plain float gives ``n`` copies (no draw)."""
    if not isinstance(d, Distribution):
        return np.full(n, float(d))
    p = dict(d.params)
    if d.dist == "fixed":
        return np.full(n, p["value"])
    if d.dist == "normal":
        return rng.normal(p["mean"], p["sd"], n)
    if d.dist == "truncnormal":
        if p["sd"] == 0:
            return np.full(n, p["mean"])
        a, b = (p["low"] - p["mean"]) / p["sd"], (p["high"] - p["mean"]) / p["sd"]
        from scipy import stats  # imported on first use: scipy.stats costs ~0.4 s to import

        return stats.truncnorm.rvs(a, b, loc=p["mean"], scale=p["sd"], size=n, random_state=rng)
    if d.dist == "lognormal":
        s2 = math.log1p((p["sd"] / p["mean"]) ** 2)
        return rng.lognormal(math.log(p["mean"]) - 0.5 * s2, math.sqrt(s2), n)
    if d.dist == "uniform":
        return rng.uniform(p["low"], p["high"], n)
    if d.dist == "triangular":
        return rng.triangular(p["low"], p["mode"], p["high"], n)
    raise AssertionError(d.dist)
