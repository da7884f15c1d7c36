"""Measured data in one tidy format: literature datasets and a line's own records.

Two kinds of file, both CSV (UTF-8) or Parquet, each optionally with a
sidecar YAML of the same name (title, sources with what was read and how, a
description and unit of every column; see ``docs/data.md``):

* **measurements**: one row per measurement, columns ``quantity``, ``value``,
  ``unit``, ``source`` (required), ``relation``, ``uncertainty``, ``tag``,
  ``sample``, ``cell``, ``lot``, ``date``, ``figure``, ``note`` and one column
  per condition (``stack_pressure``, ``temperature``, ...) in the unit its
  sidecar gives. Quantities and conditions come from a fixed vocabulary
  (:data:`QUANTITIES`, :data:`CONDITIONS`), each with its dimension;
* **line data**: one row per cell, columns named as the per-cell variables of
  the results contract (:mod:`twin.contract`), in its SI units, plus the
  identifiers ``cell``, ``lot``, ``sheet``.

:func:`read_measurements` checks a file completely and raises one
:class:`~twin.errors.DataError` listing every problem by file, row and column;
otherwise it returns a :class:`pandas.DataFrame` in SI.

>>> from twin.data import read_measurements, literature_path
>>> df = read_measurements(literature_path("wang2019_stripping_vs_pressure"))
>>> row = df.iloc[1]
>>> row.quantity, float(row.value), row.unit, float(row.value_si), row.si_unit, float(row.stack_pressure)
('critical_stripping_current', 0.4, 'mA/cm^2', 4.0, 'A m-2', 2000000.0)
"""

from .problems import DataProblem
from .reader import LITERATURE_DIR, literature_datasets, literature_path, read_line_data, read_literature, read_measurements
from .vocabulary import CONDITIONS, QUANTITIES, RELATIONS, TAGS

__all__ = ["read_measurements", "read_line_data", "read_literature", "literature_datasets", "literature_path",
           "LITERATURE_DIR", "QUANTITIES", "CONDITIONS", "RELATIONS", "TAGS", "DataProblem"]
