"""Measured data (issue 11, item 2): the shipped literature sets, the tidy format's checks, line data.

Each literature spot check names the source number it reproduces; hostile files
must fail with one DataError that names the file, the row (header = row 1) and
the column of every problem.
"""

from __future__ import annotations

import importlib.util
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from twin import contract
from twin.data import (CONDITIONS, LITERATURE_DIR, QUANTITIES, literature_datasets, literature_path, read_line_data,
                       read_literature, read_measurements)
from twin.data.convert import UnitConverter
from twin.errors import DataError, TwinError

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "data.md"
MPA, MA_CM2, HOUR = 1e6, 10.0, 3600.0
HEADER = "quantity,value,unit,source"
GOOD = "critical_stripping_current,0.4,mA/cm^2,test rig 1"


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


def _error(path: Path, **kw) -> DataError:
    with pytest.raises(DataError) as info:
        read_measurements(path, **kw)
    return info.value


def _one(df: pd.DataFrame, **where) -> pd.Series:
    mask = np.ones(len(df), bool)
    for k, v in where.items():
        mask &= np.isclose(df[k], v) if isinstance(v, float) else (df[k] == v).to_numpy()
    assert mask.sum() == 1, (where, mask.sum())
    return df[mask].iloc[0]


# --------------------------------------------------------------------------- the shipped datasets

def test_the_issue_s_datasets_ship():
    """Issue 11: stripping vs pressure, plating vs density, Singh, two firing studies, LPSCl pellets, Li creep,
    Cao's short onset (and Doux's times to short, Xu's pillars)."""
    assert set(literature_datasets()) >= {
        "wang2019_stripping_vs_pressure", "oxford2025_plating_vs_density", "singh2022_lpscl_grain_size",
        "yi2017_ga_llzo_tape_firing", "jmca2022_llzo_firing_phase_path", "lpscl_pellet_pressing", "li_creep",
        "xu2017_li_micropillars", "cao2023_soft_short", "doux2020_stack_pressure"}


@pytest.mark.parametrize("name", literature_datasets())
def test_every_dataset_reads_converts_and_has_provenance(name):
    """Each CSV reads without a problem, has a sidecar with a title, a description and sources (reference,
    tag, what was read), every row cites one of them, every SI value is finite."""
    df = read_measurements(literature_path(name))
    meta = df.attrs["metadata"]
    assert meta["title"] and meta["description"]
    assert set(df.source) <= set(meta["sources"]) and set(meta["sources"]) <= set(df.source)
    for src in meta["sources"].values():
        assert src["reference"] and src["tag"] in ("read", "seed", "verify", "derived") and src["read"]
    assert np.all(np.isfinite(df.value_si))
    assert (df.si_unit == [QUANTITIES[q].si_unit for q in df.quantity]).all()
    assert set(df.relation) <= {"eq", "approx", "lt", "le", "gt", "ge"}


def test_wang_2019_stripping_limit_in_si():
    """Wang, Choudhury & Sakamoto 2019 (via Roy 2021): 0.1 mA/cm2 at 0 MPa, 0.4 mA/cm2 at 2 MPa -> 1.0 and
    4.0 A m-2 (rtol 1e-12)."""
    df = read_measurements(literature_path("wang2019_stripping_vs_pressure"))
    assert _one(df, stack_pressure=0.0).value_si == pytest.approx(0.1 * MA_CM2, rel=1e-12)
    assert _one(df, stack_pressure=2 * MPA).value_si == pytest.approx(4.0, rel=1e-12)


def test_oxford_2025_plating_limit_in_si():
    """Nat. Energy 2025: ~1 mA/cm2 at 83 %, ~9 mA/cm2 at 99 % -> 10 and 90 A m-2 at density 0.83 / 0.99."""
    df = read_measurements(literature_path("oxford2025_plating_vs_density"))
    ccp = df[df.quantity == "critical_plating_current"]
    assert _one(ccp, relative_density=0.83).value_si == pytest.approx(10.0, rel=1e-12)
    assert _one(ccp, relative_density=0.99).value_si == pytest.approx(90.0, rel=1e-12)
    assert _one(ccp, relative_density=0.83).pressing_pressure == pytest.approx(400 * MPA, rel=1e-12)


