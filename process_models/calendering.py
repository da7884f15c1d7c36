"""Calendering of composite cathodes: compaction in the roll nip, spring-back, and cracking of the catholyte.

A calender pass squeezes a deposited composite (active material + solid
electrolyte + carbon + pores) between two rolls, set either by the line load
(roll force per coating width) or by the roll gap:

* **Compaction** -- Meyer et al.'s calendering law (J. Mater. Process.
  Technol. 249, 172, 2017 [read, abstract]: porosity converges exponentially
  to a minimum porosity with a "compaction resistance"), written in the mean
  nip pressure so that press and calender data are interchangeable::

      eps(p) = eps_min + (eps_0 - eps_min) exp(-p / p_c)        (eps_0 > eps_min; else unchanged)

* **Nip pressure** -- the line load spreads over the arc of contact of a roll
  of radius R with a layer thinned by dh (Siebel's contact length, as in the
  open-source rolling simulator pyroll [read, code]), on a roll flattened
  elastically by the load (Hitchcock's radius ``R' = R (1 + c q_L / dh)``,
  ``c = 16 (1 - nu^2) / (pi E_roll)``, steel rolls; classical rolling theory,
  e.g. Roberts, Cold Rolling of Steel, 1978 [not re-read here])::

      L^2 = R dh - dh^2 / 4 + c R q_L,    p = q_L / L

  so a layer that cannot be compacted any more still meets a finite contact
  (the rolls' own elastic contact). The layer's thinning sets ``dh``, so
  porosity and pressure are solved together (a monotone root, found by
  bisection). In gap mode a rigid mill sets the nip thickness, and the
  pressure is what the compaction law needs to reach it.
* **Spring-back** -- the layer recovers elastically by ``s_e`` after the nip:
  ``h_out = h_nip (1 + s_e)``, porosity from mass conservation.
* **Catholyte cracking** -- the solid-electrolyte network fractures at high
  nip pressure (particle breakage in calendered Li6PS5Cl separators, Batteries
  & Supercaps [read, abstract]; argyrodite pellets fracture at ~750 MPa, Yan
  et al. 2026 [secondary]); a Weibull probability
  ``P_crack = 1 - exp(-(p / p_crack)^m)``, and a cracked composite keeps a
  fraction ``cracked_retained`` of its catholyte's ionic conductivity.

The parameter values are assumptions with stated ranges (no fitted
calendering data for solid-state composites were found):
``docs/models/calendering.md``. SI units: thickness and radius [m], line
load [N m-1] (1 N/mm = 1000 N/m), pressure [Pa].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping, NamedTuple

import numpy as np

from .materials import by_family
from .registry import lookup
from .validation import fraction, nonnegative, positive

__all__ = ["CalenderParams", "CALENDER_PARAMETERS", "get_calender_params", "default_calender_params", "Calendered",
           "nip_contact_length", "compacted_porosity", "calender"]

_BISECTION_STEPS = 60  # porosity bracket / 2**60: exact to machine precision
#: steel rolls: Young's modulus [Pa] and Poisson's ratio [-] (handbook values), in Hitchcock's flattening constant
ROLL_MODULUS, ROLL_POISSON = 210e9, 0.3
_FLATTENING = 16.0 * (1.0 - ROLL_POISSON**2) / (np.pi * ROLL_MODULUS)  # [m2 N-1]


@dataclass(frozen=True)
class CalenderParams:
    """Calendering response of one family of composite cathodes.

    Attributes
    ----------
    name : str
        Registry name.
    min_porosity : float
        ``eps_min``, the porosity the composite converges to at very high pressure [-].
    compaction_pressure : float
        ``p_c``, the nip pressure that closes 1 - 1/e of the reducible porosity [Pa].
    spring_back : float
        Elastic thickness recovery after the nip, ``(h_out - h_nip) / h_nip`` [-].
    crack_pressure : float
        Weibull scale of the catholyte's crack probability [Pa].
    crack_modulus : float
        Weibull modulus of the crack probability [-].
    cracked_retained : float
        Fraction of the catholyte's ionic conductivity a cracked composite keeps [-].
    sources : Mapping[str, str]
        Source or reasoning of each value, keyed by attribute name.
    """

    name: str
    min_porosity: float
    compaction_pressure: float
    spring_back: float
    crack_pressure: float
    crack_modulus: float
    cracked_retained: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


CALENDER_PARAMETERS: Mapping[str, CalenderParams] = MappingProxyType({
    "sulphide-composite": CalenderParams(
        name="sulphide-composite",
        min_porosity=0.08,
        compaction_pressure=120e6,
        spring_back=0.04,
        crack_pressure=600e6,
        crack_modulus=4.0,
        cracked_retained=0.5,
        sources={
            "law": "exponential convergence to a minimum porosity: Meyer, Bockholt, Haselrieder & Kwade, J. Mater. "
                   "Process. Technol. 249, 172 (2017) [read, abstract]; written in nip pressure instead of line load",
            "min_porosity": "0.08 [assumed], range 0.03-0.20: NCM-argyrodite pellets pressed above 300 MPa reach "
                            "< 10 % porosity [secondary, vendor note]; slurry Li6PS5Cl tapes with 2.5 % HNBR keep "
                            "~30 % open porosity at 350 MPa [read, ChemRxiv 2025 abstract], so binder-rich layers sit "
                            "at the top of the range",
            "compaction_pressure": "120 MPa [assumed], range 60-250 MPa: the soft, plastic argyrodite (Heckel mean yield "
                                   "pressure 1/K ~ 970 MPa for the pure powder, cold_pressing.py) fills the pores "
                                   "between the hard NMC particles; chosen so that ~300 MPa closes ~90 % of the "
                                   "reducible porosity, as pellet pressing does",
            "spring_back": "0.04 [assumed], range 0.02-0.08: elastic recovery of calendered electrodes is a few "
                           "percent (Diener et al., Energy Technol. 2022, values not read); elastomer-bound sulphide "
                           "layers recover more than PVDF-bound Li-ion cathodes",
            "crack_pressure": "600 MPa [assumed], range 300-750 MPa: argyrodite pellets fracture at ~750 MPa "
                              "(Yan et al., J. Colloid Interface Sci. 2026, via a summary [secondary]) and calendered "
                              "Li6PS5Cl separators already show particle breakage (Batteries & Supercaps [read, "
                              "abstract]); the composite's catholyte network is thin, so it breaks earlier",
            "crack_modulus": "4 [assumed], range 2-8: ceramic-like scatter of fracture strength",
            "cracked_retained": "0.5 [assumed], range 0.2-0.9: fractured catholyte paths lengthen the ionic path; "
                                "calendered separators lose conductivity 'slightly' with line load (Batteries & "
                                "Supercaps [read, abstract]), a cracked network more",
        },
    ),
    "oxide-composite": CalenderParams(
        name="oxide-composite",
        min_porosity=0.38,
        compaction_pressure=300e6,
        spring_back=0.02,
        crack_pressure=250e6,
        crack_modulus=6.0,
        cracked_retained=0.3,
        sources={
            "law": "as sulphide-composite",
            "min_porosity": "0.38 [assumed], range 0.30-0.45: a rigid oxide (LLZO E ~ 160 GPa, hardness ~ 11 GPa, "
                            "read abstract) cannot deform plastically; calendering only rearranges particles "
                            "toward random close packing (~0.36-0.40 porosity). A flash-sintered composite below "
                            "this porosity is not compacted at all",
            "compaction_pressure": "300 MPa [assumed], range 150-600 MPa: rearrangement of hard particles",
            "spring_back": "0.02 [assumed], range 0.01-0.04: stiff ceramic skeleton",
            "crack_pressure": "250 MPa [assumed], range 100-500 MPa: sintered garnet composites are brittle "
                              "(K_IC 0.4-1.5 MPa m^0.5, read abstract); a ~1 um flaw fails at a few hundred MPa",
            "crack_modulus": "6 [assumed], range 3-12: sintered ceramic",
            "cracked_retained": "0.3 [assumed], range 0.1-0.7: a cracked sintered network loses its bonded ion paths",
        },
    ),
})


def get_calender_params(name: str | CalenderParams) -> CalenderParams:
    """The calendering parameter set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(CALENDER_PARAMETERS, name, "calendering parameter set")


