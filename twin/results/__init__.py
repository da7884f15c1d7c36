"""The results Dataset: building, atomic writing, the resumable store, the netCDF export."""

from .dataset import CELL_VARS, REPLICATE_VARS, build_dataset, open_results, write_netcdf_atomic

__all__ = ["CELL_VARS", "REPLICATE_VARS", "build_dataset", "open_results", "write_netcdf_atomic"]
