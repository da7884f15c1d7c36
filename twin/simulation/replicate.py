"""One Monte Carlo replicate: draw -> line (SimPy) with process steps -> cells -> gates -> KPIs.

:func:`simulate_replicate` is the unit of work of every study. It depends on
(scenario, point index, replicate index) only, through the random streams of
:mod:`twin.streams`, so its numbers do not depend on who runs it.

Where physics happens:

- timing-independent steps (tape casting, separator pressing/spraying,
  cathode spraying) are evaluated vectorised over all items before the line
  runs: they are what those stations will do to each item;
- the sintering furnace calls :func:`process_models.sintering.sinter` once
  per load when it fires (one vectorised call per load);
- the inspection gate reads the fired density and crack flags of the item
  (measured with error);
- after the line: exposure clocks -> Li2CO3 (oxide) or moisture damage
  (sulphide), then :func:`twin.performance.evaluate_cells` on all cells at
  once and the end-of-line decision.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from process_models import air_exposure, cold_pressing, cost, sintering, spray, tape_casting
from process_models.electrodes import LITHIUM, get_cathode
from process_models.materials import get_electrolyte

from ..scenario.distributions import sample
from .line import PASS, REWORK, SCRAP, SCRAP_BREAKDOWN, SCRAP_GATE, StationSpec, exposure_times, simulate_line
from .cell import FM, Duty, eol_decision, evaluate_cells
from ..results.dataset import CELL_VARS
from .streams import GATES, LINE, PROCESS, stream

__all__ = ["ReplicateResult", "simulate_replicate", "gate_names"]

ROOM_TEMPERATURE = 298.15  # [K]
#: carbon volume fraction of the composite cathode [-]; the default of process_models.electrochem.discharge
CATHODE_CARBON_FRACTION = 0.02
BATCH = 3  # stream purpose: per-furnace-load draws


@dataclass
class ReplicateResult:
    """Per-cell arrays (shape (n,)) and per-replicate KPIs of one replicate."""

    cells: dict[str, np.ndarray]
    kpis: dict[str, float]
    cell_station: dict[str, np.ndarray]  # per cell and station, shape (n, n_stations)
    utilisation: np.ndarray  # per station [-]
    scrapped: dict[str, int]  # per gate


def _dew_point_rh(dew_point: float, temperature: float = ROOM_TEMPERATURE) -> float:
    """Relative humidity [-] of air with a given dew point [K] at ``temperature`` [K].

    Magnus formula over water (Alduchov & Eskridge, J. Appl. Meteor. 35, 601, 1996):
    e_s(T) = 6.1094 exp(17.625 t / (t + 243.04)), t in degC.
    """

    def es(t_k: float) -> float:
        t = t_k - 273.15
        return 6.1094 * np.exp(17.625 * t / (t + 243.04))

    return float(es(dew_point) / es(temperature))


def simulate_replicate(scenario, point: int, replicate: int) -> ReplicateResult:
    """Simulate one replicate of one sweep point (scenario already has the point applied)."""
    sc = scenario
    n = sc.cells
    pr = sc.process
    route = sc.line.route
    mat = get_electrolyte(sc.materials.electrolyte)
    rng_p = stream(sc.seed, point, replicate, PROCESS)
    rng_l = stream(sc.seed, point, replicate, LINE)
    rng_g = stream(sc.seed, point, replicate, GATES)
    rng_b = stream(sc.seed, point, replicate, BATCH)
    stations = sc.line.stations
    steps = [s.step for s in stations]
    idx = {s: steps.index(s) for s in steps}  # first station applying each step

    cell: dict[str, np.ndarray] = {}
    nan = np.full(n, np.nan)

    # ---- electrolyte: oxide tape casting (per tape lot for slurry, per sheet for the blade) or sulphide separator
    cracked = np.zeros(n, bool)
    pinhole = np.zeros(n, bool)
    if route == "oxide_tape":
        tc = pr.tape_casting
        lot = np.arange(n) // tc.sheets_per_tape
        n_lots = int(lot[-1]) + 1
        visc = sample(tc.slurry_viscosity, rng_p, n_lots)[lot]
        solids = sample(tc.solids_fraction, rng_p, n_lots)[lot]
        cast = tape_casting.cast_tape(
            sample(tc.blade_gap, rng_p, n), sample(tc.casting_speed, rng_p, n), visc,
            sample(tc.reservoir_height, rng_p, n), solids, material=mat.name,
        )
        cracked = rng_p.random(n) < cast.crack_probability
        cell.update(tape_lot=lot, green_thickness=cast.green_thickness, green_density=cast.green_density,
                    electrolyte_thickness=nan.copy(), electrolyte_relative_density=nan.copy(), grain_size=nan.copy(),
                    li_loss_fraction=nan.copy(), secondary_phase_fraction=nan.copy(), furnace_temperature=nan.copy(),
                    excess_li=nan.copy())
        crack_mode = FM["drying_crack"]
    else:
        sp = pr.separator
        if sp.method == "cold_press":
            pressed = cold_pressing.cold_press(sample(sp.pressure, rng_p, n), hold_time=sample(sp.hold_time, rng_p, n), material=mat.name)
            rel = pressed.relative_density
            cracked = rng_p.random(n) < pressed.crack_probability
            thickness = sample(sp.areal_mass, rng_p, n) / (mat.theoretical_density * rel)
            retained = np.ones(n)
        else:
            film = spray.spray_film(sp.n_layers, sample(sp.mass_flow, rng_p, n), sample(sp.transfer_efficiency, rng_p, n),
                                    sample(sp.traverse_speed, rng_p, n), sample(sp.spray_width, rng_p, n),
                                    process="sulphide_reprecipitation", material=mat.name)
            # the re-precipitated film is then pressed (roadmap Fig. 17 measured it at 400 MPa clamping):
            # it densifies to the pressed density, its thickness shrinks by mass conservation
            pressed = cold_pressing.cold_press(sample(sp.pressure, rng_p, n), hold_time=sample(sp.hold_time, rng_p, n), material=mat.name)
            rel = np.maximum(film.relative_density, pressed.relative_density)
            thickness = film.thickness * film.relative_density / rel
            retained = film.conductivity_factor
            pinhole = rng_p.random(n) < film.pinhole_probability
            cracked = rng_p.random(n) < pressed.crack_probability
        cell.update(tape_lot=np.full(n, -1), electrolyte_thickness=thickness, electrolyte_relative_density=rel,
                    grain_size=np.full(n, np.nan), li_loss_fraction=np.zeros(n), secondary_phase_fraction=np.zeros(n),
                    process_retained=retained)
        crack_mode = FM["pressing_crack"]

    # ---- cathode by spray deposition (timing independent). The deposit's solid density is the
    # volume-weighted density of active material, catholyte (the route's electrolyte) and carbon.
    ca = pr.cathode
    cat = get_cathode(sc.materials.cathode)
    active_fraction = sample(ca.active_fraction, rng_p, n)
    cathode_porosity = sample(ca.porosity, rng_p, n)
    carbon = CATHODE_CARBON_FRACTION
    se_fraction = np.clip(1.0 - active_fraction - cathode_porosity - carbon, 0.0, 1.0)
    solid = active_fraction + se_fraction + carbon
    solid_density = (active_fraction * cat.density + se_fraction * mat.theoretical_density + carbon * cat.carbon_density) / solid
    if ca.method == "spray":
        cfilm = spray.spray_film(ca.n_layers, sample(ca.mass_flow, rng_p, n), sample(ca.transfer_efficiency, rng_p, n),
                                 sample(ca.traverse_speed, rng_p, n), sample(ca.spray_width, rng_p, n),
                                 layer_porosity=cathode_porosity, process="cathode", material=mat.name, bulk_density=solid_density)
        cathode_thickness = cfilm.thickness
    else:  # pressed powder composite: thickness from loading and porosity (mass balance)
        cathode_thickness = sample(ca.areal_mass, rng_p, n) / (solid_density * (1.0 - cathode_porosity))
    anode_thickness = sample(pr.anode.foil_thickness, rng_p, n)
    lamination_pressure = sample(pr.anode.lamination_pressure, rng_p, n)
    stack_pressure = np.maximum(sample(pr.stacking.stack_pressure, rng_p, n), 0.0)
    plating_quantile = rng_p.random(n)

    # ---- line
    si = pr.sintering
    gate_noise = rng_g.normal(0.0, 1.0, n)
    names = [s.name for s in stations]
    specs = []
    for k, st in enumerate(stations):
        specs.append(StationSpec(
            name=st.name, kind=st.kind, machines=st.machines,
            process_times=None if st.kind == "furnace" else np.maximum(sample(st.process_time, rng_l, n), 0.0),
            buffer=st.buffer, mtbf=st.mtbf,
            repair_times=(lambda r, d=st.mttr: float(max(sample(d, r, 1)[0], 0.0))),
            on_failure=st.on_failure, setup_time=st.setup_time, families=cell["tape_lot"],
            downtime_period=st.downtime_every, downtime_duration=st.downtime_duration,
            is_gate=st.step == "inspection", rework_to=names.index(st.rework_to) if st.rework_to else None,
            load_capacity=st.load_capacity, load_policy=st.load_policy, load_timeout=st.load_timeout,
        ))

    firing_times: list[float] = []

    def on_batch(k: int, ids: np.ndarray, b: int) -> float:
        st = stations[k]
        t_set = float(sample(si.dwell_temperature, rng_b, 1)[0])
        dwell = float(max(sample(si.dwell_time, rng_b, 1)[0], 0.0))
        ramp = float(sample(si.ramp_rate, rng_b, 1)[0])
        cool = float(sample(si.cooling_rate, rng_b, 1)[0])
        offsets = rng_b.normal(0.0, st.temperature_nonuniformity, ids.size) if st.temperature_nonuniformity > 0 else np.zeros(ids.size)
        t_item = t_set + offsets
        # a re-fired sheet starts from its fired state: its density and thickness
        # act as the green state, and its Li loss adds to what it lost before
        prior = np.isfinite(cell["electrolyte_relative_density"][ids])
        h0 = np.where(prior, cell["electrolyte_thickness"][ids], cell["green_thickness"][ids])
        rho0 = np.where(prior, cell["electrolyte_relative_density"][ids], cell["green_density"][ids])
        lost0 = np.where(prior, cell["li_loss_fraction"][ids], 0.0)
        excess = np.where(prior, cell["excess_li"][ids], sample(si.excess_li, rng_b, ids.size))
        res = sintering.sinter(
            h0, rho0, t_item, dwell, ramp_rate=ramp, cooling_rate=cool, excess_li=np.maximum(excess - lost0, 0.0),
            cover_powder=si.cover_powder, geometry=si.geometry, material=mat.name,
        )
        cell["excess_li"][ids] = excess
        cell["electrolyte_relative_density"][ids] = np.maximum(res.relative_density, rho0)
        cell["grain_size"][ids] = res.grain_size
        cell["li_loss_fraction"][ids] = lost0 + res.li_loss_fraction
        cell["secondary_phase_fraction"][ids] = sintering.secondary_phase_fraction(lost0 + res.li_loss_fraction, excess, material=mat.name)
        cell["electrolyte_thickness"][ids] = res.fired_thickness
        cell["furnace_temperature"][ids] = t_item
        profile = (t_set - ROOM_TEMPERATURE) / ramp + dwell + (t_set - ROOM_TEMPERATURE) / cool
        firing_times.append(profile)
        return profile + st.handling_time

    insp = sc.gates.inspection
    gate_reason = np.zeros(n, dtype=np.int8)
    verdicts = {"false_rejects": 0, "false_accepts": 0, "rework": 0}
    gate_noise_2 = rng_g.normal(0.0, 1.0, n)  # independent error on a re-measurement

    def inspect(k: int, i: int, attempt: int) -> int:
        if insp.reject_cracked and cracked[i]:
            gate_reason[i] = crack_mode
            return SCRAP
        true = cell["electrolyte_relative_density"][i]
        noise = gate_noise[i] if attempt == 0 else gate_noise_2[i]
        measured = true + insp.density_measurement_sd * noise
        good = true >= insp.min_relative_density
        if measured < insp.min_relative_density:
            verdicts["false_rejects"] += int(good)
            if stations[k].rework_to is not None and attempt < insp.max_rework:
                verdicts["rework"] += 1
                return REWORK
            gate_reason[i] = FM["low_density"]
            return SCRAP
        verdicts["false_accepts"] += int(not good)
        return PASS

    release = np.cumsum(np.maximum(sample(sc.line.release_interval, rng_l, n), 0.0))
    release -= release[0]  # the first item starts at t = 0
    lr = simulate_line(specs, release, rng_l, on_batch=on_batch, inspect=inspect)

    # ---- exposure clocks: from electrolyte formation, or the last surface treatment, to the Li anode.
    # A heat treatment (500 degC, inert) removes the Li2CO3/LiOH layer and restores a ~2 ohm cm2
    # Li|LLZO interface (Sharafi et al., J. Mater. Chem. A 5, 13475, 2017 [read, physics.md s.8]).
    k_anode = idx["anode"]
    k_from = idx["sintering"] if route == "oxide_tape" else idx["separator"]
    k_from = max([k for k, s in enumerate(stations) if s.step == "surface_treatment" and k < k_anode] + [k_from])
    atm = [s.atmosphere for s in stations]
    clocks = exposure_times(lr, atm, k_from, k_anode)
    t_air = clocks.get("ambient", np.zeros(n))
    t_dry = clocks.get("dry_room", np.zeros(n))
    rh_dry = _dew_point_rh(pr.exposure.dry_room_dew_point)
    if route == "oxide_tape":
        h_air = air_exposure.li2co3_thickness(t_air, relative_humidity=pr.exposure.ambient_relative_humidity, material=mat.name)
        h_dry = air_exposure.li2co3_thickness(t_dry, relative_humidity=rh_dry, material=mat.name)
        li2co3 = np.sqrt(h_air**2 + h_dry**2)  # parabolic growth: thickness^2 adds
        retained = np.ones(n)
    else:
        li2co3 = np.zeros(n)
        ambient_dp = _ambient_dew_point(pr.exposure.ambient_relative_humidity)
        retained = (air_exposure.sulphide_retained_conductivity(t_air, dew_point=ambient_dp, material=mat.name)
                    * air_exposure.sulphide_retained_conductivity(t_dry, dew_point=pr.exposure.dry_room_dew_point, material=mat.name)
                    * cell.pop("process_retained"))

    # ---- cells that reached the end-of-line test
    reached_eol = np.isfinite(lr.start[:, -1])
    state = {
        "electrolyte_thickness": cell["electrolyte_thickness"],
        "electrolyte_relative_density": cell["electrolyte_relative_density"],
        "grain_size": cell["grain_size"],
        "secondary_phase_fraction": cell["secondary_phase_fraction"],
        "li_loss_fraction": cell["li_loss_fraction"],
        "retained_conductivity": retained,
        "li2co3_thickness": li2co3,
        "pinhole": pinhole,
        "cathode_thickness": cathode_thickness,
        "cathode_active_fraction": active_fraction,
        "cathode_porosity": cathode_porosity,
        "anode_thickness": anode_thickness,
        "stack_pressure": stack_pressure,
        "lamination_pressure": lamination_pressure,
        "plating_quantile": plating_quantile,
    }
    ev = np.flatnonzero(reached_eol)
    metrics: dict[str, np.ndarray] = {}
    if ev.size:
        sub = {k: v[ev] for k, v in state.items()}
        m = evaluate_cells(sub, electrolyte=mat.name, cathode=sc.materials.cathode, route=route,
                           duty=Duty(sc.duty.c_rate, sc.duty.charge_current_density, sc.duty.temperature),
                           anode_method=pr.anode.method, interlayer=pr.anode.interlayer, cell_area=pr.stacking.cell_area)
        eol = sc.gates.eol
        fm_eol = eol_decision(m, max_cell_asr=eol.max_cell_asr, min_capacity_fraction=eol.min_capacity_fraction,
                              require_ccs_margin=eol.require_ccs_margin)
        for k, v in m.items():
            full = np.full(n, np.nan) if v.dtype.kind == "f" else np.zeros(n, dtype=v.dtype)
            full[ev] = v
            metrics[k] = full
    else:
        fm_eol = np.zeros(0, np.int8)

    failure = np.zeros(n, dtype=np.int8)
    failure[lr.scrap_code == SCRAP_BREAKDOWN] = FM["breakdown_scrap"]
    gate_scrap = lr.scrap_code == SCRAP_GATE
    failure[gate_scrap] = gate_reason[gate_scrap]
    failure[ev] = fm_eol
    passed = reached_eol & (failure == 0)

    # mask what a cell never got: cathode/anode only for cells that reached those stations
    def reached(step: str) -> np.ndarray:
        return np.isfinite(lr.exit[:, idx[step]]) & (lr.scrap_station != idx[step])

    got_cathode, got_anode = reached("cathode"), reached("anode")
    out = {
        **{k: v for k, v in cell.items() if k not in ("tape_lot", "excess_li")},
        "cathode_thickness": np.where(got_cathode, cathode_thickness, np.nan),
        "cathode_active_fraction": np.where(got_cathode, active_fraction, np.nan),
        "cathode_porosity": np.where(got_cathode, cathode_porosity, np.nan),
        "anode_thickness": np.where(got_anode, anode_thickness, np.nan),
        "stack_pressure": np.where(reached_eol, stack_pressure, np.nan),
        "li2co3_thickness": np.where(got_anode, li2co3, np.nan) if route == "oxide_tape" else np.zeros(n),
        "air_exposure_time": t_air,
        "dry_room_exposure_time": t_dry,
        "retained_conductivity": retained,
        "pinhole": pinhole,
        "cracked": cracked,
        **metrics,
        "failure_mode": failure,
        "passed": passed,
        "tape_lot": cell["tape_lot"],
        "sheet": np.where(cell["tape_lot"] >= 0, np.arange(n) - cell["tape_lot"] * (pr.tape_casting.sheets_per_tape if route == "oxide_tape" else 1), -1),
        "rework_count": (lr.visits.max(axis=1) - 1).astype(np.int64),
        "furnace_batch": lr.batch,
        "furnace_position": lr.position,
        "release_time": lr.release,
        "completion_time": np.where(reached_eol, lr.exit[:, -1], np.nan),
        "lead_time": np.nanmax(lr.exit, axis=1) - lr.release,
    }
    for name in CELL_VARS:  # variables a route does not make (e.g. green tape on the sulphide route): NaN
        if name not in out:
            out[name] = np.full(n, np.nan)
    if not metrics:  # nobody reached the test: keep the variables, all NaN
        for k in ("electrolyte_conductivity", "cell_asr", "anode_interface_asr", "critical_stripping_current",
                  "critical_plating_current", "discharge_capacity", "specific_energy", "energy_density",
                  "cathode_areal_capacity", "mean_voltage", "discharge_energy", "electronic_conductivity",
                  "separator_asr", "cathode_interface_asr", "contact_fraction", "discharge_current_density"):
            out[k] = np.full(n, np.nan)
        out["short_mode"] = np.zeros(n, np.int8)
        out["assembly_short"] = np.zeros(n, bool)

    # ---- KPIs
    horizon = lr.makespan if lr.makespan > 0 else np.nan
    done = lr.completed
    lead = out["lead_time"]
    machines = np.array([s.machines for s in stations], float)
    utilisation = lr.busy_time / (machines * horizon)
    good = int(passed.sum())
    gates = gate_names(sc)
    scrapped = {g: 0 for g in gates}
    scrapped["breakdown"] = int((lr.scrap_code == SCRAP_BREAKDOWN).sum())
    for k, st in enumerate(stations):
        if st.step == "inspection":
            scrapped[st.name] = int(((lr.scrap_code == SCRAP_GATE) & (lr.scrap_station == k)).sum())
    scrapped[stations[-1].name] = int((reached_eol & ~passed).sum())
    # ---- cost: materials consumed by every released item up to where it left, energy, equipment time
    area = pr.stacking.cell_area
    if route == "oxide_tape":
        electrolyte_mass = area * cell["green_thickness"] * cell["green_density"] * mat.theoretical_density
    else:
        electrolyte_mass = area * cell["electrolyte_thickness"] * cell["electrolyte_relative_density"] * mat.theoretical_density
    prices = cost.get_cost_parameters(sc.materials.cost)
    c_mat = (np.sum(electrolyte_mass) * prices.electrolyte_price[mat.family]
             + np.sum(cost.layer_cost(area, cathode_thickness[got_cathode], active_fraction[got_cathode] * cat.density,
                                      prices.cathode_active_price))
             + np.sum(cost.layer_cost(area, anode_thickness[got_anode], LITHIUM.density,
                                      cost.li_foil_price(anode_thickness[got_anode], params=prices))))
    c_energy = float(np.sum(cost.furnace_energy_cost(np.array(firing_times), params=prices))) if firing_times else 0.0
    c_equip = float(sum(cost.equipment_cost(horizon, s.machines, furnace=s.kind == "furnace", params=prices) for s in stations))
    c_total = float(c_mat) + c_energy + c_equip
    good_energy_kwh = float(np.nansum(np.where(passed, out["discharge_energy"], 0.0))) * area / 3.6e6
    kpis = {
        "cost_materials": float(c_mat),
        "cost_energy": c_energy,
        "cost_equipment": c_equip,
        "cost_per_good_cell": c_total / good if good else np.nan,
        "cost_per_kwh": c_total / good_energy_kwh if good_energy_kwh > 0 else np.nan,
        "cells_released": float(n),
        "cells_completed": float(done.sum()),
        "good_cells": float(good),
        "yield": good / n,
        "first_pass_yield": float((passed & ~lr.reworked).sum()) / n,
        "reworked": float(lr.reworked.sum()),
        "false_rejects": float(verdicts["false_rejects"]),
        "false_accepts": float(verdicts["false_accepts"]),
        "throughput": good / horizon,
        "makespan": horizon,
        "wip_mean": float(np.nansum(lead)) / horizon,
        "lead_time_mean": float(np.nanmean(lead[done])) if done.any() else np.nan,
        "furnace_loads": float(lr.n_batches),
        "bottleneck": float(np.argmax(utilisation)),
    }
    cell_station = {"station_start_time": lr.start, "station_exit_time": lr.exit}
    return ReplicateResult(cells=out, kpis=kpis, utilisation=utilisation, scrapped=scrapped, cell_station=cell_station)


def gate_names(scenario) -> list[str]:
    """Names on the ``gate`` dimension: breakdown scrap, each inspection station, the end-of-line test."""
    st = scenario.line.stations
    return ["breakdown"] + [s.name for s in st if s.step == "inspection"] + [st[-1].name]


def _ambient_dew_point(relative_humidity: float, temperature: float = ROOM_TEMPERATURE) -> float:
    """Dew point [K] of air at ``temperature`` [K] with ``relative_humidity`` [-] (inverse Magnus formula)."""
    t = temperature - 273.15
    g = np.log(max(relative_humidity, 1e-6)) + 17.625 * t / (243.04 + t)
    return float(243.04 * g / (17.625 - g) + 273.15)


