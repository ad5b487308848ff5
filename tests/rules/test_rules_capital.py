"""The rules of model.rules.capital on hand-computed cases (pure functions, no model)."""


from model.rules import capital


def test_assault_and_collapse():
    assert capital.assault_succeeds(2100.0, 1000.0, 1.0, 2.0)
    assert not capital.assault_succeeds(1900.0, 1000.0, 1.0, 2.0)
    assert capital.assault_succeeds(1100.0, 1000.0, 0.0, 2.0)  # a broken officer corps fights at half
    assert capital.state_collapses(45, 0.2, 0.2, 45, 0.25)
    assert not capital.state_collapses(44, 0.2, 0.2, 45, 0.25)
    assert not capital.state_collapses(60, 0.3, 0.2, 45, 0.25)