def test_yi_2017_firing_in_si():
    """Yi et al. 2017: 25 um film, 1130 degC / 0.3 h -> 95 +- 1 %, 1.2 +- 0.2 um, 1.3 mS/cm, 2 ohm cm2."""
    df = read_measurements(literature_path("yi2017_ga_llzo_tape_firing"))
    assert np.allclose(df.dwell_temperature, 1403.15) and np.allclose(df.dwell_time, 1080.0)
    assert np.allclose(df.thickness, 25e-6)
    rho = _one(df, quantity="relative_density")
    assert (rho.value_si, rho.uncertainty_si) == (pytest.approx(0.95), pytest.approx(0.01))
    assert _one(df, quantity="grain_size").value_si == pytest.approx(1.2e-6)
    assert _one(df, quantity="ionic_conductivity").value_si == pytest.approx(0.13)
    assert _one(df, quantity="anode_interface_asr").value_si == pytest.approx(2e-4)


def test_pellet_pressing_in_si():
    """Nat. Energy 2025: 83 % after 400 MPa; Yan et al. 2026: 1.02 / 1.54 mS/cm after 250 / 625 MPa; cracked at
    750 MPa, not at 625."""
    df = read_measurements(literature_path("lpscl_pellet_pressing"))
    assert _one(df, quantity="relative_density").pressing_pressure == pytest.approx(400 * MPA)
    sigma = df[df.quantity == "ionic_conductivity"]
    assert _one(sigma, pressing_pressure=250 * MPA).value_si == pytest.approx(0.102)
    assert _one(sigma, pressing_pressure=625 * MPA).value_si == pytest.approx(0.154)
    cracked = df[df.quantity == "cracked"].set_index("pressing_pressure").value_si
    assert cracked[625 * MPA] == 0 and cracked[750 * MPA] == 1


def test_singh_2022_in_si():
    """Singh 2022: attached at 265 MPa, shorts at ~0.4 (large grains) and ~0.9 mA/cm2 (small grains);
    0.3 mAh/cm2 per half-cycle = 10 800 C m-2; K_IC(LPSCl) 0.23 MPa m^0.5 = 2.3e5 Pa m0.5."""
    df = read_measurements(literature_path("singh2022_lpscl_grain_size"))
    short = df[df.quantity == "short_current_density"].set_index("sample")
    assert short.value_si["large_grain"] == pytest.approx(4.0) and short.value_si["small_grain"] == pytest.approx(9.0)
    assert (short.attachment_pressure == 265 * MPA).all() and np.allclose(short.areal_capacity, 10800.0)
    k = _one(df, quantity="fracture_toughness", sample="Li6PS5Cl")
    assert (k.value_si, k.si_unit) == (pytest.approx(2.3e5), "Pa m0.5")
    small = df[(df["sample"] == "small_grain") & (df.quantity == "grain_size")].iloc[0]
    assert (small.relation, small.value_si) == ("lt", pytest.approx(0.5e-6))


def test_li_creep_and_pillars_in_si():
    """Roy 2021: 1e-2 s-1 at 1 MPa, 298 K; LePage 2019: Q 37 kJ/mol = 3.7e4 J mol-1; Xu 2017: 105 MPa at ~1 um."""
    creep = read_measurements(literature_path("li_creep"))
    rate = _one(creep, quantity="creep_strain_rate")
    assert (rate.value_si, rate.stress, rate.temperature) == (pytest.approx(1e-2), 1 * MPA, 298.0)
    assert _one(creep, quantity="creep_activation_energy", source="lepage2019").value_si == pytest.approx(3.7e4)
    pillars = read_measurements(literature_path("xu2017_li_micropillars"))
    rt = pillars[(pillars.quantity == "yield_strength") & pillars.temperature.isna()].iloc[0]
    assert (rt.value_si, rt.diameter) == (pytest.approx(105 * MPA), pytest.approx(1e-6))


def test_cao_and_doux_times_to_short_in_si():
    """Cao 2023: soft short after ~4.5 h (neutron cell) at 10 MPa, ~0.2 mA/cm2; Doux 2020: 474 h at 10 MPa,
    no short in > 1000 h at 5 MPa (a censored row, relation gt)."""
    cao = read_measurements(literature_path("cao2023_soft_short"))
    neutron = _one(cao, quantity="time_to_short", cell="neutron")
    assert (neutron.value_si, neutron.stack_pressure) == (pytest.approx(4.5 * HOUR), 10 * MPA)
    assert neutron.current_density == pytest.approx(2.0) and neutron.diameter == pytest.approx(6.35e-3)
    doux = read_measurements(literature_path("doux2020_stack_pressure"))
    t = doux[doux.quantity == "time_to_short"].set_index("stack_pressure")
    assert t.value_si[10 * MPA] == pytest.approx(474 * HOUR)
    assert (t.value_si[5 * MPA], t.relation[5 * MPA]) == (pytest.approx(1000 * HOUR), "gt")


