"""The daily series grows as the run goes (issue 15, item 7), and the table refuses non-numbers."""

import numpy as np
import pytest

from model.params import BY_NAME, ParameterError
from model.series import FIRST_ROWS, Series


def test_the_series_holds_only_what_the_run_needed():
    series = Series(3650)
    assert len(series.values) == FIRST_ROWS
    for day in range(1000):
        series.record({name: float(day) for name in series.index})
    assert series.n_rows == 1000 and len(series.values) < 3651
    assert np.array_equal(series.column("day" if "day" in series.index else next(iter(series.index))),
                          np.arange(1000.0))


@pytest.mark.parametrize("value", [True, float("inf"), "1e400", "nan", float("-inf")])
def test_the_table_refuses_what_is_not_a_finite_number(value):
    with pytest.raises(ParameterError):
        BY_NAME["jnim_initial_units"].coerce(value)
