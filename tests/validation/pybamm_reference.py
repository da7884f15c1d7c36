"""PyBaMM reference for the reduced-order electrochemistry (test/docs/benchmark helper).

Builds the PyBaMM half-cell with a lithium-metal counter electrode
(``options={"working electrode": "positive"}``) from PyBaMM's own ``Chen2020``
positive-electrode parameters (OCP, exchange current, c_max, D_s, R_p, sigma,
Bruggeman) with the Li-metal keys added, a single-ion electrolyte (cation
transference number 1, constant conductivity) standing in for the solid
electrolyte, and the same geometry as the reduced-order model:

* PyBaMM "porosity" (electrolyte volume fraction) = catholyte fraction
  ``1 - eps_am - eps_pore - eps_carbon``; the rest (carbon, voids) is inert;
* separator = dense SE (porosity 1) of thickness ``L_sep`` and the same conductivity;
* Li|SE interface: Butler-Volmer with a constant exchange current ``j0_Li``.

The reduced model gets the equivalent series ASR ``L_sep/kappa + R T/(F j0_Li)``
(the linearised Li kinetics; asinh is linear to 0.2 % at the currents used).

Only imported by tests/validation, docs/scripts and benchmarks: PyBaMM is a
test-only dependency.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pybamm

from process_models import electrochem as ec
from process_models.constants import FARADAY, GAS_CONSTANT
from process_models.electrodes import get_cathode

ELECTRODE_AREA = 0.01  # m2 (0.1 m x 0.1 m); PyBaMM works in A, we in A/m2


@dataclass(frozen=True)
class Case:
    """One validation case (SI units)."""

    name: str
    cathode_thickness: float = 70e-6
    active_fraction: float = 0.60
    cathode_porosity: float = 0.10
    carbon_fraction: float = 0.02
    electrolyte_conductivity: float = 0.30  # Li6PS5Cl-class catholyte, 3 mS/cm
    separator_thickness: float = 20e-6
    li_exchange_current: float = 257.0  # A/m2 -> R T/(F j0) = 1.0 ohm cm2 at 298 K
    c_rate: float = 0.1
    temperature: float = 298.15

    @property
    def catholyte_fraction(self) -> float:
        return 1.0 - self.active_fraction - self.cathode_porosity - self.carbon_fraction

    @property
    def series_asr(self) -> float:
        """Separator ohmic ASR + linearised Li interface ASR [ohm m2]."""
        return self.separator_thickness / self.electrolyte_conductivity + GAS_CONSTANT * self.temperature / (
            FARADAY * self.li_exchange_current
        )

    def model_kwargs(self) -> dict:
        return dict(
            cathode_thickness=self.cathode_thickness,
            active_fraction=self.active_fraction,
            cathode_porosity=self.cathode_porosity,
            electrolyte_conductivity=self.electrolyte_conductivity,
            series_asr=self.series_asr,
            c_rate=self.c_rate,
            temperature=self.temperature,
            carbon_fraction=self.carbon_fraction,
        )


def parameter_values(case: Case) -> pybamm.ParameterValues:
    """PyBaMM Chen2020 with the half-cell, single-ion and geometry keys of ``case``."""
    p = get_cathode("NMC811")
    pv = pybamm.ParameterValues("Chen2020")
    q_areal = float(ec.areal_capacity(case.cathode_thickness, case.active_fraction))
    current = case.c_rate * q_areal / 3600.0 * ELECTRODE_AREA
    pv.update(
        {
            "Positive electrode thickness [m]": case.cathode_thickness,
            "Positive electrode active material volume fraction": case.active_fraction,
            "Positive electrode porosity": case.catholyte_fraction,
            "Separator thickness [m]": case.separator_thickness,
            "Separator porosity": 1.0,
            "Cation transference number": 1.0,
            "Electrolyte conductivity [S.m-1]": case.electrolyte_conductivity,
            "Electrolyte diffusivity [m2.s-1]": 1e-9,
            "Thermodynamic factor": 1.0,
            "Initial concentration in positive electrode [mol.m-3]": p.stoich_100 * p.c_max,
            "Lower voltage cut-off [V]": 2.5,
            "Upper voltage cut-off [V]": 4.4,
            "Electrode height [m]": 0.1,
            "Electrode width [m]": 0.1,
            "Ambient temperature [K]": case.temperature,
            "Initial temperature [K]": case.temperature,
            "Current function [A]": current,
        }
    )
    j0_li = case.li_exchange_current
    pv.update(
        {
            "Exchange-current density for lithium metal electrode [A.m-2]": lambda c_e, c_li, T: j0_li + 0.0 * c_e,
            "Lithium metal partial molar volume [m3.mol-1]": 1.3e-5,
            "Negative electrode OCP [V]": 0.0,
            "Negative electrode OCP entropic change [V.K-1]": 0.0,
        },
        check_already_exists=False,
    )
    return pv


@dataclass
class Reference:
    """A PyBaMM discharge: charge delivered [C m-2] and voltage [V], plus timings [s]."""

    charge: np.ndarray
    voltage: np.ndarray
    build_and_solve_time: float
    resolve_time: float

    @property
    def capacity(self) -> float:
        return float(self.charge[-1])


def run(case: Case, model: str = "DFN", var_pts: dict | None = None, n_out: int = 2000) -> Reference:
    """Solve the PyBaMM half-cell discharge of ``case`` to 2.5 V."""
    t0 = time.perf_counter()
    m = getattr(pybamm.lithium_ion, model)(options={"working electrode": "positive"})
    kw = {}
    if var_pts:
        pts = dict(m.default_var_pts)
        pts.update(var_pts)
        kw["var_pts"] = pts
    pv = parameter_values(case)
    sim = pybamm.Simulation(m, parameter_values=pv, **kw)
    t_end = 3600.0 / case.c_rate * 1.3
    # adaptive steps; dense output by interpolation (t_interp) does not force extra steps
    try:
        sol = sim.solve([0.0, t_end], t_interp=np.linspace(0.0, t_end, n_out))
    except pybamm.SolverError:  # rare IDA failure at the saturation cliff: force output times
        sol = sim.solve(np.linspace(0.0, t_end, n_out))
    t1 = time.perf_counter()
    try:
        sim.solve([0.0, t_end])  # same built model again: the solve alone
    except pybamm.SolverError:
        pass
    t2 = time.perf_counter()
    current_density = pv["Current function [A]"] / ELECTRODE_AREA
    q = sol["Time [s]"].entries * current_density
    v = sol["Voltage [V]"].entries
    return Reference(q, v, t1 - t0, t2 - t1)


def run_charge(case: Case, model: str = "DFN", v_max: float = 4.3) -> float:
    """Constant-current charge capacity [C m-2] from the 0 % SOC stoichiometry to ``v_max``."""
    p = get_cathode("NMC811")
    pv = parameter_values(case)
    current = pv["Current function [A]"]
    pv.update(
        {
            "Initial concentration in positive electrode [mol.m-3]": p.stoich_0 * p.c_max,
            "Current function [A]": -current,
            "Upper voltage cut-off [V]": v_max,
            "Lower voltage cut-off [V]": 2.0,
        }
    )
    m = getattr(pybamm.lithium_ion, model)(options={"working electrode": "positive"})
    sol = pybamm.Simulation(m, parameter_values=pv).solve([0.0, 3600.0 / case.c_rate * 1.3])
    return float(sol["Time [s]"].entries[-1] * current / ELECTRODE_AREA)


def model_curve(case: Case, q, layers="auto") -> np.ndarray:
    """Voltage of the reduced model at delivered charge ``q`` with the given ``layers``.

    For ``"auto"`` the single-particle and 8-layer curves are blended with the same
    weight as :func:`process_models.electrochem.discharge` uses for its outputs.
    """
    kw = case.model_kwargs()
    if layers != "auto":
        return ec.discharge_voltage(q, **kw, layers=layers)
    lo, hi = ec._AUTO_BLEND
    drop = float(ec.discharge(**kw, layers=1).ionic_drop)
    w = min(max((drop - lo) / (hi - lo), 0.0), 1.0)
    v = ec.discharge_voltage(q, **kw, layers=1)
    if w > 0.0:
        v = (1.0 - w) * v + w * ec.discharge_voltage(q, **kw, layers=ec._AUTO_LAYERS)
    return v


def compare(case: Case, ref: Reference, layers="auto", end_fraction: float = 0.995, n: int = 1000) -> dict:
    """Voltage RMSE and capacity error of the reduced model against ``ref``.

    The RMSE is taken on ``n`` points uniform in delivered charge over
    ``[0, end_fraction * q_common]``, ``q_common`` the smaller of the two
    capacities: both curves end in a near-vertical drop (particle-surface
    saturation), where a capacity offset of 1e-5 shows up as ~1 V of "voltage
    error"; that end is judged by the capacity error instead.  ``rmse_full``
    (PyBaMM's own output times up to ``q_common``) is returned for transparency.
    """
    kw = case.model_kwargs()
    d = ec.discharge(**kw, stoichiometry_cutoff=False, layers=layers)
    q_common = min(ref.capacity, float(d.capacity))
    q = np.linspace(0.0, end_fraction * q_common, n)
    v_model = model_curve(case, q, layers)
    v_ref = np.interp(q, ref.charge, ref.voltage)
    mask = ref.charge <= q_common
    v_model_full = model_curve(case, ref.charge[mask], layers)
    return dict(
        rmse=float(np.sqrt(np.mean((v_model - v_ref) ** 2))),
        rmse_full=float(np.sqrt(np.mean((v_model_full - ref.voltage[mask]) ** 2))),
        capacity_model=float(d.capacity),
        capacity_ref=ref.capacity,
        capacity_error=float(d.capacity) / ref.capacity - 1.0,
        energy_model=float(d.energy),
        ionic_drop=float(d.ionic_drop),
        q=q,
        v_model=v_model,
        v_ref=v_ref,
    )