def test_jmca_2022_phase_path_in_kelvin():
    """J. Mater. Chem. A 2022: strong pore removal at >= 1000 degC -> ge 1273.15 K."""
    df = read_measurements(literature_path("jmca2022_llzo_firing_phase_path"))
    row = _one(df, quantity="pore_removal_temperature")
    assert (row.relation, row.value_si) == ("ge", pytest.approx(1273.15))


def test_read_literature_stacks_every_dataset():
    df = read_literature()
    assert set(df.dataset) == set(literature_datasets())
    assert len(df) == sum(len(read_measurements(literature_path(n))) for n in literature_datasets())


def test_unknown_dataset_lists_the_valid_ones():
    with pytest.raises(KeyError, match="wang2019_stripping_vs_pressure"):
        literature_path("wang2018")


# --------------------------------------------------------------------------- the vocabulary

def test_vocabulary_units_and_contract_twins_agree():
    """Every example unit converts; a quantity's contract twin exists with the same SI unit."""
    conv = UnitConverter()
    for spec in list(QUANTITIES.values()) + list(CONDITIONS.values()):
        assert not isinstance(conv.affine(spec.example, spec.kind), str), spec
    for spec in QUANTITIES.values():
        if spec.contract:
            assert contract.variable(spec.contract).units == spec.si_unit, spec


def test_docs_list_every_quantity_condition_and_dataset():
    text = DOCS.read_text(encoding="utf-8")
    missing = [f"`{n}`" for n in list(QUANTITIES) + list(CONDITIONS) + literature_datasets() if f"`{n}`" not in text]
    assert not missing, missing


def test_every_sidecar_describes_its_file_only():
    """No stray sidecars, no CSV without one."""
    assert sorted(p.stem for p in LITERATURE_DIR.glob("*.yaml")) == literature_datasets()


# --------------------------------------------------------------------------- hostile files

def _assert_located(err: DataError, path: Path, row: int | None, column: str | None):
    text = err.format()
    assert str(path) in text, text
    if row is not None:
        assert f"row {row}" in text, text
    if column is not None:
        assert f"column {column!r}" in text, text
    assert isinstance(err, TwinError)


def test_missing_column(tmp_path):
    p = _write(tmp_path, "m.csv", "quantity,value,source\ncritical_stripping_current,0.4,me\n")
    _assert_located(_error(p), p, 1, "unit")


def test_unknown_quantity_lists_valid_ones_and_the_close_match(tmp_path):
    p = _write(tmp_path, "q.csv", f"{HEADER}\n{GOOD}\ncritical_strip_current,0.4,mA/cm^2,me\n")
    err = _error(p)
    _assert_located(err, p, 3, "quantity")
    assert "did you mean 'critical_stripping_current'" in err.format() and "time_to_short" in err.format()


def test_wrong_dimension_unit(tmp_path):
    """'5 kg' for a current density: the unit is located and the expected dimension named."""
    p = _write(tmp_path, "u.csv", f"{HEADER}\ncritical_stripping_current,5,kg,me\n")
    err = _error(p)
    _assert_located(err, p, 2, "unit")
    assert "[mass]" in err.format() and "A m-2" in err.format()


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "", "0.4 mA/cm^2", "abc"])
def test_value_not_a_finite_number(tmp_path, value):
    p = _write(tmp_path, "v.csv", f"{HEADER}\n{GOOD}\ncritical_stripping_current,{value},mA/cm^2,me\n")
    _assert_located(_error(p), p, 3, "value")


def test_empty_file(tmp_path):
    p = _write(tmp_path, "e.csv", "")
    _assert_located(_error(p), p, 1, None)


def test_header_only_file(tmp_path):
    p = _write(tmp_path, "h.csv", HEADER + "\n")
    _assert_located(_error(p), p, 2, None)


def test_non_utf8_bytes(tmp_path):
    """A Latin-1 superscript two (0xb2) in the unit cell of row 3."""
    p = _write(tmp_path, "b.csv", f"{HEADER}\n{GOOD}\n".encode() + b"critical_stripping_current,0.4,mA/cm\xb2,me\n")
    err = _error(p)
    _assert_located(err, p, 3, "unit")
    assert "0xb2" in err.format() and "UTF-8" in err.format()


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is not None or importlib.util.find_spec("fastparquet")
                    is not None, reason="a Parquet engine is installed")
