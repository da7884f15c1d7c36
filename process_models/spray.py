"""Layer-by-layer spray deposition of electrolyte and composite-cathode films.

Per-layer (as-deposited) thickness from a mass balance over one pass
(physics.md §4)::

    t_layer = eta * mdot / (rho_bulk * (1 - porosity) * v * w)

Three processes (roadmap, Pasta et al., J. Phys. Energy 2, 032008, 2020):

* ``"oxide_flash_sinter"`` — garnet sub-layers, each rapidly pressure-less
  sintered before the next (Fig. 16 [seed]). Every firing closes a fraction
  ``beta`` of the remaining gap to a maximum density ``D_max``; a layer that
  sees ``k`` firings has ``D_k = D_g + (D_max - D_g)(1 - (1 - beta)**k)``. The
  film is constrained by its substrate, so it shrinks in thickness only
  (mass per area conserved), and the film density is the harmonic mean
  ``n / sum_k 1/D_k``.
* ``"sulphide_reprecipitation"`` — Li6PS5Cl dissolved, sprayed and
  re-precipitated layer by layer (Fig. 17 [seed]: 60 µm from 30 layers). No
  firing: density ``1 - porosity``; solvent exposure costs ionic conductivity
  (Ruhl et al. [read]), a fixed ``conductivity_factor``.
* ``"cathode"`` — composite cathode sub-layers, flash-sintered like the oxide
  (Fig. 16 [seed]); ``conductivity_factor = 1``.

A through-thickness pinhole needs a defect in every one of ``n`` independent
layers: ``p = p_layer**n`` (physics.md §4).

SI units: mass flow [kg s-1], speed [m s-1], lengths [m], density [kg m-3].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

import numpy as np

from process_models.materials import get_electrolyte
from .registry import lookup
from .validation import in_range as _in_range
from .validation import positive as _positive

__all__ = [
    "SprayedFilm",
    "SprayProcess",
    "SPRAY_PROCESSES",
    "SPRAY_SETTINGS",
    "get_spray_process",
    "layer_thickness",
    "through_pinhole_probability",
    "flash_sintered_density",
    "spray_film",
]


class SprayedFilm(NamedTuple):
    """Result of :func:`spray_film`.

    Attributes
    ----------
    thickness : numpy.ndarray
        Final film thickness [m].
    layer_thickness : numpy.ndarray
        Mean final thickness of one layer [m].
    relative_density : numpy.ndarray
        Relative density of the film [-] in (0, 1].
    pinhole_probability : numpy.ndarray
        Probability of a through-thickness pinhole [-] in [0, 1].
    conductivity_factor : numpy.ndarray
        Multiplier on ionic conductivity from the process [-] in (0, 1]
        (pass as ``retained_fraction`` to
        :func:`process_models.conductivity.ionic_conductivity`).
    deposited_layer_thickness : numpy.ndarray
        As-deposited (green) thickness of one layer [m].
    """

    thickness: np.ndarray
    layer_thickness: np.ndarray
    relative_density: np.ndarray
    pinhole_probability: np.ndarray
    conductivity_factor: np.ndarray
    deposited_layer_thickness: np.ndarray


@dataclass(frozen=True)
class SprayProcess:
    """Parameters of one spray process.

    Attributes
    ----------
    name : str
        Registry name.
    family : {"oxide", "sulphide", None}
        Electrolyte family the process applies to (None: any).
    sinters : bool
        Whether each layer is flash-sintered before the next.
    max_density : float
        ``D_max`` reached by repeated flash firing [-].
    densification_per_firing : float
        ``beta``, fraction of the gap to ``D_max`` closed by one firing [-].
    conductivity_factor : float
        Multiplier on ionic conductivity [-].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    family: str | None
    sinters: bool
    max_density: float
    densification_per_firing: float
    conductivity_factor: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_FLASH_SOURCES = {
    "max_density": (
        "0.95 [seed-based]: short firing (< 1 h) of garnet gives 95 % density (roadmap, Pasta et "
        "al. 2020 [seed]; Yi et al. 2017: 95 +- 1 % at 1130 C/0.3 h [read])"
    ),
    "densification_per_firing": (
        "0.8 [assumed]: one ~10 s pulsed/flash firing (roadmap: being explored [seed]) takes a "
        "65 % dense layer to 89 %; the layers below densify further on later firings"
    ),
}

