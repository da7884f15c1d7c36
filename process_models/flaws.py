"""The flaw population of a separator surface and the largest flaw over a cell's area.

Li filaments start at the worst flaw the anode touches, so a cell's plating
limit is set by the largest of the many pores and surface flaws under its
whole area: a weakest-link quantity whose scatter and size effect follow from
the manufactured microstructure rather than from an assumed Weibull modulus.

Population (per unit area of the Li | separator interface):

* pore (flaw) diameters are lognormal with median the Kozeny hydraulic
  diameter of the particle or grain packing,
  ``d_K = (2/3) phi / (1 - phi) d`` (:func:`plating.manufacturing_flaw_size`),
  and log-spread ``s`` (:class:`FlawParams`);
* their number per area follows from the areal porosity of a random section
  (equal to the volume porosity, Delesse's principle):
  ``n_A = phi / (pi/4 E[D^2]) = phi / (pi/4 d_K^2 exp(2 s^2))``;
* a cell of area ``A`` holds ``N = max(1, n_A A)`` of them;
* a dense ceramic also has surface-finish flaws (polishing, grain-boundary
  grooves): lognormal with the same spread around a median size ``a_s``
  (:class:`plating.PlatingParams`), one per grain facet, ``n_s = 1/d^2``.

The largest of ``N`` independent flaws has ``P(a_max <= a) = F(a)^N``; a cell
whose place in that distribution is the uniform quantile ``u`` has

``a_max(u) = d_K exp(s z)``,  ``Phi(z) = u^(1/N)``

(evaluated as ``z = -Phi^-1(1 - u^(1/N))`` with ``1 - u^(1/N) = -expm1(ln u / N)``
so that areas of 1e8 flaws keep full precision). Its scatter narrows and its
median grows as ``sqrt(2 ln N)`` with the area: larger cells are weaker, as in
a Weibull size effect, but with the shape of the extreme of a lognormal
(Gumbel domain) set by ``s`` and ``N``. A through-thickness pinhole is a flaw
the size of the separator thickness. The cell's largest flaw is the larger
of its largest pore and its largest surface flaw, both at the same quantile
(the cell's one draw; the two populations are not resampled apart).

Units: m, m2, [-].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np
from scipy.special import ndtri

from .registry import lookup

__all__ = ["LAB_CELL_AREA", "MIN_POROSITY", "kozeny_pore_size", "FlawParams", "FLAW_PARAMETERS", "get_flaw_params", "flaw_count", "largest_flaw"]

#: Area of the lab cells the plating calibration comes from [m2]: 1/4-inch (6.35 mm)
#: pellets as in Cao et al. 2023 [seed], 0.317 cm2.
LAB_CELL_AREA = np.pi * (6.35e-3 / 2) ** 2


#: residual porosity of a "fully dense" ceramic [-] [assumed]
MIN_POROSITY = 1e-3


def kozeny_pore_size(relative_density, grain_size) -> np.ndarray:
    """Kozeny hydraulic diameter of the pores of a particle or grain packing.

    ``d_K = (2/3) phi / (1 - phi) d``,  ``phi = clip(1 - relative_density, 1e-3, 0.999)``
    (the floor is the residual porosity of a "fully dense" ceramic [assumed]).

    Parameters
    ----------
    relative_density : array_like
        Relative density [-] in (0, 1].
    grain_size : array_like
        Grain (sintered) or particle (pressed) size ``d`` [m].

    Returns
    -------
    ndarray
        Pore diameter [m], > 0.

    References
    ----------
    Kozeny-Carman hydraulic diameter of a packed bed, ``D_h = 2 phi d / (3 (1 - phi))``.
    """
    phi = np.clip(1.0 - np.asarray(relative_density, dtype=float), MIN_POROSITY, 0.999)
    return (2.0 / 3.0) * phi / (1.0 - phi) * np.asarray(grain_size, dtype=float)


@dataclass(frozen=True)
class FlawParams:
    """Shape of the flaw population.

    Attributes
    ----------
    name : str
        Registry name.
    size_spread : float
        ``s``: standard deviation of ln(pore diameter) [-].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    size_spread: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


