"""Fingerprints of the results of every shipped scenario: a hash per Dataset variable.

The golden digests (``digests.json``) are the safety net of refactoring: a
change of structure must leave every number of every shipped scenario
bit-identical, and a change of numbers must be deliberate, announced in its
commit, and refresh the digests with::

    python -m tests.golden.fingerprint --update

A digest covers a variable's name, dimensions, dtype and the exact bytes of
its values (strings as UTF-8); global attributes (history time stamps,
scenario text) are not part of it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import xarray as xr

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = sorted(p.stem for p in (ROOT / "scenarios").glob("*.yaml"))
DIGESTS = Path(__file__).with_name("digests.json")


def variable_digest(var: xr.Variable) -> str:
    """sha256 (first 16 hex digits) of a variable's dims, dtype and values."""
    h = hashlib.sha256()
    values = np.asarray(var.values)
    h.update(repr((var.dims, values.dtype.str if values.dtype.kind not in "OUT" else "str")).encode())
    if values.dtype.kind in "OUT":
        h.update("\0".join(map(str, values.ravel().tolist())).encode())
    else:
        h.update(np.ascontiguousarray(values).tobytes())
    return h.hexdigest()[:16]


def dataset_digests(ds: xr.Dataset) -> dict[str, str]:
    """Digest of every data variable and coordinate of ``ds``, by name."""
    return {name: variable_digest(ds[name].variable) for name in sorted(ds.variables)}


def scenario_digests(name: str) -> dict[str, str]:
    """Run the shipped scenario ``name`` in memory and fingerprint its results."""
    from twin.study.work import simulate_study
    from twin.scenario import load_scenario

    return dataset_digests(simulate_study(load_scenario(ROOT / "scenarios" / f"{name}.yaml")))


def main(argv: list[str]) -> int:
    if argv != ["--update"]:
        print(__doc__)
        return 2
    table = {name: scenario_digests(name) for name in SCENARIOS}
    DIGESTS.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n")
    print(f"wrote {DIGESTS} ({len(table)} scenarios)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
