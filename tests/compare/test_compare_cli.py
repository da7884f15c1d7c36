"""`twin compare RESULTS LINE_DATA`: the real command on real runs (docs/compare.md)."""

import pandas as pd
import pytest
import xarray as xr

from ..conftest import run_twin
from .conftest import finite

FIGURES_AND_TABLES = {"losses.csv", "distributions.csv", "findings.csv", "loss_shares.png"}


def test_the_twin_against_an_independent_run_of_itself_flags_nothing(files, tmp_path):
    """Line data made by the twin with another seed are a sample of the process the twin models: nothing may be
    flagged, neither a loss share nor any of the ~50 variables (docs/compare.md, the flag rules)."""
    out = tmp_path / "cmp"
    r = run_twin("compare", files.twin, files.line, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "What the twin gets wrong: nothing flagged" in r.stdout, r.stdout
    assert "Traceback" not in r.stderr
    dist = pd.read_csv(out / "distributions.csv")
    losses = pd.read_csv(out / "losses.csv")
    assert len(dist) > 40 and not dist["flagged"].any(), dist[dist["flagged"]]
    assert not losses["flagged"].any() and "all losses" in set(losses["name"])
    assert pd.read_csv(out / "findings.csv").empty
    assert FIGURES_AND_TABLES <= {p.name for p in out.iterdir()}
    assert (out / "distribution_cell_asr.png").stat().st_size > 10_000
    with xr.open_dataset(files.twin) as ds:
        row = dist.set_index("variable").loc["cell_asr"]
        assert row["n_twin"] == finite(ds["cell_asr"].values), "every twin cell with a value, pooled over replicates"
        assert row["units"] == "ohm m2"
        assert losses.set_index("name").loc["all losses", "twin_cells"] == int(ds["cells_released"].sum())


def test_a_line_with_asr_half_as_high_again_is_flagged_there_only(files):
    """cell_asr x 1.5 and the cells this takes over the ASR limit lost as high_asr: the twin is flagged for cell_asr,
    high_asr, the end-of-line test and all losses, and for nothing else (the numbers: test_compare_analysis.py)."""
    r = run_twin("compare", files.twin, files.line_asr)
    assert r.returncode == 0, r.stderr
    wrong = r.stdout.split("What the twin gets wrong (4):\n")[1].splitlines()[:5]
    assert [w.split(":")[0].split(" (")[0].strip() for w in wrong[:4]] == \
        ["- high_asr", "- end-of-line test, all modes", "- all losses", "- cell_asr"], r.stdout
    assert wrong[4].startswith("not compared"), "four findings, no more"
    assert "the twin loses fewer cells" in wrong[0] and "Ω cm²" in wrong[3]


def test_a_sweep_over_draws_needs_point_and_pools_the_draws_of_it(files):
    """Two sweep points x 3 parameter draws: without --point the error lists the points; --point 1 compares the
    three draws of the second point pooled (the predictive distribution)."""
    r = run_twin("compare", files.draws, files.line)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert f"{files.draws}: choose the sweep point the line ran at with --point N" in r.stderr
    assert "2 sweep point(s), 0 to 1" in r.stderr and "stack_pressure" in r.stderr, r.stderr
    r = run_twin("compare", files.draws, files.line, "--point", "1")
    assert r.returncode == 0, r.stderr
    assert "sweep point 1 (" in r.stdout and "5e+06" in r.stdout and "3 parameter draws pooled" in r.stdout, r.stdout


def test_output_into_an_existing_folder_replaces_its_own_files_only(files, tmp_path):
    line = pd.read_csv(files.line_asr)[["cell", "cell_asr", "passed", "failure_mode"]]
    line.to_csv(tmp_path / "line.csv", index=False)
    out = tmp_path / "cmp"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    (out / "losses.csv").write_text("old")
    r = run_twin("compare", files.twin, tmp_path / "line.csv", "-o", out, "--cells", "passed")
    assert r.returncode == 0, r.stderr
    assert (out / "notes.txt").read_text() == "mine"
    assert (out / "losses.csv").read_text() != "old"
    assert {p.name for p in out.iterdir()} == FIGURES_AND_TABLES | {"notes.txt", "distribution_cell_asr.png"}
    assert set(pd.read_csv(out / "distributions.csv")["cells"]) == {"passed"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temporary folder left behind"


def _write(path, text):
    path.write_text(text)
    return path


BAD = {
    # name: (make the arguments from (files, tmp_path), where the message points, what it says)
    "results_missing": (lambda f, t: [t / "nope.nc", f.line], lambda f, t: f"{t / 'nope.nc'}: no such file",
                        "no such file"),
    "results_not_netcdf": (lambda f, t: [f.line, f.line], lambda f, t: f"{f.line}: cannot read it as a results file",
                           "cannot read it as a results file"),
    "results_not_twin": (lambda f, t: [_nc(t), f.line], lambda f, t: f"{t / 'other.nc'}: not an ssb-twin results file",
                         "no failure_mode"),
    "line_missing": (lambda f, t: [f.twin, t / "nope.csv"], lambda f, t: f"{t / 'nope.csv'}: no such file",
                     "no such file"),
    "line_unknown_column": (lambda f, t: [f.twin, _write(t / "l.csv", "cell,cell_asrr\nA,0.007\n")],
                            lambda f, t: f"{t / 'l.csv'}: row 1, column 'cell_asrr'", "unknown column"),
    "line_bad_value": (lambda f, t: [f.twin, _write(t / "l.csv", "cell,cell_asr\nA,0.007\nB,fast\n")],
                       lambda f, t: f"{t / 'l.csv'}: row 3, column 'cell_asr'", "fast"),
    "nothing_in_common": (lambda f, t: [f.twin, _write(t / "l.csv", "cell,tape_lot,calender_pressure\nA,3,1e7\n")],
                          lambda f, t: f"{t / 'l.csv'}: nothing to compare", "calender_pressure: no twin cell"),
    "passed_disagrees": (lambda f, t: [f.twin, _write(t / "l.csv", "cell,passed,failure_mode\nA,true,none\n"
                                                      "B,true,high_asr\n")],
                         lambda f, t: f"{t / 'l.csv'}: passed and failure_mode disagree in rows 3", "failure_mode is none"),
    "point_out_of_range": (lambda f, t: [f.twin, f.line, "--point", "1"],
                           lambda f, t: f"{f.twin}: --point 1 is out of range", "1 sweep point(s), 0 to 0"),
    "point_negative": (lambda f, t: [f.twin, f.line, "--point", "-1"], lambda f, t: "--point", "whole number >= 0"),
    "output_is_a_file": (lambda f, t: [f.twin, f.line, "-o", _write(t / "taken", "x")],
                         lambda f, t: f"{t / 'taken'}: the comparison output must be a folder", "folder"),
    "output_inside_a_file": (lambda f, t: [f.twin, f.line, "-o", _write(t / "taken", "x") / "sub"],
                             lambda f, t: f"{t / 'taken' / 'sub'}: {t / 'taken'} is a file", "not a folder"),
    "output_unwritable": (lambda f, t: [f.twin, f.line, "-o", "/proc/self/cmp"],
                          lambda f, t: "/proc/self/cmp: cannot write here", "cannot write here"),
    "output_empty": (lambda f, t: [f.twin, f.line, "-o", ""], lambda f, t: "argument -o/--output", "empty path"),
    "line_without_cell_column": (lambda f, t: [f.twin, _write(t / "l.csv", "cell_asr\n0.007\n0.008\n")],
                                 lambda f, t: f"{t / 'l.csv'}: row 1, column 'cell'", "required column missing"),
}


def _nc(tmp_path):
    p = tmp_path / "other.nc"
    xr.Dataset({"x": ("point", [1.0])}).to_netcdf(p)
    return p


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_located_exit_2_nothing_written(files, tmp_path, case):
    args, where, fragment = BAD[case]
    out = tmp_path / "out"
    argv = args(files, tmp_path)
    r = run_twin("compare", *argv, *([] if "-o" in argv else ["-o", out]))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    assert where(files, tmp_path) in r.stderr and fragment in r.stderr, r.stderr
    assert not out.exists(), "nothing written on bad input"
    assert r.stdout == "", "no table printed on bad input"


def test_help_names_the_command():
    r = run_twin("compare", "--help")
    assert r.returncode == 0 and "LINE_DATA" in r.stdout and "--point" in r.stdout


def test_a_table_name_taken_by_a_folder_is_refused_before_anything_is_read(files, tmp_path):
    out = tmp_path / "cmp"
    (out / "losses.csv").mkdir(parents=True)
    r = run_twin("compare", files.twin, files.line, "-o", out)
    assert r.returncode == 2 and r.stdout == "" and "losses.csv in it is a folder" in r.stderr, r.stderr
    assert [p.name for p in out.iterdir()] == ["losses.csv"]


@pytest.mark.parametrize("rows", [1, 7, 1000])
def test_a_line_that_lost_nothing_draws_its_figures(files, tmp_path, rows):
    """0 of n lost: the Wilson interval starts at exactly 0 and the loss figure draws (no negative error bar)."""
    line = pd.read_csv(files.line).head(rows)
    line = line[line["passed"]] if rows > 1 else line.assign(passed=True, failure_mode="none")
    line.to_csv(tmp_path / "good.csv", index=False)
    r = run_twin("compare", files.twin, tmp_path / "good.csv", "-o", tmp_path / "cmp")
    assert r.returncode == 0, r.stderr
    losses = pd.read_csv(tmp_path / "cmp" / "losses.csv")
    assert (losses["line_low"] == 0).all() and (losses["line_lost"] == 0).all()
    assert (tmp_path / "cmp" / "loss_shares.png").stat().st_size > 10_000
