"""Degradation of electrolyte surfaces in ambient or dry-room air.

Two processes:

* **Garnet (LLZO) in air** — Li+/H+ exchange with water forms LiOH (LiOH·H2O),
  which CO2 converts to Li2CO3 (Xia et al., J. Am. Ceram. Soc. 100, 2832,
  2017, abstract read: LiOH·H2O is "a necessary intermediate step for the
  Li2CO3 formation"; humid air (~80 %) forms much more Li2CO3 than dry air
  (~5 %)). Direct reaction with dry CO2 is fast but self-limiting (Zhang et
  al., Nat. Commun. 15, 2777, 2024, abstract read). Model: a saturating dry
  term plus Deal–Grove growth (linear, then parabolic/diffusion-limited)::

      h = h_dry * (1 - exp(-t * c/c_ref / tau))  +  h_wet,
      h_wet**2 + a * h_wet = B * t,   B = B_ref * (RH/RH_ref) * (c/c_ref) * A(T)

* **Sulphides (argyrodites) in dry-room air** — hydrolysis releases H2S and
  leaves resistive products; the retained fraction of ionic conductivity
  decays with the water dose (water mole fraction from the dew point, times
  exposure time)::

      r = exp(-ln 2 * x_w(T_dew) * t * A(T) / D_half)

  D_half is calibrated on the GM dry-room study (Front. Energy Res. 2022,
  10.3389/fenrg.2022.882508, abstract read): 30 min at -40 °C dew point
  (~126 ppm water) cut the ionic conductivity of a sulphide powder by more
  than half.

The rate constants are order-of-magnitude assumptions (no growth-rate data
were found); see ``docs/models/air_exposure.md`` and the ``sources`` fields.
SI units: time [s], temperature [K], thickness [m].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np

from process_models.materials import get_electrolyte
from .constants import BOLTZMANN_EV, ROOM_TEMPERATURE, STANDARD_PRESSURE, ZERO_CELSIUS
from .registry import lookup
from .validation import nonnegative as _nonneg
from .validation import positive as _positive

__all__ = [
    "CarbonateGrowthParameters",
    "HydrolysisParameters",
    "CARBONATE_GROWTH_PARAMETERS",
    "HYDROLYSIS_PARAMETERS",
    "saturation_vapour_pressure",
    "water_mole_fraction",
    "relative_humidity",
    "dew_point",
    "li2co3_thickness",
    "sulphide_retained_conductivity",
]

K_B_EV = BOLTZMANN_EV
T_REF = ROOM_TEMPERATURE  # [K]
P_ATM = STANDARD_PRESSURE  # [Pa]
#: Lower bound of the retained conductivity fraction (keeps it in (0, 1]) [-].
RETAINED_FLOOR = 1e-12


@dataclass(frozen=True)
class CarbonateGrowthParameters:
    """Li2CO3/LiOH surface-layer growth on a garnet in air.

    Attributes
    ----------
    dry_saturation_thickness : float
        ``h_dry``, self-limited layer from dry CO2 [m].
    dry_time_constant : float
        ``tau`` of the dry term at the reference CO2 fraction [s].
    linear_constant : float
        Deal–Grove ``a`` [m]: ``B/a`` is the initial (reaction-limited) rate.
    parabolic_constant : float
        Deal–Grove ``B`` at the reference conditions [m2 s-1].
    reference_humidity : float
        ``RH_ref`` [-].
    reference_co2_fraction : float
        ``c_ref`` CO2 mole fraction [-].
    activation_energy : float
        Activation energy of ``B`` [eV].
    sources : Mapping[str, str]
        Source of each value.
    """

    dry_saturation_thickness: float
    dry_time_constant: float
    linear_constant: float
    parabolic_constant: float
    reference_humidity: float
    reference_co2_fraction: float
    activation_energy: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_GARNET_GROWTH = CarbonateGrowthParameters(
    dry_saturation_thickness=1e-9,
    dry_time_constant=60.0,
    linear_constant=2e-9,
    parabolic_constant=1.65e-20,
    reference_humidity=0.4,
    reference_co2_fraction=4.2e-4,
    activation_energy=0.4,
    sources={
        "dry_saturation_thickness": (
            "1 nm [assumed]: CO2 + LLZO -> Li2CO3 is 'a thermodynamically favored self-limiting "
            "reaction' (Zhang et al., Nat. Commun. 15, 2777, 2024, read); a few monolayers assumed"
        ),
        "dry_time_constant": (
            "60 s [assumed]: Li2CO3 is detected on LLZTO within 3 min of ambient exposure "
            "(Sahal et al., Batteries 10, 249, 2024, read)"
        ),
        "linear_constant": "2 nm [assumed]: reaction-limited start up to a few nm, Deal-Grove form",
        "parabolic_constant": (
            "1.65e-20 m2/s at 25 C, 40 % RH, 420 ppm CO2 [assumed, order of magnitude]: gives ~2 nm "
            "after 3 min, ~8 nm after 1 h, ~40 nm after 1 day, ~100 nm after 1 week. No measured "
            "growth rate was found; Sharafi et al. 2017 (Chem. Mater., via MRS abstract) confirm "
            "Li2CO3/LiOH layers cause high Li|LLZO resistance but give no rate. Caveat: attributing "
            "the whole conductivity drop of Xia et al. 2017 (6 weeks, 80 % RH) to a dense surface "
            "film of Li2CO3 at ~1e-8 S/cm would imply only ~6 nm, so this rate may be high"
        ),
        "reference_humidity": "0.4: the default relative humidity of the line",
        "reference_co2_fraction": "4.2e-4: present-day atmospheric CO2 (420 ppm)",
        "activation_energy": (
            "0.4 eV [assumed]: typical of diffusion-controlled surface-scale growth; no data found"
        ),
        "humidity_dependence": (
            "B proportional to RH [assumed]: water is needed for the LiOH intermediate (Xia et al., "
            "J. Am. Ceram. Soc. 100, 2832, 2017, read: dry ~5 % RH -> much less Li2CO3 and barely any "
            "conductivity loss after 6 weeks; humid ~80 % RH -> 6.45e-4 -> 3.61e-4 S/cm)"
        ),
        "co2_dependence": "B proportional to CO2 fraction [assumed]: carbonation of LiOH by CO2",
    },
)

CARBONATE_GROWTH_PARAMETERS: Mapping[str, CarbonateGrowthParameters] = MappingProxyType(
    {"Ga-LLZO": _GARNET_GROWTH, "Ta-LLZO": _GARNET_GROWTH, "Al-LLZO": _GARNET_GROWTH}
)


@dataclass(frozen=True)
class HydrolysisParameters:
    """Hydrolysis of a sulphide electrolyte by water vapour.

    Attributes
    ----------
    half_dose : float
        Water dose ``x_w * t`` that halves the ionic conductivity [s]
        (mole fraction times seconds).
    activation_energy : float
        Activation energy of the hydrolysis rate [eV].
    sources : Mapping[str, str]
        Source of each value.
    """

    half_dose: float
    activation_energy: float
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)


_ARGYRODITE_HYDROLYSIS = HydrolysisParameters(
    half_dose=126.7e-6 * 1800.0,
    activation_energy=0.3,
    sources={
        "half_dose": (
            "126.7 ppm x 1800 s [calibrated, transferred]: after 30 min in a -40 C dew point dry room "
            "(~126 ppm water) a (Li2S)75(P2S5)25 + 20 mol% LiI powder lost more than 50 % of its "
            "ionic conductivity (GM, Front. Energy Res. 2022, 10.3389/fenrg.2022.882508, read). "
            "Argyrodite powder is assumed to react alike (no argyrodite number found); a dense "
            "pressed film exposes less surface, so this is conservative"
        ),
        "activation_energy": "0.3 eV [assumed]: no temperature data found",
        "dose_law": (
            "first order in water partial pressure, exponential in dose [assumed]; gives ~1 "
            "(>0.99 for 30 min) in an inert-gas glovebox below 1 ppm water"
        ),
    },
)

HYDROLYSIS_PARAMETERS: Mapping[str, HydrolysisParameters] = MappingProxyType(
    {"Li6PS5Cl": _ARGYRODITE_HYDROLYSIS, "Li5.4PS4.4Cl1.6": _ARGYRODITE_HYDROLYSIS}
)


def _lookup(registry, name, what):
    return lookup(registry, name, f"{what} parameters")


def _arrhenius(temperature, activation_energy):
    return np.exp(-(activation_energy / K_B_EV) * (1.0 / temperature - 1.0 / T_REF))


def saturation_vapour_pressure(temperature):
    """Saturation vapour pressure of water, over ice below 0 °C.

    Magnus form, ``e_s = C * exp(a * t / (t + b))`` with ``t`` in °C:
    over water C = 610.94 Pa, a = 17.625, b = 243.04 °C; over ice
    C = 611.21 Pa, a = 22.587, b = 273.86 °C.

    Parameters
    ----------
    temperature : array_like
        Temperature (e.g. a dew/frost point) [K].

    Returns
    -------
    numpy.ndarray
        Saturation vapour pressure [Pa].

    References
    ----------
    Alduchov & Eskridge, J. Appl. Meteorol. 35, 601 (1996) (coefficients;
    not re-read here). Check: -40 °C frost point -> 12.8 Pa = 127 ppm at
    1 atm, matching the ~126 ppm quoted for a -40 °C dew point dry room
    (Front. Energy Res. 2022).
    """
    t_c = _positive("temperature", temperature) - ZERO_CELSIUS
    over_water = 610.94 * np.exp(17.625 * t_c / (t_c + 243.04))
    over_ice = 611.21 * np.exp(22.587 * t_c / (t_c + 273.86))
    return np.where(t_c >= 0.0, over_water, over_ice)


def water_mole_fraction(dew_point, pressure=P_ATM):
    """Water mole fraction of air with a given dew (frost) point.

    ``x_w = e_s(T_dew) / p``

    Parameters
    ----------
    dew_point : array_like
        Dew point [K] (frost point below 273.15 K).
    pressure : float, optional
        Total pressure [Pa]; default 101325 Pa.

    Returns
    -------
    numpy.ndarray
        Water mole fraction [-].
    """
    return saturation_vapour_pressure(dew_point) / pressure


def relative_humidity(dew_point, temperature=ROOM_TEMPERATURE) -> float:
    """Relative humidity of air with a given dew point, over water.

    ``RH = e_w(T_dew) / e_w(T)`` with the Magnus form over water,
    ``e_w = 6.1094 exp(17.625 t / (t + 243.04))`` hPa, ``t`` in °C (also for
    frost points below 0 °C: RH is conventionally stated over water).

    Parameters
    ----------
    dew_point : float
        Dew point [K].
    temperature : float, optional
        Air temperature [K]; default 298.15 K.

    Returns
    -------
    float
        Relative humidity [-].

    References
    ----------
    Alduchov & Eskridge, J. Appl. Meteorol. 35, 601 (1996).

    Examples
    --------
    >>> round(relative_humidity(233.15), 4)  # a -40 degC dew-point dry room at 25 degC
    0.006
    """

    def e_w(t_k: float) -> float:
        t = t_k - ZERO_CELSIUS
        return 6.1094 * np.exp(17.625 * t / (t + 243.04))

    return float(e_w(dew_point) / e_w(temperature))


def dew_point(relative_humidity, temperature=ROOM_TEMPERATURE) -> float:
    """Dew point of air with a given relative humidity (inverse Magnus formula, over water).

    ``g = ln(RH) + 17.625 t / (243.04 + t)``, ``T_dew = 243.04 g / (17.625 - g)``
    [°C], ``t`` the air temperature in °C; RH is floored at 1e-6.

    Parameters
    ----------
    relative_humidity : float
        Relative humidity [-].
    temperature : float, optional
        Air temperature [K]; default 298.15 K.

    Returns
    -------
    float
        Dew point [K].

    References
    ----------
    Alduchov & Eskridge, J. Appl. Meteorol. 35, 601 (1996).

    Examples
    --------
    >>> round(dew_point(0.4) - 273.15, 1)  # 40 % RH at 25 degC
    10.5
    """
    t = temperature - ZERO_CELSIUS
    g = np.log(max(relative_humidity, 1e-6)) + 17.625 * t / (243.04 + t)
    return float(243.04 * g / (17.625 - g) + ZERO_CELSIUS)


def li2co3_thickness(
    exposure_time,
    *,
    relative_humidity=0.4,
    temperature=298.15,
    co2_fraction=4.2e-4,
    material="Ga-LLZO",
) -> np.ndarray:
    """Thickness of the Li2CO3/LiOH layer on a fired garnet surface in air.

    ``h = h_dry (1 - exp(-t c/(c_ref tau))) + h_wet``, with
    ``h_wet**2 + a h_wet = B t`` solved as
    ``h_wet = 2 B t / (a (1 + sqrt(1 + 4 B t / a**2)))`` and
    ``B = B_ref (RH/RH_ref) (c/c_ref) exp(-(E/k_B)(1/T - 1/298.15))``.

    Zero exposure gives zero thickness; growth is linear at first, then
    parabolic (diffusion through the product layer); a dry room slows the
    humid term in proportion to its relative humidity.

    Parameters
    ----------
    exposure_time : array_like
        Time the fired surface spends in air [s], >= 0.
    relative_humidity : array_like, optional
        Relative humidity [-] in [0, 1]. Default 0.4.
    temperature : array_like, optional
        Air temperature [K]. Default 298.15 K.
    co2_fraction : array_like, optional
        CO2 mole fraction [-], >= 0. Default 4.2e-4.
    material : str or ElectrolyteMaterial, optional
        Garnet name ("Ga-LLZO", "Ta-LLZO", "Al-LLZO"). For a sulphide the
        result is 0: their air damage is hydrolysis
        (:func:`sulphide_retained_conductivity`).

    Returns
    -------
    numpy.ndarray
        Layer thickness [m].

    References
    ----------
    Xia et al., J. Am. Ceram. Soc. 100, 2832 (2017); Zhang et al., Nat.
    Commun. 15, 2777 (2024); Sahal et al., Batteries 10, 249 (2024);
    Sharafi et al., Chem. Mater. 2017. Rate constants assumed (see
    :data:`CARBONATE_GROWTH_PARAMETERS`).

    Examples
    --------
    >>> round(float(li2co3_thickness(3600.0)) * 1e9, 1)  # nm after 1 h at 40 % RH
    7.8
    """
    mat = get_electrolyte(material)
    t = _nonneg("exposure_time", exposure_time)
    rh = _nonneg("relative_humidity", relative_humidity)
    if np.any(rh > 1):
        raise ValueError(f"relative_humidity must be <= 1; got {rh}")
    temp = _positive("temperature", temperature)
    c = _nonneg("co2_fraction", co2_fraction)
    if mat.family == "sulphide":
        return np.zeros(np.broadcast(t, rh, temp, c).shape)
    par = _lookup(CARBONATE_GROWTH_PARAMETERS, mat.name, "Li2CO3 growth")
    c_rel = c / par.reference_co2_fraction
    h_dry = par.dry_saturation_thickness * -np.expm1(-t * c_rel / par.dry_time_constant)
    bt = (
        par.parabolic_constant
        * (rh / par.reference_humidity)
        * c_rel
        * _arrhenius(temp, par.activation_energy)
        * t
    )
    a = par.linear_constant
    h_wet = 2.0 * bt / (a * (1.0 + np.sqrt(1.0 + 4.0 * bt / a**2)))
    return np.asarray(h_dry + h_wet, dtype=float)


def sulphide_retained_conductivity(
    exposure_time,
    *,
    dew_point=233.15,
    temperature=298.15,
    material="Li6PS5Cl",
) -> np.ndarray:
    """Fraction of ionic conductivity a sulphide keeps after exposure to moist gas.

    ``r = exp(-ln2 * x_w(T_dew) * t * exp(-(E/k_B)(1/T - 1/298.15)) / D_half)``

    with ``x_w`` the water mole fraction set by the dew point
    (:func:`water_mole_fraction`). Inert gas (dew point below about -70 °C,
    < 1 ppm water) gives ~1; a -40 °C dry room halves the conductivity in
    ~30 min; ambient air (dew point ~ +10 °C) destroys it within seconds.

    Parameters
    ----------
    exposure_time : array_like
        Exposure time [s], >= 0.
    dew_point : array_like, optional
        Dew (frost) point of the atmosphere [K]. Default 233.15 K (-40 °C).
    temperature : array_like, optional
        Temperature of the material [K]. Default 298.15 K.
    material : str or ElectrolyteMaterial, optional
        Sulphide name. For an oxide the result is 1 (no hydrolysis; its air
        damage is the surface carbonate, :func:`li2co3_thickness`).

    Returns
    -------
    numpy.ndarray
        Retained fraction [-] in (0, 1], floored at ``RETAINED_FLOOR`` = 1e-12
        (conductivity destroyed).

    References
    ----------
    GM dry-room study, Front. Energy Res. 10, 882508 (2022) (calibration);
    see :data:`HYDROLYSIS_PARAMETERS`.

    Examples
    --------
    >>> round(float(sulphide_retained_conductivity(1800.0)), 2)
    0.5
    """
    mat = get_electrolyte(material)
    t = _nonneg("exposure_time", exposure_time)
    x_w = water_mole_fraction(dew_point)
    temp = _positive("temperature", temperature)
    if mat.family != "sulphide":
        return np.ones(np.broadcast(t, x_w, temp).shape)
    par = _lookup(HYDROLYSIS_PARAMETERS, mat.name, "hydrolysis")
    dose = x_w * t * _arrhenius(temp, par.activation_energy)
    retained = np.exp(-np.log(2.0) * dose / par.half_dose)
    return np.asarray(np.maximum(retained, RETAINED_FLOOR), dtype=float)
