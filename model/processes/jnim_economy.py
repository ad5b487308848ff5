"""JNIM's money and recruits (processes 4-5, 12): zakat, gold, ransoms, other income, upkeep, recruitment."""

from __future__ import annotations

import numpy as np

from model import portable_math as pm
from model.rules import recruitment, taxation


def jnim_income(p: dict, villages, mines, q_control: np.ndarray, payment: float, rng, ledger) -> float:
    """JNIM's income today: zakat in its zones, its levy on artisanal gold, ransoms, other income, payments.

    Args:
        p: the parameters.
        villages: the villages (population and zones).
        mines: the mines (JNIM levies the artisanal gold around the zones it controls).
        q_control: JNIM's share of control of each cell.
        payment: what the treasury paid JNIM under negotiation at yesterday's settlement.
        rng: the model's generator (kidnappings are drawn events).
        ledger: where ransoms, income and payments are counted.

    """
    v = villages.arrays
    zakat = p["zakat_collection_share"] * taxation.zakat(v.population, v.zone, p["zakat_rate"],
                                                         p["harvest_cfa_per_person_day"])
    gold_levy = (mines.artisanal_tonnes_taxed_by_jnim(q_control) * p["gold_price_cfa_per_tonne"]
                 * p["jnim_artisanal_gold_levy"] / 365.0)
    income = zakat + gold_levy + ransoms(p, rng, ledger) + p["jnim_other_income_cfa_per_day"] + payment
    ledger.add("jnim_income_cfa", income)
    ledger.add("negotiation_paid_cfa", payment)
    return income


def ransoms(p: dict, rng, ledger) -> float:
    """Ransoms paid today: kidnappings arrive as a Poisson process, each ransom log-normal (heavy-tailed)."""
    kidnappings = int(rng.poisson(p["jnim_kidnappings_per_year"] / 365.0))
    if kidnappings == 0:
        return 0.0
    paid = float(np.sum(p["jnim_ransom_median_cfa"] * pm.exp(p["jnim_ransom_dispersion"]
                                                              * rng.standard_normal(kidnappings))))
    ledger.add("kidnappings", kidnappings)
    ledger.add("ransoms_cfa", paid)
    return paid


def pay_and_recruit(p: dict, insurgency, villages, control, income: float) -> None:
    """Income pays upkeep and buys recruits from the pool in each column's reach.

    Recruits with no column in reach wait as orphans until there are enough to form a column.
    """
    v = villages.arrays
    units = insurgency.columns
    ceiling = recruitment.jnim_ceiling(v.population, villages.presence, v.q, v.grievance, p["jnim_mobilisable_share"],
                                       p["jnim_ceiling_grievance_gain"], p["blame_attribution"])
    pool = recruitment.jnim_recruits(v.population, v.loyalty, v.grievance, v.q, v.risen, p["jnim_recruit_rate"],
                                     insurgency.fighters + insurgency.orphan_recruits, ceiling)
    recruits, orphans = recruitment.recruits_by_reach(v.cells, pool, control.column_cells,
                                                      control.grid.control_windows, control.columns_reaching)
    fighters = np.array([u.fighters for u in units])
    cash = np.array([u.cash for u in units])
    cash, fighters = recruitment.pay_and_recruit(
        cash, fighters, recruits, income, p["jnim_upkeep_cfa_per_fighter_day"],
        p["jnim_desertion_per_day"], p["jnim_recruit_cost_cfa"])
    for unit, unit_cash, unit_fighters in zip(units, cash.tolist(), fighters.tolist(), strict=True):
        unit.cash, unit.fighters = unit_cash, unit_fighters
    insurgency.orphan_recruits += orphans
    insurgency.spawn_orphan_column(pool)


def refuel(p: dict, insurgency, rural_met: float, rural_price: float) -> None:
    """Columns buy fuel in the rural markets, as far as those are supplied, and pay the rural price.

    The junta's rural fuel-sales ban works here: what it withholds from the rural market a column
    cannot buy (its mobility), and the scarcity raises the price it pays (its cash).
    """
    for unit in insurgency.columns:
        litres = min(p["jnim_fuel_purchase_l_per_fighter_day"] * unit.fighters * rural_met,
                     unit.cash / rural_price)
        unit.fuel += litres
        unit.cash = max(0.0, unit.cash - litres * rural_price)  # it buys no more than its cash pays for