SPRAY_PROCESSES: Mapping[str, SprayProcess] = MappingProxyType(
    {
        "oxide_flash_sinter": SprayProcess(
            name="oxide_flash_sinter",
            family="oxide",
            sinters=True,
            max_density=0.95,
            densification_per_firing=0.8,
            conductivity_factor=1.0,
            sources={
                **_FLASH_SOURCES,
                "conductivity_factor": (
                    "1: porosity enters through relative_density; Li loss, secondary phase and grain "
                    "size belong to the sintering model and ionic_conductivity's arguments"
                ),
            },
        ),
        "sulphide_reprecipitation": SprayProcess(
            name="sulphide_reprecipitation",
            family="sulphide",
            sinters=False,
            max_density=1.0,
            densification_per_firing=0.0,
            conductivity_factor=0.3,
            sources={
                "conductivity_factor": (
                    "0.3 [assumed within a read bracket]: re-precipitation may lower conductivity "
                    "(roadmap [seed]); solvent exposure harms Li6PS5Cl even when XRD is unchanged "
                    "(Ruhl, Riegger, Ghidiu & Zeier, Adv. Energy Sustain. Res. 2021, abstract read; "
                    "no number read). Bracket: dissolution-precipitation Li6PS5Cl from "
                    "ethanol/acetonitrile 0.2 mS/cm (Rosero-Navarro et al. 2023, read) = 0.07 of "
                    "the 3 mS/cm bulk; solution-engineered Li6-yPS5-yCl1+y up to 3.9 mS/cm "
                    "(Zhou et al., ACS Energy Lett. 4, 265, 2019, read) ~ 1"
                ),
            },
        ),
        "cathode": SprayProcess(
            name="cathode",
            family=None,
            sinters=True,
            max_density=0.95,
            densification_per_firing=0.8,
            conductivity_factor=1.0,
            sources={
                **_FLASH_SOURCES,
                "sinters": "composite cathode sub-layers are flash-sintered like the LLZTO (Fig. 16 [seed])",
                "conductivity_factor": "1: not needed for the cathode (brief)",
            },
        ),
    }
)

#: Named spray settings (keyword arguments of :func:`spray_film`) reproducing
#: the roadmap examples. Mass flows are solids mass flows.
SPRAY_SETTINGS: Mapping[str, Mapping[str, object]] = MappingProxyType(
    {
        "roadmap_fig17_LPSCl": MappingProxyType(
            {
                "n_layers": 30,
                "mass_flow": 4.9e-7,
                "transfer_efficiency": 0.5,
                "traverse_speed": 0.01,
                "spray_width": 0.01,
                "layer_porosity": 0.35,
                "process": "sulphide_reprecipitation",
                "material": "Li6PS5Cl",
                "sources": (
                    "n_layers = 30 and the 60 um target: roadmap Fig. 17 [seed]. Mass flow "
                    "(29 mg/min of solids, e.g. ~0.7 mL/min of a 5 wt% solution; scaled from 26 when the "
                    "Li6PS5Cl density was corrected from 1.64 to 1.86 g/cm3), transfer "
                    "efficiency 0.5 (inside physics.md's 0.3-0.8 [verify]), 10 mm/s traverse, "
                    "10 mm spray width and 35 % porosity are [assumed] airbrush-scale values "
                    "chosen to give 2.0 um per layer"
                ),
            }
        ),
        "roadmap_fig16_LLZTO": MappingProxyType(
            {
                "n_layers": 3,
                "mass_flow": 4.9e-6,
                "transfer_efficiency": 0.5,
                "traverse_speed": 0.01,
                "spray_width": 0.01,
                "layer_porosity": 0.35,
                "process": "oxide_flash_sinter",
                "material": "Ta-LLZO",
                "sources": (
                    "three ~5 um sub-layers, each flash-sintered: roadmap Fig. 16 [seed]; spray "
                    "settings [assumed], chosen for ~5 um per sintered layer"
                ),
            }
        ),
        "roadmap_fig16_cathode": MappingProxyType(
            {
                "n_layers": 3,
                "mass_flow": 4.1e-6,
                "transfer_efficiency": 0.5,
                "traverse_speed": 0.01,
                "spray_width": 0.01,
                "layer_porosity": 0.35,
                "process": "cathode",
                "material": "Ta-LLZO",
                "bulk_density": 4500.0,
                "sources": (
                    "three ~5 um composite sub-layers (LCO + LLZTO + carbon + 5 % binder + 5 % "
                    "Al2O3): roadmap Fig. 16 [seed]; composite density 4.5 g/cm3 [assumed, volume "
                    "average of LCO ~5.0, LLZTO ~5.4 and carbon ~2 g/cm3]; spray settings [assumed]"
                ),
            }
        ),
    }
)