def default_calender_params(electrolyte) -> str:
    """The set for a composite made with ``electrolyte`` (by its family)."""
    return by_family(electrolyte, oxide="oxide-composite", sulphide="sulphide-composite")


class Calendered(NamedTuple):
    """One calender pass (arrays broadcast over the inputs).

    Attributes
    ----------
    thickness : numpy.ndarray
        Composite thickness after the pass, spring-back included [m].
    porosity : numpy.ndarray
        Porosity after the pass [-].
    pressure : numpy.ndarray
        Mean nip pressure [Pa].
    crack_probability : numpy.ndarray
        Probability that the catholyte network cracked [-].
    solid_scale : numpy.ndarray
        ``(1 - eps_out) / (1 - eps_in)``: factor on every solid volume fraction [-].
    """

    thickness: np.ndarray
    porosity: np.ndarray
    pressure: np.ndarray
    crack_probability: np.ndarray
    solid_scale: np.ndarray


def nip_contact_length(thinning, roll_radius, line_load=0.0) -> np.ndarray:
    """Arc of contact of a steel roll with a layer thinned by ``thinning`` (Siebel, Hitchcock flattening).

    ``L = sqrt(R dh - dh^2/4 + c R q_L)``, ``c = 16 (1 - nu^2) / (pi E_roll)``.

    Parameters
    ----------
    thinning : array_like
        Thickness reduction in the nip ``dh`` [m], >= 0.
    roll_radius : array_like
        Roll radius ``R`` [m].
    line_load : array_like
        Roll force per width ``q_L`` [N m-1] (flattens the roll); 0: a rigid roll.

    Returns
    -------
    numpy.ndarray
        Contact length [m].

    Examples
    --------
    >>> round(float(nip_contact_length(20e-6, 0.1)) * 1e3, 3)  # rigid roll, 20 um thinner: mm
    1.414
    """
    dh = nonnegative("thinning", thinning)
    r = positive("roll_radius", roll_radius)
    q = nonnegative("line_load", line_load)
    return np.sqrt(np.maximum(r * dh - 0.25 * dh**2 + _FLATTENING * r * q, 0.0))


