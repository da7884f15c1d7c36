r"""Reduced-order electrochemistry of a Li-metal | solid electrolyte | composite cathode cell.

Cell: Li metal | single-ion solid electrolyte (SE) separator | composite cathode of
active material (NMC811) + SE (catholyte) + carbon (+ binder) + voids.  The SE is a
single-ion conductor (transference number 1), so the electrolyte has no
concentration polarisation and its loss is ohmic (physics.md section 8).  The
separator and the interface resistances enter as one series ASR.

Model (an SPMe-class single-particle model; equations in ``docs/models/electrochem.md``):

* Galvanostatic current density ``I = c_rate * Q_areal / 3600 s`` with
  ``Q_areal = F c_max (x_0 - x_100) eps_am L`` (:func:`areal_capacity`).
* Uniform reaction in the cathode: molar flux into every particle
  ``j = I / (F a L)``, ``a = 3 eps_am / R_p``.
* Exact solution of spherical diffusion with constant surface flux
  (Crank, *The Mathematics of Diffusion*, 2nd ed., 1975, section 6.3)::

      x_avg(t)  = x_start +/- I t / (F c_max eps_am L)
      x_surf(t) = x_avg(t) +/- (j R_p / (D_s c_max)) g(D_s t / R_p^2)
      g(tau)    = 1/5 - 2 sum_n exp(-lambda_n^2 tau) / lambda_n^2,   tan(lambda_n) = lambda_n

  (``g -> 2 sqrt(tau/pi) - 2 tau`` at short times, ``-> 1/5`` at long times: the
  quasi-steady parabolic profile).  ``g`` is tabulated once against ``sqrt(tau)``.
* Symmetric Butler-Volmer kinetics with the Chen2020 exchange current
  ``i0 = k exp(-E_a/R (1/T - 1/T_ref)) c_e^0.5 c_s^0.5 (c_max - c_s)^0.5``:
  ``eta = (R T / (alpha F)) asinh(I / (2 a L i0))``.
* Ohmic losses in the composite for a uniform reaction distribution:
  ``R_el = (L/3) (1/kappa_eff + 1/sigma_eff)`` with the Bruggeman catholyte
  conductivity ``kappa_eff = kappa eps_SE^b`` and ``eps_SE = 1 - eps_am - eps_pore
  - eps_carbon - eps_binder``.
* Terminal voltage ``V = U(x_surf) -/+ (eta + I (R_series + R_el))`` (discharge/charge).

Everything is evaluated on a fixed grid of passed charge for all cells at once
(arrays of shape ``(cells, n_points)``), the cut-off crossing is refined by a
vectorised bisection and the energy is integrated by the trapezoidal rule plus a
Gauss-Legendre rule on the last partial interval.  There is no loop over cells
(only over chunks of ``_CHUNK`` cells, to bound memory).

The uniform-reaction assumption fails when the catholyte is the bottleneck
(``ionic_drop = I L / kappa_eff`` above ~0.4 V).  ``layers=N`` then resolves the
cathode thickness in N layers, each with its own particle (the DFN equations
for a single-ion electrolyte on a coarse mesh): per time step the layer fluxes
solve a tridiagonal nonlinear system (ohmic balance between layers, Butler-Volmer
and OCP in each) by damped Newton, vectorised over cells; the particles keep 12
diffusion modes integrated exactly over each step.  The default
``layers="auto"`` uses the single-particle model below 0.3 V of ionic drop, 8
layers above 0.5 V and a linear blend in between.

Validated against the PyBaMM DFN half-cell (``tests/validation``,
``docs/validation.md``).  SI units: lengths [m], charge per area [C m-2]
(1 mAh/cm2 = 36 000 C/m2), energy per area [J m-2], conductivity [S m-1],
ASR [ohm m2], temperature [K].
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

import numpy as np

from process_models.electrodes import (
    CATHODES,
    FARADAY,
    GAS_CONSTANT,
    LITHIUM,
    CathodeMaterial,
    cathode_ocp,
    get_cathode,
    get_collectors,
)

__all__ = [
    "Discharge",
    "Charge",
    "StackMetrics",
    "CompositeConductivities",
    "areal_capacity",
    "nominal_capacity",
    "composite_conductivities",
    "discharge",
    "charge",
    "discharge_voltage",
    "stack_metrics",
]

_CHUNK = 8192  # cells per vectorised block (memory bound, not a physics choice)
_I0_FLOOR = 1e-300  # A m-2; floor of the exchange current at a saturated surface
_N_BISECT = 36  # bisection steps: bracket / 2**36 ~ 1e-11 of the bracket
_DEFAULT_POINTS = 48  # grid points of the single-particle model
_DEFAULT_STEPS = 150  # time steps of the layered model
# grid in passed charge, clustered at the start transient and at the end knee
_GRID_SHAPE = lambda u: 0.5 * (1.0 - np.cos(np.pi * u))  # noqa: E731
_GL_NODES, _GL_WEIGHTS = np.polynomial.legendre.leggauss(4)


# ---------------------------------------------------------------------------
# Spherical diffusion with constant surface flux: g(tau) table
# ---------------------------------------------------------------------------
def _sphere_roots(n_roots: int) -> np.ndarray:
    """Positive roots of ``tan(lam) = lam`` (i.e. ``sin lam - lam cos lam = 0``)."""
    m = (np.arange(1, n_roots + 1) + 0.5) * np.pi
    lam = m - 1.0 / m  # asymptotic start
    for _ in range(8):  # Newton on f = sin - lam cos, f' = lam sin
        lam = lam - (np.sin(lam) - lam * np.cos(lam)) / (lam * np.sin(lam))
    return lam


_U_SHORT = 0.01  # sqrt(tau) below which the short-time expansion is used (error < 1e-6)
_U_MAX = 10.0  # sqrt(tau) above which g = 1/5 to machine precision


def _interp_uniform(x, lo, hi, values, steps):
    """Linear interpolation in a table on a uniform grid over [lo, hi] (clamped).

    ``steps = np.diff(values)``.  Same result as ``np.interp`` (to rounding) but
    an index computation instead of a binary search: ~10x faster.
    """
    n = values.size
    s = (np.clip(x, lo, hi) - lo) * ((n - 1) / (hi - lo))
    i = np.minimum(s.astype(np.intp), n - 2)
    return values[i] + (s - i) * steps[i]


def _readonly(*arrays):
    for a in arrays:
        a.flags.writeable = False
    return arrays


def _g_table():
    """``g`` tabulated against ``u = sqrt(tau)`` (g is nearly linear in u at short times)."""
    lam2 = _sphere_roots(400) ** 2  # lam_N^2 * _U_SHORT^2 > 150: truncation negligible
    u = np.linspace(0.0, _U_MAX, 4001)
    tau = u**2
    g = 0.2 - 2.0 * np.sum(np.exp(-np.outer(tau, lam2)) / lam2, axis=1)
    g = np.where(u < _U_SHORT, 2.0 * u / np.sqrt(np.pi) - 2.0 * tau, g)
    return _readonly(g, np.diff(g))


_G_TAB, _G_STEPS = _g_table()


def _surface_excess(tau):
    """``g(tau) = (c_surf - c_avg) D / (j R)`` for constant flux into a sphere [-].

    ``g = 1/5 - 2 sum exp(-lam_n^2 tau)/lam_n^2`` (400 roots of tan(lam) = lam),
    ``2 sqrt(tau/pi) - 2 tau`` for ``tau < 1e-4``; linear interpolation in
    ``sqrt(tau)`` on 4001 points (interpolation error < 1e-6).
    """
    return _interp_uniform(np.sqrt(np.maximum(tau, 0.0)), 0.0, _U_MAX, _G_TAB, _G_STEPS)


def _ocp_table(p: CathodeMaterial):
    """``U`` and ``dU/dx`` on 20 001 uniform points in [0, 1], with their steps.

    Linear interpolation error of U < 2e-6 V (``test_ocp_table_matches_fit``).
    """
    x = np.linspace(0.0, 1.0, 20001)
    u = cathode_ocp(x, p)
    du = np.gradient(u, x)
    return _readonly(x, u, np.diff(u), du, np.diff(du))


_OCP_TABLES = MappingProxyType({name: _ocp_table(p) for name, p in CATHODES.items()})


def _tables(p: CathodeMaterial):
    tab = _OCP_TABLES.get(p.name)
    if tab is None or CATHODES.get(p.name) is not p:
        tab = _ocp_table(p)
    return tab


def _ocp_fast(x, p: CathodeMaterial):
    """Tabulated :func:`cathode_ocp` for the inner loops."""
    _, u, du, _, _ = _tables(p)
    return _interp_uniform(x, 0.0, 1.0, u, du)


def _docp_fast(x, p: CathodeMaterial):
    """Tabulated ``dU/dx`` [V] for the Newton iterations."""
    _, _, _, d, dd = _tables(p)
    return _interp_uniform(x, 0.0, 1.0, d, dd)


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------
class Discharge(NamedTuple):
    """Result of a galvanostatic discharge (arrays of the broadcast input shape).

    Attributes
    ----------
    capacity : numpy.ndarray
        Delivered capacity [C m-2] (1 mAh/cm2 = 36 000 C/m2).
    energy : numpy.ndarray
        Delivered energy [J m-2].
    mean_voltage : numpy.ndarray
        ``energy / capacity`` [V]; ``v_min`` if nothing is delivered.
    current_density : numpy.ndarray
        Applied current density [A m-2].
    ionic_drop : numpy.ndarray
        ``I L / kappa_eff`` [V], the ohmic drop across the whole catholyte at the
        applied current: the validity indicator of the uniform-reaction
        (``layers=1``) model, which stays within 30 mV RMSE and 2 % capacity of
        the PyBaMM DFN up to ~0.4 V; ``layers="auto"`` switches to the layered
        model above it (docs/validation.md).
    """

    capacity: np.ndarray
    energy: np.ndarray
    mean_voltage: np.ndarray
    current_density: np.ndarray
    ionic_drop: np.ndarray


class Charge(NamedTuple):
    """Result of a galvanostatic (constant-current, no CV step) charge.

    Attributes
    ----------
    capacity : numpy.ndarray
        Charge accepted [C m-2].
    energy : numpy.ndarray
        Energy put in [J m-2].
    mean_voltage : numpy.ndarray
        ``energy / capacity`` [V]; ``v_max`` if nothing is accepted.
    current_density : numpy.ndarray
        Applied current density [A m-2].
    ionic_drop : numpy.ndarray
        ``I L / kappa_eff`` [V], the ohmic drop across the whole catholyte at the
        applied current: the validity indicator of the uniform-reaction
        (``layers=1``) model, which stays within 30 mV RMSE and 2 % capacity of
        the PyBaMM DFN up to ~0.4 V; ``layers="auto"`` switches to the layered
        model above it (docs/validation.md).
    """

    capacity: np.ndarray
    energy: np.ndarray
    mean_voltage: np.ndarray
    current_density: np.ndarray
    ionic_drop: np.ndarray


class CompositeConductivities(NamedTuple):
    """Effective transport properties of the composite cathode.

    Attributes
    ----------
    ionic : numpy.ndarray
        Effective ionic conductivity ``kappa_eff`` [S m-1].
    electronic : numpy.ndarray
        Effective electronic conductivity ``sigma_eff`` [S m-1].
    catholyte_fraction : numpy.ndarray
        Solid-electrolyte volume fraction ``eps_SE`` [-].
    """

    ionic: np.ndarray
    electronic: np.ndarray
    catholyte_fraction: np.ndarray


class StackMetrics(NamedTuple):
    """Stack-level (repeat unit incl. shared current collectors, no packaging) metrics.

    Attributes
    ----------
    specific_energy : numpy.ndarray
        [J kg-1] (1 Wh/kg = 3600 J/kg).
    energy_density : numpy.ndarray
        [J m-3] (1 Wh/L = 3.6e6 J/m3).
    areal_mass : numpy.ndarray
        Mass of the repeat unit per area [kg m-2].
    thickness : numpy.ndarray
        Thickness of the repeat unit [m].
    """

    specific_energy: np.ndarray
    energy_density: np.ndarray
    areal_mass: np.ndarray
    thickness: np.ndarray


# ---------------------------------------------------------------------------
# Capacity and composite properties
# ---------------------------------------------------------------------------
def nominal_capacity(cathode_thickness, active_fraction, *, cathode="NMC811") -> np.ndarray:
    """Nominal (practical) areal capacity of the composite cathode, the basis of its C-rate.

    ``Q_nom = q_prac * rho_am * eps_am * L`` with ``q_prac`` the cathode set's
    ``practical_capacity`` (NMC811: 200 mAh/g, Cao et al. 2023 [seed]).

    Parameters
    ----------
    cathode_thickness : array_like
        Composite cathode thickness ``L`` [m].
    active_fraction : array_like
        Active-material volume fraction ``eps_am`` [-].
    cathode : str or CathodeMaterial
        Parameter set.

    Returns
    -------
    numpy.ndarray
        Areal capacity [C m-2] (1 mAh/cm2 = 36 000 C/m2).

    Examples
    --------
    >>> round(float(nominal_capacity(60e-6, 0.6)) / 36000, 2)  # mAh/cm2
    3.44
    """
    p = get_cathode(cathode)
    return p.practical_capacity * p.density * np.asarray(active_fraction, dtype=float) * np.asarray(cathode_thickness, dtype=float)


def areal_capacity(cathode_thickness, active_fraction, *, cathode="NMC811") -> np.ndarray:
    """Theoretical usable areal capacity of the composite cathode.

    ``Q = F c_max (x_0 - x_100) eps_am L``: the Li exchanged between the 100 %
    and 0 % SOC stoichiometries of the parameter set.

    Parameters
    ----------
    cathode_thickness : array_like
        Composite cathode thickness ``L`` [m].
    active_fraction : array_like
        Active-material volume fraction ``eps_am`` [-].
    cathode : str or CathodeMaterial
        Parameter set (:data:`process_models.electrodes.CATHODES`).

    Returns
    -------
    numpy.ndarray
        Areal capacity [C m-2] (1 mAh/cm2 = 36 000 C/m2).

    References
    ----------
    c_max and the stoichiometry window: Chen et al., J. Electrochem. Soc. 167,
    080534 (2020) (see ``electrodes.CATHODES["NMC811"].sources``).
    """
    p = get_cathode(cathode)
    L = np.asarray(cathode_thickness, dtype=float)
    eps = np.asarray(active_fraction, dtype=float)
    return FARADAY * p.c_max * (p.stoich_0 - p.stoich_100) * eps * L


def composite_conductivities(
    active_fraction,
    cathode_porosity,
    electrolyte_conductivity,
    *,
    cathode="NMC811",
    carbon_fraction=None,
    binder_fraction=0.0,
    electronic_conductivity=None,
):
    """Effective ionic and electronic conductivities of the composite cathode.

    ``eps_SE = 1 - eps_am - eps_pore - eps_carbon - eps_binder`` (clipped at 0),
    ``kappa_eff = kappa * eps_SE**b`` (Bruggeman, b = 1.5 for NMC811/Chen2020),
    ``sigma_eff = sigma * (eps_am + eps_carbon)**b_s`` (b_s = 0 for Chen2020: the
    measured composite value 0.18 S/m is used as is).

    Parameters
    ----------
    active_fraction, cathode_porosity : array_like
        Volume fractions of active material and of voids [-].
    electrolyte_conductivity : array_like
        Ionic conductivity of the solid electrolyte in the cathode [S m-1].
    cathode : str or CathodeMaterial
        Parameter set.
    carbon_fraction, binder_fraction : array_like
        Volume fractions of carbon and binder [-] (default: the cathode set's
        ``carbon_fraction``, 0.02 [assumed] for NMC811; binder 0).
    electronic_conductivity : array_like, optional
        Composite electronic conductivity [S m-1]; default: the parameter set's.

    Returns
    -------
    CompositeConductivities
        ``ionic`` [S m-1], ``electronic`` [S m-1], ``catholyte_fraction`` [-].

    References
    ----------
    Bruggeman exponents and sigma: Chen et al., J. Electrochem. Soc. 167, 080534
    (2020) (PyBaMM Chen2020).
    """
    p = get_cathode(cathode)
    carbon_fraction = p.carbon_fraction if carbon_fraction is None else carbon_fraction
    ea = np.asarray(active_fraction, dtype=float)
    eps_se = np.clip(
        1.0 - ea - np.asarray(cathode_porosity, dtype=float) - carbon_fraction - binder_fraction, 0.0, 1.0
    )
    kappa_eff = np.maximum(np.asarray(electrolyte_conductivity, dtype=float), 0.0) * eps_se**p.bruggeman
    sigma = p.electronic_conductivity if electronic_conductivity is None else electronic_conductivity
    sigma_eff = np.asarray(sigma, dtype=float) * np.clip(ea + carbon_fraction, 0.0, 1.0) ** p.electronic_bruggeman
    kappa_eff, sigma_eff, eps_se = np.broadcast_arrays(kappa_eff, sigma_eff, eps_se)
    return CompositeConductivities(kappa_eff, sigma_eff, eps_se)


def _ocv_inverse(voltage, p: CathodeMaterial):
    """Stoichiometry where ``U(x) = voltage`` (U decreases strictly on [0, 1]; table inverse)."""
    x, u = _tables(p)[:2]
    return np.interp(np.asarray(voltage, dtype=float), u[::-1], x[::-1])


# ---------------------------------------------------------------------------
# Core: terminal voltage along a galvanostatic (dis)charge, all cells at once
# ---------------------------------------------------------------------------
class _Cells:
    """Per-cell constants (flat arrays) for voltage evaluations; internal."""

    def __init__(self, p, sign, L, ea, kappa_eff, sigma_eff, asr, c_rate, T, x_start, q_cap, v_cut):
        self.p = p
        self.sign = sign  # +1 discharge (lithiation of the cathode), -1 charge
        self.scale = FARADAY * p.c_max * ea * L  # C m-2 per unit stoichiometry
        self.I = c_rate * FARADAY * p.c_max * (p.stoich_0 - p.stoich_100) * ea * L / 3600.0
        a_L = 3.0 * ea / p.particle_radius * L  # particle surface per electrode area [-]
        self.j_surf = self.I / a_L  # reaction current per particle area [A m-2]
        # (j R / (D c_max)) in stoichiometry units, with j = I / (F a L)
        self.dx_diff = self.j_surf / FARADAY * p.particle_radius / (p.diffusivity * p.c_max)
        self.tau_per_q = p.diffusivity / (p.particle_radius**2 * self.I)  # tau per C m-2
        k_T = p.rate_constant * np.exp(
            p.activation_energy / GAS_CONSTANT * (1.0 / p.reference_temperature - 1.0 / T)
        )
        self.i0_scale = k_T * np.sqrt(p.electrolyte_concentration) * p.c_max  # A m-2
        self.eta_scale = GAS_CONSTANT * T / (p.transfer_coefficient * FARADAY)  # V
        # no ionic/electronic path (fraction or conductivity 0): a huge but finite resistance
        r_el = L / 3.0 * (1.0 / np.maximum(kappa_eff, 1e-30) + 1.0 / np.maximum(sigma_eff, 1e-30))
        self.r_total = asr + r_el  # ohm m2
        self.ionic_drop = self.I * L / np.maximum(kappa_eff, 1e-30)  # V
        # for the layered (through-thickness resolved) model
        self.L = L
        self.aL = a_L
        self.kappa_eff = np.maximum(kappa_eff, 1e-30)
        self.sigma_eff = np.maximum(sigma_eff, 1e-30)
        self.asr = asr
        self.x_start = x_start
        self.q_cap = q_cap  # end of the grid [C m-2]
        self.v_cut = v_cut

    def take(self, sl):
        out = object.__new__(_Cells)
        for k, v in self.__dict__.items():
            out.__dict__[k] = v[sl] if isinstance(v, np.ndarray) and v.ndim == 1 else v
        return out

    def voltage(self, q):
        """Terminal voltage [V] after passing charge ``q`` [C m-2]; q is (cells, m)."""
        col = lambda a: a[:, None] if isinstance(a, np.ndarray) and a.ndim == 1 else a  # noqa: E731
        s = self.sign
        x_avg = col(self.x_start) + s * q / col(self.scale)
        x_surf = x_avg + s * col(self.dx_diff) * _surface_excess(q * col(self.tau_per_q))
        x_surf = np.clip(x_surf, 0.0, 1.0)
        # a saturated (or emptied) surface cannot carry the current: i0 -> 0 and
        # eta -> ~35 V; the floor keeps V finite but far past any cut-off
        i0 = np.maximum(col(self.i0_scale) * np.sqrt(x_surf * (1.0 - x_surf)), _I0_FLOOR)
        eta = col(self.eta_scale) * np.arcsinh(col(self.j_surf) / (2.0 * i0))
        drop = eta + col(self.I) * col(self.r_total)
        return _ocp_fast(x_surf, self.p) - s * drop

    def margin(self, q):
        """Positive while the cut-off is not reached."""
        return self.sign * (self.voltage(q) - self.v_cut[:, None])


def _run(cells: _Cells, n_points: int):
    """Capacity and energy for a block of cells."""
    n = cells.I.shape[0]
    s = _GRID_SHAPE(np.linspace(0.0, 1.0, n_points))
    q = cells.q_cap[:, None] * s[None, :]
    v = cells.voltage(q)
    ok = cells.sign * (v - cells.v_cut[:, None]) > 0.0
    # first grid index past the cut-off (n_points if never reached)
    k = np.where(ok.all(axis=1), n_points, np.argmin(ok, axis=1))
    rows = np.arange(n)
    dq = q[:, 1:] - q[:, :-1]
    e_cum = np.concatenate([np.zeros((n, 1)), np.cumsum(0.5 * (v[:, 1:] + v[:, :-1]) * dq, axis=1)], axis=1)

    reached = (k > 0) & (k < n_points)
    km1 = np.clip(k - 1, 0, n_points - 1)
    lo = q[rows, km1]
    hi = q[rows, np.clip(k, 0, n_points - 1)]
    if np.any(reached):  # vectorised bisection of the crossing inside [lo, hi]
        for _ in range(_N_BISECT):
            mid = 0.5 * (lo + hi)
            good = cells.margin(mid[:, None])[:, 0] > 0.0
            lo = np.where(good, mid, lo)
            hi = np.where(good, hi, mid)
    q_end = np.where(reached, lo, np.where(k == 0, 0.0, cells.q_cap))
    # energy: trapezoid up to grid node k-1, Gauss-Legendre on [q_{k-1}, q_end]
    e = np.where(k > 0, e_cum[rows, km1], 0.0)
    a = q[rows, km1]
    half = 0.5 * np.maximum(q_end - a, 0.0)
    qn = (a + half)[:, None] + half[:, None] * _GL_NODES[None, :]
    e_tail = half * (cells.voltage(qn) @ _GL_WEIGHTS)
    e = e + np.where(reached, e_tail, 0.0)
    return q_end, e


# ---------------------------------------------------------------------------
# Layered model: the cathode resolved in n_layers slabs (a coarse DFN for t+ = 1)
# ---------------------------------------------------------------------------
_N_MODES = 12  # diffusion modes kept per particle (12 vs 40: < 0.1 mV difference)
_LAM2 = _sphere_roots(_N_MODES) ** 2
_LAM2.flags.writeable = False
_NEWTON = 4  # Newton iterations per step (warm-started from the previous step)
_N_BISECT_LAYERED = 16  # refinement of the cut-off inside the last step
_AUTO_LAYERS = 8  # layers used by layers="auto" (capacity within 1.5 % of the DFN to 2 V ionic drop)
# layers="auto": single particle below 0.3 V of ionic drop, layered above 0.5 V,
# linear blend in between (no jump in the outputs where the model changes)
_AUTO_BLEND = (0.3, 0.5)


def _layered_init(c: _Cells, n_layers: int):
    n = c.I.shape[0]
    i_signed = c.sign * c.I
    xbar = np.repeat(c.x_start[:, None], n_layers, axis=1)
    w = np.zeros((n, n_layers, _N_MODES))
    jprev = np.zeros((n, n_layers))
    S = i_signed[:, None] * np.arange(1, n_layers)[None, :] / n_layers
    return xbar, w, jprev, S


def _layered_step(c: _Cells, state, dt):
    """One linearly-implicit step of length ``dt`` [s] (per cell) from ``state``.

    Unknowns: the cumulative reaction current ``S_i`` [A m-2] up to layer i
    (``S_0 = 0``, ``S_N = I``); the layer fluxes are ``j_i = (S_i - S_{i-1}) / (a h)``.
    Over the step each particle's surface stoichiometry is linear in its flux,
    ``x_surf = A + B j`` (exact modal solution with the flux held constant), and
    ``Delta_i = U(x_surf,i) - eta(j_i)`` must satisfy the ohmic balance between
    neighbouring layers ``Delta_{i+1} - Delta_i = h ((I - S_i)/kappa_eff - S_i/sigma_eff)``.
    The tridiagonal system is solved by damped Newton (Thomas algorithm,
    vectorised over cells; steps never cross a particle surface past 0 or 1).
    """
    p = c.p
    xbar, w, jprev, S = state
    n, N = xbar.shape
    i_signed = c.sign * c.I
    ah = (c.aL / N)[:, None]
    h = (c.L / N)[:, None]
    rf = p.particle_radius / (p.diffusivity * p.c_max * FARADAY)  # stoichiometry per (A m-2)
    E = np.exp(-_LAM2[None, :] * (p.diffusivity * dt / p.particle_radius**2)[:, None])  # (n, M)
    A = xbar - 2.0 * rf * np.einsum("nim,nm->ni", w - jprev[:, :, None], E / _LAM2)
    B = (3.0 * dt / (FARADAY * p.particle_radius * p.c_max) + rf * (0.2 - 2.0 * (E / _LAM2).sum(axis=1)))[:, None]
    zeros = np.zeros((n, 1))
    i_col = i_signed[:, None]

    def fluxes(S):
        return np.diff(np.concatenate([zeros, S, i_col], axis=1), axis=1) / ah

    # feasible start: every surface strictly inside (0, 1)
    j = np.clip(fluxes(S), -0.9 * A / B, 0.9 * (1.0 - A) / B)
    j_hi = (1.0 - 1e-9 - A) / B  # flux that fills the surface to x = 1 within the step
    j_lo = (1e-9 - A) / B
    deficit = i_signed - (j * ah).sum(axis=1)
    room = np.maximum(np.where(deficit[:, None] > 0.0, j_hi - j, j - j_lo), 0.0) * ah
    total = room.sum(axis=1)
    dead = total <= np.abs(deficit)  # the particles cannot carry the current any more
    j = j + (np.clip(deficit / np.where(total > 0.0, total, 1.0), -1.0, 1.0)[:, None] * room) / ah
    S = np.cumsum(j * ah, axis=1)[:, :-1]
    ohm = h * (1.0 / c.kappa_eff[:, None] + 1.0 / c.sigma_eff[:, None])
    i0s = c.i0_scale[:, None]
    es = c.eta_scale[:, None]
    for _ in range(_NEWTON if N > 1 else 0):
        j = fluxes(S)
        xs = np.clip(A + B * j, 1e-15, 1.0 - 1e-15)
        root = np.sqrt(xs * (1.0 - xs))
        i0 = i0s * root
        r = j / (2.0 * i0)
        delta = _ocp_fast(xs, p) - es * np.arcsinh(r)
        di0 = i0s * (1.0 - 2.0 * xs) / (2.0 * root)
        d_delta = _docp_fast(xs, p) * B - es * (0.5 / i0 - r / i0 * di0 * B) / np.sqrt(1.0 + r * r)
        res = delta[:, 1:] - delta[:, :-1] - h * ((i_col - S) / c.kappa_eff[:, None] - S / c.sigma_eff[:, None])
        sub = d_delta[:, :-1] / ah  # dF_i/dS_{i-1}
        sup = d_delta[:, 1:] / ah  # dF_i/dS_{i+1}
        diag = -(d_delta[:, 1:] + d_delta[:, :-1]) / ah + ohm
        m = N - 1
        cp = np.empty((n, m))
        dp = np.empty((n, m))
        cp[:, 0] = sup[:, 0] / diag[:, 0]
        dp[:, 0] = res[:, 0] / diag[:, 0]
        for i in range(1, m):
            den = diag[:, i] - sub[:, i] * cp[:, i - 1]
            cp[:, i] = sup[:, i] / den
            dp[:, i] = (res[:, i] - sub[:, i] * dp[:, i - 1]) / den
        dS = np.empty((n, m))
        dS[:, -1] = dp[:, -1]
        for i in range(m - 2, -1, -1):
            dS[:, i] = dp[:, i] - cp[:, i] * dS[:, i + 1]
        # damping: move at most 90 % of the way to a surface bound (0 or 1)
        xs_new = A + B * fluxes(S - dS)
        xs_old = A + B * j
        with np.errstate(divide="ignore", invalid="ignore"):
            up = np.where(xs_new > xs_old, 0.9 * (1.0 - xs_old) / (xs_new - xs_old), np.inf)
            dn = np.where(xs_new < xs_old, 0.9 * xs_old / (xs_old - xs_new), np.inf)
        alpha = np.minimum(1.0, np.minimum(up, dn).min(axis=1))
        S = S - alpha[:, None] * np.nan_to_num(dS)
    j = fluxes(S)
    xs_raw = A + B * j
    dead = dead | np.any((xs_raw >= 1.0) | (xs_raw <= 0.0), axis=1)
    xs = np.clip(xs_raw, 1e-15, 1.0 - 1e-15)
    delta = _ocp_fast(xs, p) - es * np.arcsinh(j / (2.0 * i0s * np.sqrt(xs * (1.0 - xs))))
    hh = c.L / N
    v = (
        delta[:, -1]
        - i_signed * c.asr
        - 0.5 * hh * i_signed / c.kappa_eff
        - (hh / c.kappa_eff) * (i_signed[:, None] - S).sum(axis=1)
        - 0.5 * hh * i_signed / c.sigma_eff
    )
    v = np.where(dead, -c.sign * 1e3, v)  # far past any cut-off
    xbar_new = xbar + 3.0 * j * dt[:, None] / (FARADAY * p.particle_radius * p.c_max)
    w_new = (w + (j - jprev)[:, :, None]) * E[:, None, :]
    return v, (xbar_new, w_new, j, S)


def _take_state(state, idx):
    return tuple(a[idx] for a in state)


def _run_layered(c: _Cells, n_layers: int, n_steps: int):
    """Capacity and energy of the layered model for a block of cells."""
    n = c.I.shape[0]
    dq = c.q_cap / n_steps
    dt = dq / c.I
    with np.errstate(all="ignore"):
        v_prev, state = _layered_step(c, _layered_init(c, n_layers), np.zeros(n))
        alive = c.sign * (v_prev - c.v_cut) > 0.0
        cap = np.zeros(n)
        energy = np.zeros(n)
        saved = tuple(a.copy() for a in state)
        saved_v = v_prev.copy()
        saved_q = np.zeros(n)
        died = np.zeros(n, dtype=bool)
        for k in range(n_steps):
            if not alive.any():
                break
            v, new_state = _layered_step(c, state, dt)
            ok = alive & (c.sign * (v - c.v_cut) > 0.0)
            just_died = alive & ~ok
            if just_died.any():
                for a_saved, a_state in zip(saved, state):
                    a_saved[just_died] = a_state[just_died]
                saved_v[just_died] = v_prev[just_died]
                saved_q[just_died] = k * dq[just_died]
                died |= just_died
            energy = np.where(ok, energy + 0.5 * (v_prev + v) * dq, energy)
            cap = np.where(ok, (k + 1) * dq, cap)
            v_prev = np.where(ok, v, v_prev)
            state = new_state
            alive = ok
        if died.any():  # bisection of the cut-off inside the fatal step
            idx = np.flatnonzero(died)
            sub = c.take(idx)
            st0 = _take_state(saved, idx)
            lo = np.zeros(idx.size)
            hi = dq[idx].copy()
            v_lo = saved_v[idx].copy()
            for _ in range(_N_BISECT_LAYERED):
                mid = 0.5 * (lo + hi)
                v_mid, _ = _layered_step(sub, st0, mid / sub.I)
                good = sub.sign * (v_mid - sub.v_cut) > 0.0
                lo = np.where(good, mid, lo)
                v_lo = np.where(good, v_mid, v_lo)
                hi = np.where(good, hi, mid)
            cap[idx] = saved_q[idx] + lo
            energy[idx] += 0.5 * (saved_v[idx] + v_lo) * lo
    return cap, energy


def _layered_curve(c: _Cells, n_layers: int, n_steps: int, q):
    """Voltage of the layered model at passed charge ``q`` (n,), no cut-off."""
    n = c.I.shape[0]
    dq = np.maximum(q, 0.0) / n_steps
    dt = dq / c.I
    with np.errstate(all="ignore"):
        v, state = _layered_step(c, _layered_init(c, n_layers), np.zeros(n))
        for _ in range(n_steps):
            v, state = _layered_step(c, state, dt)
    return v


def _prepare(sign, cathode_thickness, active_fraction, cathode_porosity, electrolyte_conductivity,
             series_asr, c_rate, temperature, v_cut, v_start, cathode, carbon_fraction,
             binder_fraction, electronic_conductivity, stoichiometry_cutoff):
    p = get_cathode(cathode)
    carbon_fraction = p.carbon_fraction if carbon_fraction is None else carbon_fraction
    if v_cut is None:
        v_cut = p.v_min if sign > 0 else p.v_max
    arrays = np.broadcast_arrays(
        *[np.asarray(a, dtype=float) for a in (
            cathode_thickness, active_fraction, cathode_porosity, electrolyte_conductivity,
            series_asr, c_rate, temperature, v_cut, v_start, carbon_fraction, binder_fraction,
            p.electronic_conductivity if electronic_conductivity is None else electronic_conductivity,
        )]
    )
    shape = arrays[0].shape
    L, ea, ep, kappa, asr, cr, T, vc, vs, ec, eb, sig = (a.ravel() for a in arrays)
    if np.any(L <= 0) or np.any(ea <= 0) or np.any(ea > 1):
        raise ValueError("cathode_thickness must be > 0 and active_fraction in (0, 1]")
    if np.any(cr <= 0) or np.any(T <= 0) or np.any(asr < 0):
        raise ValueError("c_rate and temperature must be > 0 and series_asr >= 0")
    kappa_eff, sigma_eff, _ = composite_conductivities(
        ea, ep, kappa, cathode=p, carbon_fraction=ec, binder_fraction=eb, electronic_conductivity=sig
    )
    if sign > 0:  # charged state: OCV at v_start, not beyond the 100 % SOC stoichiometry
        x_start = np.maximum(p.stoich_100, _ocv_inverse(vs, p))
        x_end = np.where(stoichiometry_cutoff, p.stoich_0, 1.0)
        q_cap = FARADAY * p.c_max * ea * L * np.maximum(x_end - x_start, 0.0)
    else:  # discharged state: OCV at v_start, not beyond the 0 % SOC stoichiometry
        x_start = np.minimum(p.stoich_0, _ocv_inverse(vs, p))
        x_end = np.where(stoichiometry_cutoff, p.stoich_100, 0.0)
        q_cap = FARADAY * p.c_max * ea * L * np.maximum(x_start - x_end, 0.0)
    cells = _Cells(p, sign, L, ea, kappa_eff, sigma_eff, asr, cr, T, x_start, q_cap, vc)
    return cells, shape


def _evaluate(sign, n_points, layers, *args):
    cells, shape = _prepare(sign, *args)
    n = cells.I.shape[0]
    cap = np.empty(n)
    energy = np.empty(n)
    auto = isinstance(layers, str)
    if auto and layers != "auto":
        raise ValueError(f"layers must be a positive int or 'auto', not {layers!r}")
    n_layers = _AUTO_LAYERS if auto else int(layers)
    if n_layers < 1:
        raise ValueError("layers must be >= 1")
    if n_layers == 1 or auto:
        for start in range(0, n, _CHUNK):
            sl = slice(start, min(start + _CHUNK, n))
            cap[sl], energy[sl] = _run(cells.take(sl), int(n_points or _DEFAULT_POINTS))
        todo = np.flatnonzero(cells.ionic_drop > _AUTO_BLEND[0]) if auto else np.arange(0)
    else:
        todo = np.arange(n)
    lo, hi = _AUTO_BLEND
    for start in range(0, todo.size, _CHUNK):
        idx = todo[start : start + _CHUNK]
        c_l, e_l = _run_layered(cells.take(idx), n_layers, int(n_points or _DEFAULT_STEPS))
        w = np.clip((cells.ionic_drop[idx] - lo) / (hi - lo), 0.0, 1.0) if auto else 1.0
        cap[idx] = (1.0 - w) * cap[idx] + w * c_l if auto else c_l
        energy[idx] = (1.0 - w) * energy[idx] + w * e_l if auto else e_l
    # nothing delivered: the cell sits at its cut-off from the start
    mean_v = np.where(cap > 0.0, energy / np.where(cap > 0.0, cap, 1.0), cells.v_cut)
    return tuple(a.reshape(shape) for a in (cap, energy, mean_v, cells.I, cells.ionic_drop))


_COMMON_DOC = """
    Parameters
    ----------
    cathode_thickness : array_like
        Composite cathode thickness ``L`` [m].
    active_fraction : array_like
        Active-material volume fraction ``eps_am`` [-], in (0, 1].
    cathode_porosity : array_like
        Void volume fraction of the composite [-].
    electrolyte_conductivity : array_like
        Ionic conductivity of the solid electrolyte inside the cathode [S m-1].
    series_asr : array_like
        Series area-specific resistance: separator ``L_sep / sigma_sep`` plus the
        interface resistances [ohm m2] (1 ohm cm2 = 1e-4 ohm m2).
    c_rate : array_like
        Current as a multiple of :func:`areal_capacity` per hour [h-1]; default 0.1.
    temperature : array_like
        Cell temperature [K] (Arrhenius on the rate constant; the conductivities
        are taken as given at this temperature); default 298.15 K.
    cathode : str or CathodeMaterial
        Parameter set (default ``"NMC811"``, PyBaMM Chen2020).
    carbon_fraction : array_like
        Carbon volume fraction [-] (default: the cathode set's ``carbon_fraction``).
    n_points : int, optional
        Grid points in passed charge, clustered at both ends, for ``layers=1``
        (default 48; the energy changes by < 0.02 % from 48 to 4000 points,
        tests/process_models/test_electrochem.py); time steps for ``layers > 1``
        (default 150).
    binder_fraction : array_like
        Binder volume fraction [-] (default 0).
    electronic_conductivity : array_like, optional
        Composite electronic conductivity [S m-1]; default the parameter set's.
    stoichiometry_cutoff : bool
        Also stop when the mean stoichiometry reaches the end of the parameter
        set's window (default True; see below).
    layers : int or "auto"
        1: single-particle model, uniform reaction through the cathode (~5 us
        per cell), valid for ``ionic_drop`` <= 0.4 V.  N >= 2: the cathode
        resolved in N layers, each with its own particle (a coarse DFN for a
        single-ion electrolyte, ~0.7 ms per cell at N = 8).  "auto" (default):
        1 for cells with ``ionic_drop`` <= 0.3 V, 8 layers above 0.5 V, a
        linear blend of the two in between (docs/validation.md).
"""


def discharge(
    cathode_thickness,
    active_fraction,
    cathode_porosity,
    electrolyte_conductivity,
    series_asr,
    *,
    c_rate=0.1,
    temperature=298.15,
    v_min=None,
    v_max=None,
    cathode="NMC811",
    carbon_fraction=None,
    n_points=None,
    binder_fraction=0.0,
    electronic_conductivity=None,
    stoichiometry_cutoff=True,
    layers="auto",
) -> Discharge:
    """Galvanostatic discharge from the charged state to ``v_min``.

    The cell starts fully relaxed at the charged state ``x_start = max(x_100,
    U^-1(v_max))`` and is discharged at ``I = c_rate * Q_areal / 3600 s`` until
    the terminal voltage ``V = U(x_surf) - eta - I (R_series + R_el)`` falls to
    ``v_min`` or, with ``stoichiometry_cutoff``, the mean stoichiometry reaches
    ``x_0`` (0 % SOC).  The Chen2020 OCP stays above 3.48 V up to x = 1, so
    without that limit a slow discharge only ends when the particle surfaces
    saturate (x_avg ~ 0.99 at C/10, 113 % of :func:`areal_capacity`); the
    cut-off represents the practical relithiation limit of NMC811, which the
    constant-D Chen2020 model does not capture.  See the module docstring for
    the equations.
    {common}
    v_min : array_like, optional
        Lower cut-off voltage [V]; default the parameter set's (2.5 V).
    v_max : array_like, optional
        Charge voltage defining the start state [V]; default the parameter set's (4.3 V).

    Returns
    -------
    Discharge
        ``capacity`` [C m-2], ``energy`` [J m-2], ``mean_voltage`` [V],
        ``current_density`` [A m-2], ``ionic_drop`` [V] (validity indicator).

    References
    ----------
    Parameters: Chen et al., J. Electrochem. Soc. 167, 080534 (2020) (PyBaMM Chen2020).
    Diffusion: Crank, The Mathematics of Diffusion (1975), constant flux into a sphere.
    Single-particle model with electrolyte: Marquis et al., J. Electrochem. Soc.
    166, A3693 (2019).
    """
    p = get_cathode(cathode)
    v_max = p.v_max if v_max is None else v_max
    cap, e, vm, i, drop = _evaluate(
        +1, n_points, layers, cathode_thickness, active_fraction, cathode_porosity, electrolyte_conductivity,
        series_asr, c_rate, temperature, v_min, v_max, p, carbon_fraction, binder_fraction,
        electronic_conductivity, stoichiometry_cutoff,
    )
    return Discharge(cap, e, vm, i, drop)


def charge(
    cathode_thickness,
    active_fraction,
    cathode_porosity,
    electrolyte_conductivity,
    series_asr,
    *,
    c_rate=0.1,
    temperature=298.15,
    v_min=None,
    v_max=None,
    cathode="NMC811",
    carbon_fraction=None,
    n_points=None,
    binder_fraction=0.0,
    electronic_conductivity=None,
    stoichiometry_cutoff=True,
    layers="auto",
) -> Charge:
    """Constant-current charge (no CV step) from the discharged state to ``v_max``.

    Mirror image of :func:`discharge`: the cell starts relaxed at ``x_start =
    min(x_0, U^-1(v_min))``, the particles are delithiated at ``I = c_rate *
    Q_areal / 3600 s`` and the charge ends when ``V = U(x_surf) + eta + I
    (R_series + R_el)`` reaches ``v_max`` or (``stoichiometry_cutoff``) the mean
    stoichiometry reaches ``x_100``.  The constant-current capacity is the
    fast-charge metric (no Li-plating criterion here: that lives in the
    critical-current model).
    {common}
    v_min : array_like, optional
        Voltage defining the discharged start state [V]; default the set's (2.5 V).
    v_max : array_like, optional
        Upper cut-off voltage [V]; default the parameter set's (4.3 V).

    Returns
    -------
    Charge
        ``capacity`` [C m-2], ``energy`` [J m-2], ``mean_voltage`` [V],
        ``current_density`` [A m-2], ``ionic_drop`` [V] (validity indicator).
    """
    p = get_cathode(cathode)
    v_min = p.v_min if v_min is None else v_min
    cap, e, vm, i, drop = _evaluate(
        -1, n_points, layers, cathode_thickness, active_fraction, cathode_porosity, electrolyte_conductivity,
        series_asr, c_rate, temperature, v_max, v_min, p, carbon_fraction, binder_fraction,
        electronic_conductivity, stoichiometry_cutoff,
    )
    return Charge(cap, e, vm, i, drop)


discharge.__doc__ = discharge.__doc__.replace("{common}", _COMMON_DOC.rstrip())
charge.__doc__ = charge.__doc__.replace("{common}", _COMMON_DOC.rstrip())


def discharge_voltage(
    delivered,
    cathode_thickness,
    active_fraction,
    cathode_porosity,
    electrolyte_conductivity,
    series_asr,
    *,
    c_rate=0.1,
    temperature=298.15,
    v_max=None,
    cathode="NMC811",
    carbon_fraction=None,
    binder_fraction=0.0,
    electronic_conductivity=None,
    layers=1,
    n_points=None,
) -> np.ndarray:
    """Terminal voltage after delivering ``delivered`` charge in a galvanostatic discharge.

    The voltage curve behind :func:`discharge` (no cut-off applied), for plots
    and the PyBaMM comparison.  Arguments as in :func:`discharge`.

    Parameters
    ----------
    delivered : array_like
        Charge delivered since the start [C m-2]; broadcast against the cell
        arguments, with the last axis free (e.g. cells of shape ``(n, 1)`` and a
        curve of shape ``(m,)`` give ``(n, m)``).
    layers : int
        1: single-particle model (exact, closed form); N >= 2: the layered model,
        integrated from the start to each ``delivered`` value in ``n_points``
        steps (default 150).

    Returns
    -------
    numpy.ndarray
        Terminal voltage [V].
    """
    p = get_cathode(cathode)
    v_max = p.v_max if v_max is None else v_max
    carbon_fraction = p.carbon_fraction if carbon_fraction is None else carbon_fraction
    q = np.asarray(delivered, dtype=float)
    arrays = np.broadcast_arrays(
        q, *[np.asarray(a, dtype=float) for a in (
            cathode_thickness, active_fraction, cathode_porosity, electrolyte_conductivity,
            series_asr, c_rate, temperature, v_max, carbon_fraction, binder_fraction)]
    )
    shape = arrays[0].shape
    flat = [a.ravel() for a in arrays]
    sig = p.electronic_conductivity if electronic_conductivity is None else electronic_conductivity
    cells, _ = _prepare(
        +1, *flat[1:6], flat[6], flat[7], p.v_min, flat[8], p, flat[9], flat[10],
        np.broadcast_to(np.asarray(sig, dtype=float), shape).ravel(), False,
    )
    if layers == 1:
        return cells.voltage(flat[0][:, None])[:, 0].reshape(shape)
    v = np.empty(flat[0].size)
    for start in range(0, v.size, _CHUNK):
        sl = slice(start, min(start + _CHUNK, v.size))
        v[sl] = _layered_curve(cells.take(sl), int(layers), int(n_points or _DEFAULT_STEPS), flat[0][sl])
    return v.reshape(shape)


# ---------------------------------------------------------------------------
# Stack metrics
# ---------------------------------------------------------------------------
def stack_metrics(
    energy,
    cathode_thickness,
    electrolyte_thickness,
    anode_thickness,
    *,
    active_fraction,
    cathode_porosity,
    electrolyte_density,
    cathode="NMC811",
    collector="default",
    carbon_fraction=None,
    binder_fraction=0.0,
    catholyte_density=None,
) -> StackMetrics:
    """Specific energy and energy density of one cell repeat unit.

    Repeat unit: composite cathode + SE separator + Li anode + the share of the
    current collectors that belongs to one cell (half of each foil for
    double-sided electrodes).  No tabs, packaging or stack pressure hardware::

        m = L_c (eps_am rho_am + eps_C rho_C + eps_B rho_B + eps_SE rho_SE)
            + L_e rho_e + L_Li rho_Li + f (t_Al rho_Al + t_Cu rho_Cu)
        h = L_c + L_e + L_Li + f (t_Al + t_Cu)
        specific_energy = E / m,   energy_density = E / h

    Parameters
    ----------
    energy : array_like
        Delivered energy per cell area [J m-2] (e.g. :func:`discharge` ``.energy``).
    cathode_thickness, electrolyte_thickness, anode_thickness : array_like
        Layer thicknesses [m] (anode = Li metal).
    active_fraction, cathode_porosity : array_like
        Volume fractions in the composite cathode [-].
    electrolyte_density : array_like
        Density of the separator layer as made [kg m-3] (theoretical density
        times relative density), e.g. LLZO 5100, Li6PS5Cl 1640 (materials.py).
    cathode : str or CathodeMaterial
        Parameter set (densities of active material, carbon, binder).
    collector : str or CurrentCollectors
        Current-collector set (:data:`process_models.electrodes.COLLECTORS`).
    carbon_fraction, binder_fraction : array_like
        Volume fractions [-] (as in :func:`discharge`).
    catholyte_density : array_like, optional
        Density of the SE inside the cathode [kg m-3]; default ``electrolyte_density``.

    Returns
    -------
    StackMetrics
        ``specific_energy`` [J kg-1], ``energy_density`` [J m-3],
        ``areal_mass`` [kg m-2], ``thickness`` [m].

    References
    ----------
    Li density: handbook 534 kg/m3; collector defaults: Chen et al. 2020 (LG M50);
    see :mod:`process_models.electrodes` for each value's source.
    """
    p = get_cathode(cathode)
    carbon_fraction = p.carbon_fraction if carbon_fraction is None else carbon_fraction
    cc = get_collectors(collector)
    E = np.asarray(energy, dtype=float)
    Lc = np.asarray(cathode_thickness, dtype=float)
    Le = np.asarray(electrolyte_thickness, dtype=float)
    La = np.asarray(anode_thickness, dtype=float)
    ea = np.asarray(active_fraction, dtype=float)
    rho_e = np.asarray(electrolyte_density, dtype=float)
    rho_cat = rho_e if catholyte_density is None else np.asarray(catholyte_density, dtype=float)
    eps_se = np.clip(1.0 - ea - np.asarray(cathode_porosity, dtype=float) - carbon_fraction - binder_fraction, 0.0, 1.0)
    m = (
        Lc * (ea * p.density + carbon_fraction * p.carbon_density + binder_fraction * p.binder_density
              + eps_se * rho_cat)
        + Le * rho_e
        + La * LITHIUM.density
        + cc.areal_mass
    )
    h = Lc + Le + La + cc.thickness
    return StackMetrics(E / m, E / h, np.asarray(m, dtype=float), np.asarray(h, dtype=float))
