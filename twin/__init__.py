"""ssb-twin: digital twin of solid-state Li-metal battery manufacturing.

Everything that is not physics lives here: scenario loading, sweep expansion,
random streams, the SimPy line, the coupling from manufactured state to cell
metrics, the runner, the results store, analysis and the CLI.
"""

__version__ = "0.1.0"
