"""`twin params [SET] [--format table|csv|json]`, called through a parser built with add_params_parser."""

import argparse
import csv
import io
import json

import pytest

from process_models.priors import Prior, missing_entries, parameter_table
from twin.params_cli import add_params_parser, params_command

ROWS = parameter_table(strict=False)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="twin")
    sub = p.add_subparsers(dest="command", required=True)
    add_params_parser(sub)
    return p


def _run(capsys, *argv):
    args = _parser().parse_args(["params", *argv])
    rc = params_command(args)
    out = capsys.readouterr()
    return rc, out.out, out.err


def test_table_lists_every_parameter_with_a_known_one(capsys):
    rc, out, err = _run(capsys)
    assert rc == 0 and (err == "") == (not missing_entries())
    assert "void_depth" in out and "VOID_PARAMETERS" in out
    assert f"{len(ROWS)} parameters" in out
    for word in ("registry", "field", "unit", "status", "prior", "source", "lognormal(sigma=", "uniform(0.2, 1)"):
        assert word in out


def test_table_shortens_the_source_and_shows_brackets_as_text(capsys):
    rc, out, _ = _run(capsys, "void")
    assert rc == 0
    assert "1387 nm, fitted" in out and "…" in out
    assert "[assumed]" in out  # a source's tags are text, not console markup
    assert "refill_efficiency" in out and "CATHODE_INTERFACES" not in out


def test_csv_has_one_row_per_parameter_and_the_full_source(capsys):
    rc, out, _ = _run(capsys, "--format", "csv")
    assert rc == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(ROWS)
    assert [(r["registry"], r["set"], r["field"]) for r in rows] == [(p.registry, p.set_name, p.field) for p in ROWS]
    for r, p in zip(rows, ROWS):
        assert float(r["value"]) == p.value and r["unit"] == p.unit and r["status"] == p.status
        assert r["source"] == p.source and r["prior_kind"] == p.prior.kind and r["basis"] == p.prior.basis
    assert max(len(r["source"]) for r in rows) > 200


def test_json_round_trips_the_prior(capsys):
    rc, out, _ = _run(capsys, "--format", "json")
    assert rc == 0
    data = json.loads(out)
    assert len(data) == len(ROWS)
    for d, p in zip(data, ROWS):
        assert (d["registry"], d["set"], d["field"], d["value"]) == (p.registry, p.set_name, p.field, p.value)
        assert Prior.from_dict(d["prior"]) == p.prior
        assert d["source"] == p.source and d["unit"] == p.unit and d["status"] == p.status


@pytest.mark.parametrize("pattern", ["cathode_interfaces", "CATHODE_INTERFACES", "Cathode_Interfaces"])
def test_the_filter_matches_a_registry_ignoring_case(capsys, pattern):
    rc, out, _ = _run(capsys, pattern, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rc == 0 and rows
    assert {r["registry"] for r in rows} == {"CATHODE_INTERFACES"}
    assert len(rows) == sum(p.registry == "CATHODE_INTERFACES" for p in ROWS)


def test_the_filter_matches_a_set_name(capsys):
    rc, out, _ = _run(capsys, "cold_pressed", "--format", "json")
    data = json.loads(out)
    assert rc == 0 and {(d["registry"], d["set"]) for d in data} == {("CATHODE_INTERFACES", "cold_pressed")}


def test_an_unknown_filter_returns_2_and_lists_the_registries(capsys):
    rc, out, err = _run(capsys, "no-such-parameter-set")
    assert rc == 2 and out == ""
    assert "no-such-parameter-set" in err
    for name in {p.registry for p in ROWS}:
        assert name in err


def test_the_subcommand_has_help(capsys):
    with pytest.raises(SystemExit) as exc:
        _parser().parse_args(["params", "--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    assert "SET" in text and "--format" in text and "prior" in text
