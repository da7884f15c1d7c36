"""The unit-layer test before stacking (a gate)."""

from __future__ import annotations

from ..line import PASS
from .base import Step


class LayerTest(Step):
    """Tests each unit layer before it is stacked (``process.layer_test``).

    In the line the tester is a gate station that occupies a machine for its
    ``process_time`` per layer; whether it catches a layer depends on how the
    layer would fare at the end-of-line test, which is known only once the
    layer's whole history (air exposure up to lamination) has been simulated.
    The decision is therefore taken after the line run, in
    :mod:`twin.simulation.assembly`, from each layer's evaluated state and the
    detection probabilities; here every layer passes. Rejected layers are
    dropped before cells are formed (the line's timing still counts them
    through the stacker: a small overestimate of the stacker's load).
    """

    name = "layer_test"

    def inspect(self, cells, i, attempt, ctx):
        return PASS
