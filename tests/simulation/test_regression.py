"""Behaviour does not change by accident: outcome records for fixed seeds equal the stored ones.

Floats are compared exactly: the model is deterministic given its seed, so any difference is
a change in behaviour. A deliberate change regenerates the file (see tests/regression_cases.py).
"""

import json

import pytest
from regression_cases import CASES, RECORDS, compute

STORED = {json.dumps(r["case"], sort_keys=True): r["record"] for r in json.loads(RECORDS.read_text())}


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['scenario']}-seed{c['seed']}")
def test_outcome_record_is_unchanged(case):
    stored = STORED[json.dumps(case, sort_keys=True)]
    assert json.loads(json.dumps(compute(case))) == stored