def get_spray_process(process: str | SprayProcess) -> SprayProcess:
    """Return the named spray process (or ``process`` unchanged).

    Raises
    ------
    KeyError
        If the name is unknown; the message lists the valid names.
    """
    return lookup(SPRAY_PROCESSES, process, "spray process")


def _n_layers(n_layers):
    n = np.asarray(n_layers, dtype=float)
    if np.any(~np.isfinite(n)) or np.any(np.rint(n) < 1):
        raise ValueError(f"n_layers must be >= 1; got {n}")
    return np.rint(n).astype(int)


def layer_thickness(
    mass_flow,
    transfer_efficiency,
    traverse_speed,
    spray_width,
    *,
    porosity=0.35,
    material="Ga-LLZO",
    bulk_density=None,
) -> np.ndarray:
    """As-deposited thickness of one sprayed layer.

    ``t = eta * mdot / (rho_bulk * (1 - porosity) * v * w)``

    Parameters
    ----------
    mass_flow : array_like
        Solids mass flow leaving the nozzle, mdot [kg s-1].
    transfer_efficiency : array_like
        Fraction of the sprayed solids that lands in the film, eta [-] in (0, 1]
        (physics.md: ~0.3-0.8 [verify]).
    traverse_speed : array_like
        Nozzle speed over the substrate, v [m s-1].
    spray_width : array_like
        Width of the deposited track, w [m].
    porosity : array_like, optional
        Porosity of the as-deposited layer [-] in [0, 1). Default 0.35
        [assumed: dried particulate/precipitated layer near random packing].
    material : str or ElectrolyteMaterial, optional
        Electrolyte giving rho_bulk (``theoretical_density``).
    bulk_density : array_like, optional
        Override of rho_bulk [kg m-3] (e.g. a composite cathode).

    Returns
    -------
    numpy.ndarray
        Layer thickness [m].

    References
    ----------
    physics.md §4 (mass balance; form [verify], it is a plain mass balance).
    """
    rho = get_electrolyte(material).theoretical_density if bulk_density is None else _positive("bulk_density", bulk_density)
    mdot = _positive("mass_flow", mass_flow)
    eta = _in_range("transfer_efficiency", transfer_efficiency, 0.0, 1.0, low_inc=False)
    v = _positive("traverse_speed", traverse_speed)
    w = _positive("spray_width", spray_width)
    p = _in_range("porosity", porosity, 0.0, 1.0, high_inc=False)
    return np.asarray(eta * mdot / (rho * (1.0 - p) * v * w), dtype=float)


def through_pinhole_probability(p_layer, n_layers) -> np.ndarray:
    """Probability of a pinhole through ``n`` independent sprayed layers.

    ``p = p_layer**n``: a through-path needs a defect in every layer at the
    same place, so the probability falls geometrically with the layer count
    (ratio ``p_layer`` between successive ``n``).

    Parameters
    ----------
    p_layer : array_like
        Probability that one layer has a pinhole at a given site [-] in [0, 1].
    n_layers : array_like
        Number of layers [-], >= 1 (rounded to the nearest integer).

    Returns
    -------
    numpy.ndarray
        Through-thickness pinhole probability [-].

    References
    ----------
    physics.md §4.
    """
    p = _in_range("p_layer", p_layer, 0.0, 1.0)
    return np.asarray(p ** _n_layers(n_layers), dtype=float)


