"""The results Dataset: building, atomic writing, the resumable store, the netCDF export."""

from .atomic import write_netcdf_atomic
from .dataset import build_dataset, global_attrs, open_results

__all__ = ["build_dataset", "global_attrs", "open_results", "write_netcdf_atomic"]