def test_parquet_without_pyarrow(tmp_path):
    p = _write(tmp_path, "d.parquet", b"PAR1\x00\x00PAR1")
    err = _error(p)
    _assert_located(err, p, None, None)
    assert "pyarrow" in err.format()


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow not installed")
def test_parquet_round_trip(tmp_path):
    src = read_measurements(literature_path("wang2019_stripping_vs_pressure"))
    p = tmp_path / "w.parquet"
    src[["quantity", "value", "unit", "source"]].to_parquet(p)
    assert read_measurements(p).value_si.tolist() == pytest.approx([1.0, 4.0])


def test_ragged_row_and_blank_lines_keep_row_numbers(tmp_path):
    """A blank line still counts as a row (as a spreadsheet shows it)."""
    p = _write(tmp_path, "r.csv", f"{HEADER}\n{GOOD}\n\n{GOOD},extra\n")
    _assert_located(_error(p), p, 4, None)


def test_unclosed_quote_is_located(tmp_path):
    p = _write(tmp_path, "q.csv", f'{HEADER}\n{GOOD}\ncritical_stripping_current,0.4,mA/cm^2,"me\n')
    _assert_located(_error(p), p, 3, None)


def test_empty_trailing_columns_of_a_spreadsheet_export_are_ignored(tmp_path):
    p = _write(tmp_path, "x.csv", f"{HEADER},,\n{GOOD},,\n")
    assert read_measurements(p).value_si.tolist() == [4.0]


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    rows = [GOOD, "critical_stripping_currnt,0.4,mA/cm^2,me", "critical_stripping_current,5,kg,me",
            "critical_stripping_current,nan,mA/cm^2,me", "critical_stripping_current,1,mA/cm^2,",
            "time_to_short,3,h,me"]
    p = _write(tmp_path, "all.csv", HEADER + ",relation\n" + "\n".join(r + ",eq" for r in rows[:-1])
               + "\n" + rows[-1] + ",about\n")
    err = _error(p)
    got = [(q.row, q.column) for q in err.problems]
    assert got == [(3, "quantity"), (4, "unit"), (5, "value"), (6, "source"), (7, "relation")]
    assert err.format().startswith(f"{p}: 5 problems found")


def test_condition_needs_a_unit_of_its_dimension(tmp_path):
    """Without a sidecar a condition column has no unit; a unit of the wrong dimension is located."""
    p = _write(tmp_path, "c.csv", f"{HEADER},stack_pressure\n{GOOD},2\n")
    _assert_located(_error(p), p, 1, "stack_pressure")
    _assert_located(_error(p, units={"stack_pressure": "mA"}), p, 1, "stack_pressure")
    df = read_measurements(p, units={"stack_pressure": "MPa"})
    assert df.stack_pressure.item() == 2e6 and df.attrs["units"]["stack_pressure"] == "Pa"


def test_uncertainty_of_an_offset_temperature_is_a_difference(tmp_path):
    """10 degC of spread is 10 K, not 283.15 K."""
    p = _write(tmp_path, "t.csv", f"{HEADER},uncertainty\npore_removal_temperature,1000,degC,me,10\n")
    row = read_measurements(p).iloc[0]
    assert (row.value_si, row.uncertainty_si) == (pytest.approx(1273.15), pytest.approx(10.0))


# --------------------------------------------------------------------------- sidecars

def _sidecar(tmp_path: Path, name: str, meta: dict) -> None:
    (tmp_path / f"{name}.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")


def _meta(**columns) -> dict:
    cols = {c: {"description": c} for c in ("quantity", "value", "unit", "source")}
    cols.update(columns)
    return {"title": "t", "description": "d", "sources": {"me": {"reference": "r", "tag": "read", "read": "all"}},
            "columns": cols}


def test_sidecar_gives_condition_units_and_sources(tmp_path):
    p = _write(tmp_path, "s.csv", "quantity,value,unit,source,stack_pressure\ncritical_stripping_current,0.4,"
                                  "mA/cm^2,me,2\n")
    _sidecar(tmp_path, "s", _meta(stack_pressure={"unit": "MPa", "description": "p"}))
    df = read_measurements(p)
    assert df.stack_pressure.item() == 2e6 and df.attrs["metadata"]["title"] == "t"


def test_sidecar_problems_are_located_by_line_and_key(tmp_path):
    """A condition unit of the wrong dimension, an unknown key, a source the sidecar does not list, a column
    the sidecar does not describe: all reported together, the YAML ones with line and key path."""
    p = _write(tmp_path, "s.csv", "quantity,value,unit,source,stack_pressure,note\ncritical_stripping_current,0.4,"
                                  "mA/cm^2,you,2,n\n")
    meta = _meta(stack_pressure={"unit": "kg", "description": "p"})
    meta["licence"] = "none"
    _sidecar(tmp_path, "s", meta)
    err = _error(p)
    text = err.format()
    y = str(tmp_path / "s.yaml")
    assert re.search(rf"{re.escape(y)}:\d+: licence: unknown key", text), text
    assert re.search(rf"{re.escape(y)}:\d+: columns.stack_pressure.unit: 'kg' has dimension \[mass\]", text), text
    assert "the data file's column 'note' is not described" in text
    assert "row 2, column 'source': 'you' is not among the sidecar's sources" in text
    assert all(q.row for q in err.problems if q.file == y)


