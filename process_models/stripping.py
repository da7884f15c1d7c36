"""Critical stripping current of a metal anode on a solid electrolyte (void formation).

Above the critical stripping current (CCS), Li is removed from the interface
faster than self-diffusion and creep can resupply it, voids open and the
contact area shrinks (Pasta et al. 2020 roadmap [seed]; Kasemchainan et al.,
Nat. Mater. 18, 1105, 2019). Units: A m-2 (1 mA cm-2 = 10 A m-2), Pa, K.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import numpy as np

from .constants import FARADAY, GAS_CONSTANT, ROOM_TEMPERATURE
from .materials import by_family
from .registry import lookup

__all__ = ["StrippingParams", "STRIPPING_PARAMETERS", "get_stripping_params", "critical_stripping_current"]

_SIGMA_REF = 1.0e6  # Pa; creep constants are quoted per MPa
_T_REF = ROOM_TEMPERATURE  # K

# --------------------------------------------------------------------------
# Critical stripping current
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class StrippingParams:
    """Parameters of the mechanistic critical-stripping-current law.

    ``CCS(p, T) = CCS_diff(T) + (F/Omega) * l * A_eff * (beta*p/sigma_ref)^n_eff * exp(-Q_creep/(R*T))``

    ``A_eff`` is not stored: it is fitted on construction so that the law
    passes through the calibration point ``(calibration_pressure,
    calibration_current)`` at ``reference_temperature`` (see
    :attr:`creep_prefactor`).

    Attributes
    ----------
    name : str
        Registry name.
    metal : str
        Anode metal.
    molar_volume : float
        ``Omega`` [m3 mol-1].
    diffusion_current : float
        ``CCS_diff`` at ``reference_temperature``: the stripping current
        self-diffusion alone sustains at zero pressure [A m-2].
    diffusion_activation_energy : float
        Activation energy of ``CCS_diff`` [J mol-1].
    length_scale : float
        ``l``: depth of the interfacial zone that creep must resupply [m].
    beta : float
        Stress concentration factor on the stack pressure [-].
    stress_exponent : float
        ``n_eff``: effective stress exponent of the pressure term [-].
    creep_activation_energy : float
        ``Q_creep`` [J mol-1].
    calibration_pressure : float
        Stack pressure of the calibration point [Pa].
    calibration_current : float
        CCS measured at ``calibration_pressure`` [A m-2].
    reference_temperature : float
        Temperature of the calibration data [K].
    sources : Mapping[str, str]
        Source of each value.
    """

    name: str
    metal: str
    molar_volume: float
    diffusion_current: float
    diffusion_activation_energy: float
    length_scale: float
    beta: float
    stress_exponent: float
    creep_activation_energy: float
    calibration_pressure: float
    calibration_current: float
    reference_temperature: float = _T_REF
    sources: Mapping[str, str] = field(default_factory=dict, compare=False)

    @property
    def creep_prefactor(self) -> float:
        """Fitted ``A_eff`` [s-1] so the law passes through the calibration point."""
        creep_part = self.calibration_current - self.diffusion_current
        arrh = np.exp(-self.creep_activation_energy / (GAS_CONSTANT * self.reference_temperature))
        drive = (self.beta * self.calibration_pressure / _SIGMA_REF) ** self.stress_exponent
        return float(creep_part / ((FARADAY / self.molar_volume) * self.length_scale * drive * arrh))

    @property
    def pressure_coefficient(self) -> float:
        """Slope ``dCCS/dp`` at the reference temperature when ``n_eff = 1`` [A m-2 Pa-1]."""
        return (self.calibration_current - self.diffusion_current) / self.calibration_pressure


_N_EFF_SOURCE = (
    "n_eff = 1 [assumed]: the bulk creep exponent (n = 6.6) in this form cannot pass through both "
    "Li/LLZO points: fitted to 0.3 mA/cm2 of creep current at 2 MPa it would give ~130 mA/cm2 at "
    "5 MPa, while ~1 mA/cm2 is typical at several MPa. The pressure needed to avoid voiding rises "
    "linearly with current for Na/beta''-alumina [read] (Spencer Jolly et al., ACS AMI 12, 678, 2020, "
    "abstract); the empirical closed form CCS = CCS0 + k_p p of physics.md is also linear. So n_eff = 1, "
    "and only the product l*A_eff*beta is fitted."
)

STRIPPING_PARAMETERS: Mapping[str, StrippingParams] = MappingProxyType(
    {
        "Li-LLZO": StrippingParams(
            name="Li-LLZO",
            metal="Li",
            molar_volume=1.30e-5,
            diffusion_current=1.0,  # 0.1 mA/cm2
            diffusion_activation_energy=53e3,
            length_scale=1e-6,
            beta=1.0,
            stress_exponent=1.0,
            creep_activation_energy=37e3,
            calibration_pressure=2.0e6,
            calibration_current=4.0,  # 0.4 mA/cm2
            sources={
                "diffusion_current": "0.1 mA/cm2 at 0 MPa (self-diffusion only) [seed] Janek group via roadmap; [read] Wang, Choudhury & Sakamoto, Joule 3, 2165 (2019) via Roy 2021",
                "calibration": "0.4 mA/cm2 at 2 MPa [read] Wang, Choudhury & Sakamoto, Joule 2019 via Roy 2021; fit gives k_p = 0.15 mA/cm2/MPa, as the empirical Li/LLZO slope of physics.md",
                "diffusion_activation_energy": "53 kJ/mol (~0.55 eV) [assumed]: typical Li self-diffusion activation energy; not confirmed here",
                "length_scale": "1 um [assumed]: interfacial zone of micron-scale asperities/voids; only l*A_eff*beta matters",
                "beta": "1 [assumed]; absorbed in the fitted A_eff",
                "stress_exponent": _N_EFF_SOURCE,
                "creep_activation_energy": "37 kJ/mol, Li creep [verify] LePage 2019 (see creep.py)",
                "molar_volume": "Li 1.30e-5 m3/mol [read]",
            },
        ),
        "Li-LPSCl": StrippingParams(
            name="Li-LPSCl",
            metal="Li",
            molar_volume=1.30e-5,
            diffusion_current=1.0,
            diffusion_activation_energy=53e3,
            length_scale=1e-6,
            beta=1.0,
            stress_exponent=1.0,
            creep_activation_energy=37e3,
            calibration_pressure=5.0e6,
            calibration_current=11.0,  # 1.1 mA/cm2
            sources={
                "diffusion_current": "0.1 mA/cm2: Li self-diffusion limit, taken as for Li/LLZO [assumed]",
                "calibration": (
                    "1.1 mA/cm2 at 5 MPa (k_p = 0.2 mA/cm2/MPa) [assumed, fitted to bracket two observations]: "
                    "Li/Li6PS5Cl at 3 MPa and 1 mA/cm2 voids after the 6th strip [read] (Kasemchainan et al., "
                    "Nat. Mater. 18, 1105, 2019, via Roy), so CCS(3 MPa) < 1 mA/cm2 (model: 0.7); 5 MPa cycles "
                    "Li|LPSCl|Li > 1000 h [read] (Doux et al., AEM 10, 1903253, 2020), taken at ~1 mA/cm2 as in "
                    "the project brief, so CCS(5 MPa) >= 1 mA/cm2 (model: 1.1)"
                ),
                "diffusion_activation_energy": "as Li-LLZO [assumed]",
                "length_scale": "as Li-LLZO [assumed]",
                "beta": "as Li-LLZO [assumed]",
                "stress_exponent": _N_EFF_SOURCE,
                "creep_activation_energy": "37 kJ/mol, Li creep [verify] LePage 2019",
                "molar_volume": "Li 1.30e-5 m3/mol [read]",
            },
        ),
        "Na-BetaAlumina": StrippingParams(
            name="Na-BetaAlumina",
            metal="Na",
            molar_volume=2.37e-5,
            diffusion_current=0.0,
            diffusion_activation_energy=43e3,
            length_scale=1e-6,
            beta=1.0,
            stress_exponent=1.0,
            creep_activation_energy=37e3,
            calibration_pressure=9.0e6,
            calibration_current=25.0,  # 2.5 mA/cm2
            sources={
                "calibration": (
                    "> 9 MPa needed at 2.5 mA/cm2; required pressure linear in current [read] Spencer Jolly et al., "
                    "ACS AMI 12, 678 (2020), abstract. Fit gives k_p = 0.278 mA/cm2/MPa (physics.md: ~0.28)"
                ),
                "diffusion_current": "0 [assumed]: Spencer Jolly report a linear pressure-current relation; the intercept is not given in the abstract",
                "diffusion_activation_energy": "43 kJ/mol (~0.45 eV) [assumed] for Na self-diffusion",
                "creep_activation_energy": "37 kJ/mol [assumed]: Li value reused, Na creep constants not confirmed",
                "molar_volume": "Na 2.37e-5 m3/mol (22.99 g/mol / 0.968 g/cm3)",
                "stress_exponent": _N_EFF_SOURCE,
                "length_scale": "1 um [assumed]",
                "beta": "1 [assumed]",
            },
        ),
    }
)


def get_stripping_params(name: str | StrippingParams) -> StrippingParams:
    """Return the stripping parameter set ``name``; a wrong name raises ``KeyError`` listing the valid ones."""
    return lookup(STRIPPING_PARAMETERS, name, "stripping parameter set")


def critical_stripping_current(
    stack_pressure,
    *,
    temperature=298.15,
    contact_fraction=1.0,
    electrolyte="Ga-LLZO",
    params=None,
) -> np.ndarray:
    """Critical stripping current density (void formation on stripping).

    Mechanistic form (physics.md section 7):

    ``CCS_int(p, T) = CCS_diff * exp(-Q_d/R (1/T - 1/T_ref))
    + (F/Omega) * l * A_eff * (beta*p / 1 MPa)^n_eff * exp(-Q_c/(R*T))``

    ``CCS = contact_fraction * CCS_int``

    The first term is Li resupply by self-diffusion, the second by creep under
    the stack pressure. ``A_eff`` is fitted per parameter set (see
    :class:`StrippingParams`): for Li/LLZO to 0.1 mA/cm2 at 0 MPa and
    0.4 mA/cm2 at 2 MPa (Wang, Choudhury & Sakamoto, Joule 2019), which with
    ``n_eff = 1`` gives 0.15 mA/cm2 per MPa. An interface that is only
    partially in contact carries ``j / contact_fraction`` on its contacts
    (current focusing), so voids open at a proportionally lower applied
    current.

    Parameters
    ----------
    stack_pressure : array_like
        Stack pressure [Pa], >= 0 (negative values are treated as 0).
    temperature : array_like
        Temperature [K].
    contact_fraction : array_like
        True contact area fraction of the anode interface [-] in (0, 1].
    electrolyte : str or ElectrolyteMaterial
        Electrolyte name; selects the default parameter set by family.
    params : str or StrippingParams, optional
        ``"Li-LLZO"`` (default for oxides), ``"Li-LPSCl"`` (default for
        sulphides) or ``"Na-BetaAlumina"``.

    Returns
    -------
    ndarray
        Critical stripping current density [A m-2].
    """
    name = params if params is not None else by_family(electrolyte, oxide="Li-LLZO", sulphide="Li-LPSCl")
    ps = get_stripping_params(name)
    p = np.maximum(np.asarray(stack_pressure, dtype=float), 0.0)
    T = np.asarray(temperature, dtype=float)
    c = np.clip(np.asarray(contact_fraction, dtype=float), 0.0, 1.0)
    diff = ps.diffusion_current * np.exp(
        -ps.diffusion_activation_energy / GAS_CONSTANT * (1.0 / T - 1.0 / ps.reference_temperature)
    )
    creep = (
        (FARADAY / ps.molar_volume)
        * ps.length_scale
        * ps.creep_prefactor
        * (ps.beta * p / _SIGMA_REF) ** ps.stress_exponent
        * np.exp(-ps.creep_activation_energy / (GAS_CONSTANT * T))
    )
    return c * (diff + creep)


# --------------------------------------------------------------------------
# Manufacturing flaws and the critical plating current
# --------------------------------------------------------------------------
