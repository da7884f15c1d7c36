"""``twin report`` on real runs: every figure, non-empty PNGs, one HTML page that references them all and opens on its own."""

import base64
import re
from html.parser import HTMLParser

import pytest
import xarray as xr

from tests.conftest import SCENARIOS, run_twin, shrink
from twin.cli import main
from twin.report import FIGURES, make_report

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.imgs, self.links, self.stack, self.unclosed = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.imgs.append(a.get("src", ""))
        if tag == "a" and "href" in a:
            self.links.append(a["href"])


def check_page(outdir, figures_expected):
    """The folder holds exactly the expected PNGs, each non-empty; the page embeds and links every one."""
    pngs = sorted(p.name for p in outdir.glob("*.png"))
    assert pngs == sorted(f"{n}.png" for n in figures_expected)
    for name in pngs:
        data = (outdir / name).read_bytes()
        assert data.startswith(PNG_SIGNATURE) and len(data) > 5000, name
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width > 300 and height > 200, name
    text = (outdir / "index.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and text.rstrip().endswith("</html>")
    page = _Page()
    page.feed(text)
    page.close()
    assert set(pngs) <= set(page.links), "every PNG file is linked from the page"
    embedded = [base64.b64decode(src.split(",", 1)[1]) for src in page.imgs if src.startswith("data:image/png;base64,")]
    assert len(embedded) == len(page.imgs) == len(pngs), "every image is embedded (the page opens on its own)"
    assert sorted(embedded) == sorted((outdir / n).read_bytes() for n in pngs)
    return text


@pytest.fixture(scope="module")
def firing_window_run(tmp_path_factory):
    """The worked study, shrunk to 1 replicate x 30 cells per point (same 7 x 4 grid)."""
    d = tmp_path_factory.mktemp("fw")
    sc = d / "firing_window.yaml"
    sc.write_text(shrink((SCENARIOS / "firing_window.yaml").read_text(), cells=30, replicates=1))
    r = run_twin("run", sc, "-o", d / "fw.nc")
    assert r.returncode == 0, r.stderr
    return d / "fw.nc"


def test_report_of_the_worked_study_through_the_cli(firing_window_run, tmp_path):
    out = tmp_path / "report"
    r = run_twin("report", firing_window_run, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "figures" in r.stdout and "index.html" in r.stdout
    rep = make_report(firing_window_run, tmp_path / "again")
    # the oxide firing window barely shorts: the failure-in-time figures may have too few shorts to draw
    assert set(rep.skipped) <= {"weibull", "time_to_short", "layer_yield", "layer_test", "ramp_up", "credible", "variance_shares"}, rep.skipped
    expected = [f for f in FIGURES if f not in rep.skipped] + ["process_window_sintering_dwell_temperature__sintering_excess_li"]
    text = check_page(out, expected)
    # the summary and the sweep table carry the study's numbers
    ds = xr.open_dataset(firing_window_run)
    import twin.analysis  # noqa: F401

    assert f"{100 * float(ds.twin.final_yield()):.1f} %" in text
    assert text.count("<tr class='best'>") == 1
    assert "sintering.dwell_temperature [°C]" in text


def test_report_of_a_single_point_study_says_what_it_leaves_out(small_baseline, tmp_path):
    res = tmp_path / "b.nc"
    assert main(["run", str(small_baseline), "-o", str(res)]) == 0
    rep = make_report(res, tmp_path / "rep")
    shown = {f.name for f in rep.figures}
    assert {"yield_waterfall", "stations", "separator", "cell_asr", "critical_currents", "energy", "cost_breakdown"} <= shown
    assert {"yield_by_setting", "process_window", "sensitivity", "pareto", "failure_map"} <= set(rep.skipped)
    assert set(rep.skipped) | shown == set(FIGURES) | {"process_window"}
    text = check_page(tmp_path / "rep", [f.name for f in rep.figures])
    assert "Not shown" in text and "the study has a single point" in text


def test_report_of_a_sobol_design_draws_the_sobol_tornado(tmp_path):
    text = (SCENARIOS / "sensitivity.yaml").read_text()
    text = re.sub(r"(?m)^  samples: \d+", "  samples: 4", shrink(text, cells=20, replicates=1))
    sc = tmp_path / "sens.yaml"
    sc.write_text(text)
    res = tmp_path / "sens.nc"
    assert main(["run", str(sc), "-o", str(res)]) == 0
    ds = xr.open_dataset(res)
    assert ds.sizes["point"] == 4 * (4 + 2)
    s = ds.twin.sobol("yield", num_resamples=20)
    assert s.sizes["parameter"] == 4
    rep = make_report(ds, tmp_path / "rep")
    assert "sensitivity" in {f.name for f in rep.figures}, rep.skipped
    # formation-only oxide cells rarely short; no layers, layer test or ramp-up swept
    assert set(rep.skipped) <= {"weibull", "time_to_short", "layer_yield", "layer_test", "ramp_up", "credible", "variance_shares"}


@pytest.mark.parametrize("case", ["missing", "not_netcdf", "not_twin"])
def test_bad_input_exits_2_without_traceback(case, tmp_path):
    path = tmp_path / "x.nc"
    if case == "not_netcdf":
        path.write_text("hello")
    elif case == "not_twin":
        xr.Dataset({"a": ("x", [1.0, 2.0])}).to_netcdf(path)
    r = run_twin("report", path, "-o", tmp_path / "out")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and str(path) in r.stderr
    assert {"missing": "no such file", "not_netcdf": "cannot read", "not_twin": "not an ssb-twin results file"}[case] in r.stderr


def test_report_of_the_failure_map_draws_the_failure_in_time_figures(tmp_path):
    """The stack pressure x current sweep of Cao's cell (shrunk to 6 cells per point): every cell shorts in
    formation, so the failure-mode map, the Weibull plot and the time-to-short histogram are all drawn."""
    sc = tmp_path / "fmap.yaml"
    sc.write_text(shrink((SCENARIOS / "failure_map.yaml").read_text(), cells=6, replicates=1))
    res = tmp_path / "fmap.nc"
    assert main(["run", str(sc), "-o", str(res)]) == 0
    rep = make_report(res, tmp_path / "rep")
    assert {"failure_map", "weibull", "time_to_short"} <= {f.name for f in rep.figures}, rep.skipped