FLAW_PARAMETERS: Mapping[str, FlawParams] = MappingProxyType(
    {
        "default": FlawParams(
            name="default",
            size_spread=0.5,
            sources={
                "size_spread": (
                    "0.5 [assumed], range 0.3-0.8: pore-size distributions of pressed and partially sintered "
                    "ceramic powder compacts span about a decade between their 5 and 95 % points (ln-sd 0.5-0.7) "
                    "in mercury porosimetry; not fitted to an electrolyte. With 0.5 the largest pore in a Cao 2023 "
                    "pellet (84 % dense, 10 um powder, 0.317 cm2) is ~16 um, the ~10 um pores they image [seed]"
                ),
            },
        ),
    }
)


def get_flaw_params(name: str | FlawParams) -> FlawParams:
    """Return the flaw parameter set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(FLAW_PARAMETERS, name, "flaw parameter set")


def flaw_count(relative_density, grain_size, area, *, params="default") -> np.ndarray:
    """Number of pores (flaws) a Li anode of area ``area`` touches.

    ``N = max(1, phi A / (pi/4 d_K^2 exp(2 s^2)))``

    Parameters
    ----------
    relative_density : array_like
        Separator relative density [-] in (0, 1].
    grain_size : array_like
        Grain (sintered) or particle (pressed) size [m], > 0.
    area : array_like
        Interface area [m2], > 0.
    params : str or FlawParams
        Population shape.

    Returns
    -------
    ndarray
        Flaw count [-], >= 1.
    """
    fp = get_flaw_params(params)
    d_k = kozeny_pore_size(relative_density, grain_size)
    phi = np.clip(1.0 - np.asarray(relative_density, dtype=float), MIN_POROSITY, 0.999)
    mean_area = 0.25 * np.pi * d_k**2 * np.exp(2.0 * fp.size_spread**2)
    return np.maximum(1.0, phi * np.asarray(area, dtype=float) / mean_area)


def largest_flaw(
    relative_density,
    grain_size,
    area,
    quantile,
    *,
    pinhole=False,
    electrolyte_thickness=None,
    surface_flaw_size=0.0,
    params="default",
) -> np.ndarray:
    """Size of the largest flaw under a cell's anode at its weakest-link quantile.

    ``a = max(d_K exp(s z(N)), a_s exp(s z(N_s)))``, ``z(N) = -Phi^-1(-expm1(ln u / N))``;
    a pinhole makes ``a >= electrolyte_thickness``. See the module docstring.

    Parameters
    ----------
    relative_density : array_like
        Separator relative density [-].
    grain_size : array_like
        Grain or particle size [m].
    area : array_like
        Cell (anode) area [m2].
    quantile : array_like
        The cell's uniform quantile ``u`` in (0, 1) [-] (drawn by the caller);
        0.5 gives the median largest flaw.
    pinhole : array_like of bool
        Through-thickness pinhole present.
    electrolyte_thickness : array_like, optional
        Separator thickness [m]; required where ``pinhole`` is True.
    surface_flaw_size : array_like
        Median size of the surface-finish flaws [m] (0: none).
    params : str or FlawParams
        Population shape.

    Returns
    -------
    ndarray
        Largest flaw size [m], > 0.
    """
    fp = get_flaw_params(params)
    u = np.clip(np.asarray(quantile, dtype=float), 1e-15, 1.0 - 1e-15)
    d = np.asarray(grain_size, dtype=float)
    n = flaw_count(relative_density, d, area, params=fp)
    a = kozeny_pore_size(relative_density, d) * np.exp(fp.size_spread * _extreme_z(u, n))
    a_s = np.asarray(surface_flaw_size, dtype=float)
    if np.any(a_s > 0):
        n_s = np.maximum(1.0, np.asarray(area, dtype=float) / d**2)
        a = np.maximum(a, a_s * np.exp(fp.size_spread * _extreme_z(u, n_s)))
    ph = np.asarray(pinhole, dtype=bool)
    if np.any(ph):
        if electrolyte_thickness is None:
            raise ValueError("electrolyte_thickness is required where pinhole is True")
        a = np.where(ph, np.maximum(a, np.asarray(electrolyte_thickness, dtype=float)), a)
    return np.broadcast_to(a, np.broadcast_shapes(a.shape, ph.shape)).astype(float)


def _extreme_z(u, n):
    """Standard-normal score of the largest of ``n`` draws at quantile ``u``."""
    return -ndtri(-np.expm1(np.log(u) / n))
