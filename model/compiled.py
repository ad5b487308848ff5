"""The daily array processes compiled as loops (numba), composed from the rules in ``model.rules``.

Each rule is written once, as a NumPy function of whole arrays, and marked
``register_jitable`` so that numba can also call it on one village at a time. The loops
below apply the rules village by village, in the same order of operations as the NumPy
versions would, so that they give the same numbers to the last bit
(``tests/simulation/test_compiled.py``): what they save is the interpreter's overhead of a dozen
NumPy calls a day, not arithmetic.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from model.rules import control, loyalty, uprising
from model.rules.bounds import clip01


@njit(cache=True)
def village_day(q, state_share, zone, population, reserves, loyal, grievance, fear, cell, deaths, frame_cell, field,
                access, hardship, stock_rate, buffer, blame, drift, backlash, grievance_backlash, decay, fear_rate,
                threshold, call, arrest_k, risk_aversion):
    """One day of every village (processes 2-3): reserves, loyalty, grievance, fear, uprisings.

    Args:
        q: each village's JNIM share of control.
        state_share: each village's state share of control (loyalty settles toward it).
        zone: each village's Kalyvas zone.
        population: each village's residents.
        reserves: each village's food and cash reserves yesterday.
        loyal: each village's loyalty to the state yesterday.
        grievance: each village's grievance yesterday.
        fear: each village's fear yesterday.
        cell: each village's grid cell.
        deaths: civilians killed today in each grid cell, by JNIM (row 0) and by the state (row 1).
        frame_cell: each village's index in ``field``.
        field: the state's strength within reach, on the padded frame of the window sums.
        access: each village's fuel access (share of its market's demand it receives).
        hardship: each village's hardship from the fuel price of its market.
        stock_rate: ``village_stock_rate_per_day``.
        buffer: ``reserves_buffer``, the share of hardship full reserves absorb.
        blame: ``blame_attribution``.
        drift: ``loyalty_drift_per_day``.
        backlash: ``indiscriminate_backlash`` (loyalty per death per resident).
        grievance_backlash: ``grievance_backlash`` (grievance per death per resident).
        decay: ``grievance_decay_per_day``.
        fear_rate: ``fear_rate_per_day``.
        threshold: ``uprising_threshold``.
        call: ``jnim_call_to_rise``.
        arrest_k: ``arrest_constant`` (Epstein's k, per soldier per thousand residents).
        risk_aversion: ``uprising_risk_aversion``.

    Returns:
        Each village's fuel access, reserves, loyalty, grievance, fear and whether it has risen.

    """
    n = len(q)
    new = np.empty((4, n))
    new_reserves, new_loyal, new_grievance, new_fear = new[0], new[1], new[2], new[3]
    risen = np.empty(n, dtype=np.bool_)
    for i in range(n):
        exposed = hardship[i]
        new_reserves[i] = clip01(reserves[i] + stock_rate * ((1.0 - exposed) - reserves[i]))
        felt = clip01(exposed * (1.0 - buffer * new_reserves[i]))
        state_pc, jnim_pc = deaths[1, cell[i]] / population[i], deaths[0, cell[i]] / population[i]
        target = loyalty.loyalty_target(1.0 - state_share[i], felt, blame)
        new_loyal[i] = loyalty.update_loyalty(loyal[i], target, drift, state_pc, jnim_pc, backlash)
        new_grievance[i] = loyalty.update_grievance(grievance[i], felt, state_pc + jnim_pc, decay, grievance_backlash)
        # Kalyvas: selective violence, and the fear it spreads, peak in zones 2 and 4.
        dominant = 1.0 if zone[i] == 2 or zone[i] == 4 else 0.0
        new_fear[i] = clip01(fear[i] + fear_rate * (dominant - fear[i]))
        # Epstein: fear raises the perceived risk of arrest one for one (assumption).
        arrest = uprising.arrest_probability(field[frame_cell[i]], population[i], arrest_k)
        risen[i] = uprising.rising(new_grievance[i], arrest * (1.0 + new_fear[i]), q[i], threshold, call, risk_aversion)
    return access.copy(), new_reserves, new_loyal, new_grievance, new_fear, risen


@njit(cache=True)
def control_day(q_control, s_control, state, jnim, others, village_cell, loyal, risen, support, networks, rate,
                decisiveness):
    """One day of control (process 1) on the cells inside Mali, from the strengths in reach.

    Args:
        q_control: each cell's JNIM share yesterday.
        s_control: each cell's state share yesterday.
        state: each cell's armed strength of the state in reach (the villages' support is added here).
        jnim: each cell's armed strength of JNIM in reach (the villages' support is added here).
        others: each cell's strength of the other armed groups (fixed).
        village_cell: the cell (index into the arrays above) of each village.
        loyal: each village's loyalty to the state.
        risen: whether each village has risen.
        support: each village's armed local support at full loyalty (``armed_support_per_person``
            times its residents).
        networks: each village's local networks of the state (row 0) and of JNIM (row 1), which
            weigh whatever its loyalty (``local_network_share``).
        rate: control's inertia (``control_inertia_per_day``).
        decisiveness: the contest's exponent (``control_decisiveness``).

    Returns:
        Each cell's JNIM and state shares today, each village's JNIM and state shares, and each
        village's Kalyvas zone.

    """
    others = others.copy()
    for i in range(len(village_cell)):
        cell = village_cell[i]
        state[cell] += support[i] * loyal[i] + networks[0, i]
        # A risen village doubles the support it lends against the state (assumption); that support
        # goes to JNIM and the other groups as they share the non-state ground of its cell.
        against = support[i] * (1.0 - loyal[i]) * (1.0 + risen[i])
        non_state = 1.0 - s_control[cell]
        to_jnim = q_control[cell] / non_state if non_state > 1e-12 else 1.0
        jnim[cell] += against * min(to_jnim, 1.0) + networks[1, i]
        others[cell] += against * max(0.0, 1.0 - to_jnim)
    q_target, s_target = control.contest_shares(jnim, state, others, decisiveness)
    q_cells = control.relax(q_control, q_target, rate)
    s_cells = control.relax(s_control, s_target, rate)
    q_villages, s_villages = q_cells[village_cell], s_cells[village_cell]
    zone = control.zones(control.zone_share(q_villages, s_villages))
    return q_cells, s_cells, q_villages, s_villages, zone