def flash_sintered_density(n_layers, green_density, max_density=0.95, densification_per_firing=0.8):
    """Film density after layer-by-layer flash sintering.

    Layer ``i`` (1 = bottom) is fired ``k = n - i + 1`` times:
    ``D_k = D_g + max(D_max - D_g, 0) * (1 - (1 - beta)**k)``.
    The substrate-constrained film shrinks in thickness only, so the film
    density is the harmonic mean ``D = n / sum_k (1 / D_k)``.

    Parameters
    ----------
    n_layers : array_like
        Number of layers [-], >= 1 (rounded).
    green_density : array_like
        As-deposited relative density ``D_g`` [-] in (0, 1].
    max_density : float
        ``D_max`` [-].
    densification_per_firing : float
        ``beta`` [-] in [0, 1].

    Returns
    -------
    numpy.ndarray
        Relative density of the film [-].
    """
    n = _n_layers(n_layers)
    dg = _in_range("green_density", green_density, 0.0, 1.0, low_inc=False)
    n, dg = np.broadcast_arrays(n, dg)
    k = np.arange(1, int(n.max()) + 1)
    gap = np.maximum(max_density - dg, 0.0)[..., None]
    beta = float(densification_per_firing)
    if not 0.0 <= beta <= 1.0:
        raise ValueError(f"densification_per_firing must lie in [0, 1]; got {beta}")
    dk = dg[..., None] + gap * (1.0 - (1.0 - beta) ** k)
    inv = np.where(k <= n[..., None], 1.0 / dk, 0.0).sum(axis=-1)
    return np.asarray(n / inv, dtype=float)


def spray_film(
    n_layers,
    mass_flow,
    transfer_efficiency,
    traverse_speed,
    spray_width,
    *,
    layer_porosity=0.35,
    pinhole_probability_per_layer=0.05,
    process="oxide_flash_sinter",
    material="Ga-LLZO",
    bulk_density=None,
) -> SprayedFilm:
    """Thickness, density, pinholes and conductivity factor of a sprayed film.

    ``t_g = eta mdot / (rho (1 - porosity) v w)`` per layer; sintering
    processes densify each layer by repeated flash firing
    (:func:`flash_sintered_density`) and shrink it in thickness,
    ``t = t_g (1 - porosity) / D``; ``thickness = n * t``;
    ``pinhole = p_layer**n``.

    Parameters
    ----------
    n_layers : int or array_like
        Number of sprayed layers [-], >= 1 (rounded to the nearest integer).
    mass_flow : array_like
        Solids mass flow [kg s-1].
    transfer_efficiency : array_like
        Fraction of sprayed solids deposited [-] in (0, 1].
    traverse_speed : array_like
        Nozzle traverse speed [m s-1].
    spray_width : array_like
        Deposited track width [m].
    layer_porosity : array_like, optional
        As-deposited layer porosity [-] in [0, 1). Default 0.35 [assumed].
    pinhole_probability_per_layer : array_like, optional
        Pinhole probability of one layer [-]. Default 0.05 [assumed].
    process : {"oxide_flash_sinter", "sulphide_reprecipitation", "cathode"}
        Process name (see :data:`SPRAY_PROCESSES`).
    material : str or ElectrolyteMaterial, optional
        Electrolyte (its family must match the process; any for "cathode").
    bulk_density : array_like, optional
        Override of the solids density [kg m-3] (composite cathode).

    Returns
    -------
    SprayedFilm
        Film thickness [m], mean layer thickness [m], relative density [-],
        through-pinhole probability [-], conductivity factor [-],
        as-deposited layer thickness [m].

    References
    ----------
    Roadmap (Pasta et al. 2020) Figs. 16-17 [seed]; physics.md §4. Check:
    :data:`SPRAY_SETTINGS` ["roadmap_fig17_LPSCl"] gives 60.8 um from 30 layers.
    """
    proc = get_spray_process(process)
    mat = get_electrolyte(material)
    if proc.family is not None and mat.family != proc.family:
        raise ValueError(f"process {proc.name!r} needs a {proc.family} electrolyte; {mat.name!r} is {mat.family}")
    n = _n_layers(n_layers)
    t_green = layer_thickness(
        mass_flow, transfer_efficiency, traverse_speed, spray_width,
        porosity=layer_porosity, material=mat, bulk_density=bulk_density,
    )
    green_density = 1.0 - np.asarray(layer_porosity, dtype=float)
    if proc.sinters:
        density = flash_sintered_density(n, green_density, proc.max_density, proc.densification_per_firing)
    else:
        density = np.broadcast_to(green_density, np.broadcast(n, green_density).shape).astype(float)
    t_layer = t_green * green_density / density
    pinhole = through_pinhole_probability(pinhole_probability_per_layer, n)
    fields = np.broadcast_arrays(n * t_layer, t_layer, density, pinhole, np.asarray(proc.conductivity_factor, dtype=float), t_green)
    return SprayedFilm(*(np.array(f, dtype=float) for f in fields))