def compacted_porosity(pressure, porosity, *, params="sulphide-composite") -> np.ndarray:
    """Porosity of a composite compacted at a mean pressure (Meyer et al. 2017 form, in pressure).

    ``eps = eps_min + (eps_0 - eps_min) exp(-p / p_c)`` where ``eps_0 > eps_min``;
    a layer already below ``eps_min`` is left as it is.

    Parameters
    ----------
    pressure : array_like
        Mean compaction pressure [Pa], >= 0.
    porosity : array_like
        Porosity before compaction ``eps_0`` [-].
    params : str or CalenderParams

    Returns
    -------
    numpy.ndarray
        Porosity [-].
    """
    p = get_calender_params(params)
    pressure = nonnegative("pressure", pressure)
    eps0 = fraction("porosity", porosity)
    squeezed = p.min_porosity + (eps0 - p.min_porosity) * np.exp(-pressure / p.compaction_pressure)
    return np.where(eps0 > p.min_porosity, squeezed, eps0)


def _nip_by_line_load(h, eps0, q, radius, p: CalenderParams) -> tuple[np.ndarray, np.ndarray]:
    """Porosity in the nip and nip pressure for a line load: the root of eps = law(q / L(eps)), by bisection."""
    solid = h * (1.0 - eps0)
    lo = np.where(eps0 > p.min_porosity, p.min_porosity, eps0)
    hi = eps0.copy()
    for _ in range(_BISECTION_STEPS):
        mid = 0.5 * (lo + hi)
        length = nip_contact_length(np.maximum(h - solid / (1.0 - mid), 0.0), radius, q)
        pressure = np.divide(q, length, out=np.zeros(mid.shape), where=length > 0)
        too_porous = mid > compacted_porosity(pressure, eps0, params=p)  # the nip squeezes harder than mid
        lo, hi = np.where(too_porous, lo, mid), np.where(too_porous, mid, hi)
    eps = np.where(q > 0, 0.5 * (lo + hi), eps0)
    length = nip_contact_length(np.maximum(h - solid / (1.0 - eps), 0.0), radius, q)
    pressure = np.divide(q, length, out=np.zeros(eps.shape), where=length > 0)
    return eps, pressure


