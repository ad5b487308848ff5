"""The model's rules, one module per process of the design (MODEL_SPEC §3).

Each rule is a pure function of plain values or NumPy arrays: no model, no agent, no hidden
random draws (any randomness arrives as uniform numbers drawn by the model's generator), so
every rule is unit-tested on hand-computed cases.
"""
