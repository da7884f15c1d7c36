"""Process steps: one class per step, chosen by name from a station's ``step:``.

The registry maps each step name of the scenario's step catalogue
(:data:`twin.scenario.routes.STEP_CATALOGUE`) to the class that implements
it. Adding a step is a physics module, a step module here, a settings class
and a catalogue entry in the scenario, this registry line, and contract rows
for its outputs (``docs/extending.md``).
"""

from __future__ import annotations

from ...scenario.routes import STEP_CATALOGUE
from .anode import Anode
from .base import Step, StepContext, Tally
from .calendering import Calendering
from .cathode import Cathode
from .casting import Casting
from .cutting import Cutting
from .drying import Drying
from .eol_test import EolTest
from .inspection import Inspection
from .layer_test import LayerTest
from .separator import Separator
from .sintering import Sintering
from .stacking import Stacking
from .surface_treatment import SurfaceTreatment

__all__ = ["STEPS", "Step", "StepContext", "Tally", "make_step"]

#: step name -> Step class
STEPS: dict[str, type[Step]] = {cls.name: cls for cls in (
    Casting, Drying, Cutting, Sintering, Inspection, Separator, Cathode, SurfaceTreatment, Anode, Stacking, EolTest,
    Calendering, LayerTest,
)}

if set(STEPS) != set(STEP_CATALOGUE):  # a catalogue entry without a class (or the reverse) is a programming error
    raise ImportError(f"step registry and catalogue differ: {sorted(set(STEPS) ^ set(STEP_CATALOGUE))}")


def make_step(name: str) -> Step:
    """A new instance of the step called ``name`` (one per station and replicate)."""
    return STEPS[name]()
