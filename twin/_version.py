"""The package version (one place; ``twin.__version__`` re-exports it)."""

__version__ = "0.1.0"