def _nip_by_gap(h, eps0, gap, p: CalenderParams) -> tuple[np.ndarray, np.ndarray]:
    """Porosity in the nip and the pressure the compaction law needs to reach it, for a rigid mill's gap."""
    solid = h * (1.0 - eps0)
    h_nip = np.minimum(gap, h)
    floor = np.where(eps0 > p.min_porosity, p.min_porosity + 1e-6 * (eps0 - p.min_porosity), eps0)
    eps = np.maximum(1.0 - solid / h_nip, floor)  # below eps_min the layer cannot go: the calender stalls there
    ratio = np.divide(eps - p.min_porosity, eps0 - p.min_porosity, out=np.ones(eps.shape), where=eps0 > p.min_porosity)
    pressure = -p.compaction_pressure * np.log(np.clip(ratio, 1e-300, 1.0))
    return eps, pressure


def calender(thickness, porosity, *, line_load=None, roll_gap=None, roll_radius=0.1, spring_back=None,
             params="sulphide-composite") -> Calendered:
    """One calender pass of a composite cathode, set by line load or by roll gap.

    Parameters
    ----------
    thickness, porosity : array_like
        Composite thickness [m] and porosity [-] before the pass.
    line_load : array_like, optional
        Roll force per coating width [N m-1] (1 N/mm = 1000 N/m); 0: no pass.
    roll_gap : array_like, optional
        Gap of a rigid mill [m] (instead of ``line_load``); a gap wider than
        the layer does nothing.
    roll_radius : array_like
        Roll radius [m] (line-load mode).
    spring_back : array_like, optional
        Elastic recovery [-]; default the parameter set's.
    params : str or CalenderParams

    Returns
    -------
    Calendered

    Examples
    --------
    >>> r = calender(80e-6, 0.30, line_load=200e3, roll_radius=0.1)
    >>> round(float(r.porosity), 3), round(float(r.pressure) / 1e6)  # 200 N/mm on a 200 mm roll
    (0.178, 146)
    """
    p = get_calender_params(params)
    h, eps0 = np.broadcast_arrays(positive("thickness", thickness), fraction("porosity", porosity))
    if (line_load is None) == (roll_gap is None):
        raise ValueError("give either line_load or roll_gap")
    if roll_gap is None:
        eps_nip, pressure = _nip_by_line_load(h, eps0, nonnegative("line_load", line_load), roll_radius, p)
    else:
        eps_nip, pressure = _nip_by_gap(h, eps0, positive("roll_gap", roll_gap), p)
    s_e = p.spring_back if spring_back is None else nonnegative("spring_back", spring_back)
    solid = h * (1.0 - eps0)
    h_out = np.where(eps_nip < eps0, solid / (1.0 - eps_nip) * (1.0 + s_e), h)
    eps_out = 1.0 - solid / h_out
    crack = -np.expm1(-((pressure / p.crack_pressure) ** p.crack_modulus))
    return Calendered(h_out, eps_out, pressure, crack, (1.0 - eps_out) / (1.0 - eps0))
