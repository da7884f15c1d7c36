"""The results store: streamed chunks give exactly the in-memory results; interrupted studies resume with
nothing lost and nothing written twice. Real (small) studies, serial backend, in this process."""

import json

import numpy as np
import pytest
import xarray as xr

import twin.study.work as work
import twin.results.store as store_mod
from twin.study.runner import run_study
from twin.scenario import load_scenario
from twin.results.store import ResultsStore, StoreError

from .conftest import assert_same_results, reference_nc, write_study


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    d = tmp_path_factory.mktemp("study")
    path = write_study(d, cells=30, replicates=6)  # 2 sweep points x 6 replicates
    return {"path": path, "scenario": load_scenario(path), "reference": reference_nc(path, d / "reference.nc")}


def _export(store, out):
    with ResultsStore.open(store) as st:
        return st.export_netcdf(out)


@pytest.mark.parametrize("chunk_size, n_chunks", [(1, 12), (4, 4), (6, 2), (12, 1)])
def test_streamed_study_equals_in_memory_study(study, tmp_path, chunk_size, n_chunks):
    """Whatever the chunking (one replicate, part of a point, one point, both points), the numbers are the same."""
    run = run_study(study["scenario"], tmp_path / "s.zarr", backend="serial", chunk_size=chunk_size)
    assert run.chunks_run == run.chunks_total == n_chunks
    assert_same_results(_export(tmp_path / "s.zarr", tmp_path / "s.nc"), study["reference"])


def test_store_layout_is_complete_before_the_study_is(study, tmp_path, monkeypatch):
    """After the first chunk the whole study's layout exists; missing chunks read as fill values."""
    calls = {"n": 0}
    real = work.run_unit

    def stop_after_first(scenario, keys):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(scenario, keys)

    monkeypatch.setattr(work, "run_unit", stop_after_first)
    with pytest.raises(KeyboardInterrupt):
        run_study(study["scenario"], tmp_path / "s.zarr", backend="serial", chunk_size=3)
    with ResultsStore.open(tmp_path / "s.zarr") as st:
        assert st.done() == {0}
        ds = st.dataset()
        ref = xr.load_dataset(study["reference"])
        assert dict(ds.sizes) == dict(ref.sizes)
        assert set(ds.data_vars) == set(ref.data_vars)
        np.testing.assert_array_equal(ds.cell_asr.values[0, :3], ref.cell_asr.values[0, :3])
        assert np.isnan(ds.cell_asr.values[1]).all()
        with pytest.raises(StoreError, match="only 1 of 4 chunks"):
            st.export_netcdf(tmp_path / "x.nc")
    assert not (tmp_path / "x.nc").exists()


def test_interrupted_study_resumes_nothing_lost_nothing_twice(study, tmp_path, monkeypatch):
    store = tmp_path / "s.zarr"
    real = work.run_unit
    seen: list[list] = []

    def interrupted_on_third(scenario, keys):
        seen.append(list(keys))
        if len(seen) == 3:
            raise KeyboardInterrupt  # Ctrl-C in the middle of the third chunk
        return real(scenario, keys)

    monkeypatch.setattr(work, "run_unit", interrupted_on_third)
    with pytest.raises(KeyboardInterrupt):
        run_study(study["scenario"], store, backend="serial", chunk_size=2)
    with ResultsStore.open(store) as st:
        assert st.done() == {0, 1}
        first = {i: st.manifest(i) for i in st.done()}
        n_chunks = st.info["n_chunks"]
    assert n_chunks == 6

    with pytest.raises(StoreError, match="--resume"):
        run_study(study["scenario"], store, backend="serial")

    seen.clear()
    monkeypatch.setattr(work, "run_unit", lambda sc, keys: (seen.append(list(keys)), real(sc, keys))[1])
    run = run_study(study["scenario"], store, backend="serial", resume=True, chunk_size=5)  # chunk_size ignored: the store's plan
    assert (run.chunks_run, run.chunks_skipped, run.chunks_total) == (4, 2, 6)
    # only the chunks that were not stored ran again, each once
    done_keys = [k for c in first.values() for k in
                 [(p, r) for p in range(*c["points"]) for r in range(*c["replicates"])]]
    rerun = [k for keys in seen for k in keys]
    assert len(rerun) == len(set(rerun)) == 12 - 4
    assert not set(rerun) & set(done_keys)
    with ResultsStore.open(store) as st:
        assert st.done() == set(range(6))
        for i, m in first.items():
            assert st.manifest(i) == m  # untouched by the resumed run
        assert {st.manifest(i)["run_id"] for i in range(2, 6)} == {run.run_id}
    assert_same_results(_export(store, tmp_path / "s.nc"), study["reference"])


def test_crash_between_data_and_manifest_rewrites_that_chunk(study, tmp_path, monkeypatch):
    """Data written but no manifest (a crash in between): the chunk counts as not done and is written again."""
    store = tmp_path / "s.zarr"
    real_write = store_mod.write_json_atomic
    n = {"manifests": 0}

    def crash_on_second_manifest(path, obj):
        if path.parent.name == "chunks":
            n["manifests"] += 1
            if n["manifests"] == 2:
                raise OSError("simulated crash")
        return real_write(path, obj)

    monkeypatch.setattr(store_mod, "write_json_atomic", crash_on_second_manifest)
    with pytest.raises(OSError, match="simulated crash"):
        run_study(study["scenario"], store, backend="serial", chunk_size=4)
    monkeypatch.setattr(store_mod, "write_json_atomic", real_write)
    with ResultsStore.open(store) as st:
        assert st.done() == {0}
        assert [c.index for c in st.todo()] == [1, 2, 3]
    run = run_study(study["scenario"], store, backend="serial", resume=True)
    assert run.chunks_run == 3
    assert_same_results(_export(store, tmp_path / "s.nc"), study["reference"])
    assert not list((store / ".twin" / "chunks").glob("*.tmp"))


def test_resume_refuses_a_store_of_another_scenario(study, tmp_path):
    store = tmp_path / "s.zarr"
    run_study(study["scenario"], store, backend="serial")
    other = load_scenario(write_study(tmp_path, "other.yaml", cells=30, replicates=5))
    with pytest.raises(StoreError, match="different scenario"):
        run_study(other, store, backend="serial", resume=True)


def test_one_writer_at_a_time_and_no_chunk_twice(study, tmp_path):
    store = tmp_path / "s.zarr"
    run_study(study["scenario"], store, backend="serial", chunk_size=6)
    with ResultsStore.open(store) as a:
        a.lock()
        b = ResultsStore.open(store)
        with pytest.raises(StoreError, match="another run"):
            b.lock()
        b.close()
        data = work.run_chunk(study["scenario"], a.plan.chunks[0])
        with pytest.raises(StoreError, match="written twice"):
            a.write_chunk(data)


def test_store_metadata(study, tmp_path):
    store = tmp_path / "s.zarr"
    run = run_study(study["scenario"], store, backend="serial", chunk_size=4)
    info = json.loads((store / ".twin" / "study.json").read_text())
    assert info["scenario_sha256"] == study["scenario"].sha256
    assert info["n_chunks"] == 4 and info["plan"]["replicate_block"] == 3
    assert (store / "zarr.json").is_file()
    m = ResultsStore.open(store).manifest(0)
    assert m["cells"] == 3 * 30 and m["run_id"] == run.run_id and m["compute_seconds"] > 0
    ds = ResultsStore.open(store).dataset()
    assert ds.attrs["scenario_yaml"] == study["path"].read_text()
    assert ds.failure_mode.attrs["flag_values"].dtype == ds.failure_mode.dtype
