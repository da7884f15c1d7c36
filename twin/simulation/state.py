"""The per-cell state of one replicate: one typed array per field.

Every item released into the line is one cell-to-be. Steps write what they do
to it (green thickness, fired density, cathode thickness, ...) into a
:class:`CellState`; the line's genealogy, the exposure clocks, the cell
evaluation and the gates write theirs; the results Dataset is then read from
it. Fields are declared, never invented on the fly: the per-cell variables
of the results contract (:mod:`twin.contract`) plus the working fields the
steps declare (draws and intermediate state that are not results, e.g. the
Li excess of a sheet). Each field is allocated once with its dtype and fill
value (NaN for floats: "this cell never got it"), and assignment casts into
it, so a field's type never drifts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping

import numpy as np

from ..contract import CELL, variables

__all__ = ["Field", "CellState", "CONTRACT_FIELDS", "WORKING_FIELDS"]


@dataclass(frozen=True)
class Field:
    """dtype and fill value of one per-cell field."""

    dtype: str = "float64"
    fill: Any = float("nan")


#: the per-cell variables of the results contract, as fields
CONTRACT_FIELDS: dict[str, Field] = {v.name: Field(v.dtype, v.fill) for v in variables(CELL)}

#: working fields written by one stage and read by another (steps declare their own in ``Step.working_fields``)
WORKING_FIELDS: dict[str, Field] = {
    "crack_mode": Field("int8", 0),  # failure_mode code the inspection gate gives a cracked item
    "process_retained": Field(fill=1.0),  # fraction of ionic conductivity the forming process leaves [-]
    "lamination_pressure": Field(),  # pressure the Li anode was laminated at [Pa]
    "plating_quantile": Field(),  # the cell's place in its largest-flaw (weakest-link) distribution [-]
    "interface_scatter": Field(),  # the cell's standard-normal draw of cathode-interface scatter [-]
    "ramp_draw": Field(),  # the cell's uniform draw against the ramp-up immaturity scrap [-]
    "resupply_current": Field(),  # Li resupply to the anode interface at full contact [A m-2]
    "electronic_leakage": Field("bool", False),  # Li plates inside the separator (soft short from the first charge)
    "charged_anode_lithium": Field(),  # Li in the anode at its most charged state [C m-2]
}


class CellState:
    """Typed per-cell arrays, shape ``(n,)``, addressed by field name.

    ``cells["green_thickness"]`` is the array itself (write into it with
    ``cells["x"][ids] = ...``); ``cells["x"] = values`` fills the whole field,
    casting to its dtype. An undeclared name is a ``KeyError`` listing the
    declared ones.
    """

    __slots__ = ("n", "_arrays", "_fields")

    def __init__(self, n: int, fields: Mapping[str, Field]):
        self.n = int(n)
        self._fields = dict(fields)
        self._arrays = {name: np.full(self.n, f.fill, dtype=f.dtype) for name, f in self._fields.items()}

    def __getitem__(self, name: str) -> np.ndarray:
        try:
            return self._arrays[name]
        except KeyError:
            raise KeyError(f"no cell field {name!r}; declared: {', '.join(self._arrays)}") from None

    def __setitem__(self, name: str, values) -> None:
        self[name][...] = values

    def __contains__(self, name: str) -> bool:
        return name in self._arrays

    def reset(self, name: str, where: np.ndarray) -> None:
        """Set ``name`` back to its fill value where ``where`` is true (a cell that never got it)."""
        self[name][where] = self._fields[name].fill

    def take(self, names: Iterable[str], index: np.ndarray) -> dict[str, np.ndarray]:
        """Copies of the fields ``names`` at ``index`` (e.g. the cells that reached a test)."""
        return {k: self[k][index] for k in names}

    def put(self, values: Mapping[str, np.ndarray], index: np.ndarray) -> None:
        """Write ``values`` (field -> array over ``index``) into the fields at ``index``."""
        for k, v in values.items():
            self[k][index] = v