# --------------------------------------------------------------------------- line data

def _line_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "cell": ["A-001", "A-002", "A-003"], "lot": ["L7", "L7", "L8"],
        "electrolyte_relative_density": [0.95, 0.93, 0.91],
        "electrolyte_thickness": [25e-6, 24e-6, 26e-6],
        "cell_asr": [2.1e-4, 2.5e-4, np.nan],
        "time_to_short": [np.nan, 3600.0, np.nan],
        "passed": [True, False, False],
        "failure_mode": ["none", "soft_short", "low_density"],
        "furnace_batch": [3, 3, 4],
    })


def test_line_data_round_trip(tmp_path):
    """A CSV with the contract's per-cell variable names reads back with the contract's dtypes and units."""
    src = _line_frame()
    p = tmp_path / "line.csv"
    src.to_csv(p, index=False)
    df = read_line_data(p)
    assert list(df.columns) == list(src.columns) and df.attrs["kind"] == "line"
    for col in ("electrolyte_relative_density", "electrolyte_thickness", "cell_asr", "time_to_short"):
        np.testing.assert_array_equal(df[col].to_numpy(), src[col].to_numpy())
    assert df.passed.tolist() == [True, False, False] and df.passed.dtype == bool
    assert df.failure_mode.tolist() == [contract.FAILURE_CODES[m] for m in src.failure_mode]
    assert df.failure_mode.dtype == np.int8 and df.furnace_batch.dtype == np.int64
    assert df.attrs["units"]["electrolyte_thickness"] == "m" and df.attrs["units"]["cell_asr"] == "ohm m2"
    assert read_measurements(p).attrs["kind"] == "line"  # no quantity column: line data


@pytest.mark.skipif(importlib.util.find_spec("pyarrow") is None, reason="pyarrow not installed")
def test_line_data_from_parquet_equals_the_csv(tmp_path):
    """A plant's Parquet export reads as its CSV does: same columns, values, dtypes and units."""
    src = _line_frame()
    src.to_csv(tmp_path / "line.csv", index=False)
    src.to_parquet(tmp_path / "line.parquet", index=False)
    a, b = read_line_data(tmp_path / "line.csv"), read_line_data(tmp_path / "line.parquet")
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs["units"] == b.attrs["units"]


def test_line_data_unknown_column_names_the_valid_ones(tmp_path):
    src = _line_frame().rename(columns={"electrolyte_relative_density": "density"}).assign(**{"yield": 0.9})
    p = tmp_path / "line.csv"
    src.to_csv(p, index=False)
    with pytest.raises(DataError) as info:
        read_line_data(p)
    text = info.value.format()
    assert "row 1, column 'density': unknown column" in text and "electrolyte_relative_density" in text
    assert "row 1, column 'yield': is not a per-cell variable" in text


def test_line_data_bad_cells_are_located(tmp_path):
    p = _write(tmp_path, "l.csv", "cell,passed,failure_mode,cell_asr,furnace_batch\nc1,maybe,exploded,inf,1.5\n"
                                  "c1,true,none,2e-4,3\n")
    with pytest.raises(DataError) as info:
        read_line_data(p)
    got = [(q.row, q.column) for q in info.value.problems]
    assert got == [(2, "passed"), (2, "failure_mode"), (2, "cell_asr"), (2, "furnace_batch"), (3, "cell")]


def test_line_data_units_must_be_the_contract_s(tmp_path):
    p = tmp_path / "l.csv"
    _line_frame().to_csv(p, index=False)
    meta = {"title": "t", "description": "d", "kind": "line",
            "columns": {"electrolyte_thickness": {"unit": "um", "description": "h"}}}
    (tmp_path / "l.yaml").write_text(yaml.safe_dump(meta), encoding="utf-8")
    with pytest.raises(DataError, match="columns.electrolyte_thickness.unit: line data are in the results' SI units"):
        read_line_data(p)


def test_nan_in_line_data_means_not_measured(tmp_path):
    df = read_line_data(_write(tmp_path, "n.csv", "cell,cell_asr\nc1,nan\nc2,\n"))
    assert all(math.isnan(x) for x in df.cell_asr)
