"""ssb-twin: digital twin of solid-state Li-metal battery manufacturing.

Public API::

    import twin

    sc = twin.load_scenario("scenarios/baseline.yaml")      # frozen Scenario in SI, or a located ScenarioError
    run = twin.run_study(sc, "results/baseline.zarr")        # streams the study into a resumable store
    ds = twin.open_results("results/baseline.zarr")          # the results Dataset (netCDF file or store)
    ds.twin.final_yield()                                    # importing twin registers the ds.twin accessor

The house (DESIGN.md): ``scenario/`` (YAML -> Scenario), ``simulation/`` (one
replicate: steps, the SimPy line, the cells), ``study/`` (chunks, backends,
runner), ``results/`` (Dataset, store, export), ``analysis/`` (``ds.twin``),
``report/`` (summary, figures, HTML), ``contract.py`` (the results Dataset as
data) and ``errors.py`` (one TwinError family); the physics is in
``process_models``.
"""

from ._version import __version__
from .analysis import TwinAccessor  # registers ds.twin
from .errors import TwinError
from .results import open_results
from .scenario import load_scenario
from .study.runner import run_study

__all__ = ["__version__", "load_scenario", "run_study", "open_results", "TwinAccessor", "TwinError"]
