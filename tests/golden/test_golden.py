"""Golden digests: every shipped scenario gives exactly the numbers it gave when the digests were taken.

A failure lists the variables whose values changed. If the change of numbers is
intended (new physics, a new random stream), refresh the digests in the same
commit and say so in its message: ``python -m tests.golden.fingerprint --update``.
"""

import json

import pytest

from .fingerprint import DIGESTS, SCENARIOS, scenario_digests

GOLDEN = json.loads(DIGESTS.read_text())


def test_every_shipped_scenario_has_a_digest():
    assert sorted(GOLDEN) == SCENARIOS


@pytest.mark.parametrize("name", SCENARIOS)
def test_results_are_bit_identical_to_the_golden_digests(name):
    now = scenario_digests(name)
    want = GOLDEN[name]
    missing = sorted(set(want) - set(now))
    added = sorted(set(now) - set(want))
    changed = sorted(k for k in set(want) & set(now) if want[k] != now[k])
    assert not (missing or added or changed), f"{name}: changed {changed}; missing {missing}; added {added}"
