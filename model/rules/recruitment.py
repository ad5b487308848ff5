"""Process 4 — recruitment: JNIM from the aggrieved and the JNIM-held, FAMa from the loyal.

Assumption: the pool a cell offers JNIM is its population times disloyalty times the mean of
grievance and JNIM sway, doubled where the village has risen, and it dries up as JNIM nears
the ceiling its areas can field; FAMa draws on loyal residents of state-held cells. A cell's
recruits are shared among the columns within reach of it, and columns pay for what they take.
"""

from __future__ import annotations

import numpy as np

from model.rules.windows import Windows, paint_layers, windows


def jnim_ceiling(population: np.ndarray, presence: np.ndarray, q: np.ndarray, grievance: np.ndarray, share: float,
                 grievance_gain: float, blame: float) -> float:
    """Most fighters JNIM can keep under arms: a share of the people of its areas, widened by grievance.

    Assumption: the mobilisable base is the population weighted by JNIM's structural presence in
    its region (data file regions.csv), or by its share of control where that is larger, so the
    ceiling follows the territory JNIM takes. Grievance widens it only as far as it is blamed on
    the state (``blame``): hardship blamed on JNIM's own blockade recruits nobody for JNIM.
    """
    base = population * np.maximum(presence, q)
    return share * float(np.sum(base * (1.0 + grievance_gain * blame * grievance)))


def jnim_recruits(population: np.ndarray, loyalty: np.ndarray, grievance: np.ndarray,
                  q: np.ndarray, risen: np.ndarray, rate: float, fighters: float, ceiling: float) -> np.ndarray:
    """Expected JNIM recruits per cell per day, falling linearly to zero as JNIM nears its ceiling.

    Each cell offers its population times disloyalty times the mean of grievance and JNIM sway,
    doubled where the village has risen; the shortfall below :func:`jnim_ceiling` scales it.
    """
    room = max(0.0, 1.0 - fighters / ceiling) if ceiling > 0 else 0.0
    return rate * room * population * (1.0 - loyalty) * 0.5 * (grievance + q) * (1.0 + risen)


def army_recruits(population: np.ndarray, loyalty: np.ndarray, q: np.ndarray, rate: float) -> float:
    """Expected FAMa recruits per day over the whole country."""
    return float(rate * np.sum(population * loyalty * (1.0 - q)))


def recruits_by_reach(pool_cells: np.ndarray, pool: np.ndarray, unit_cells: np.ndarray, window: Windows,
                      reaching: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """Each cell's recruits go in equal parts to the columns within reach of it.

    Args:
        pool_cells: grid cell of each pool (at most one pool per cell).
        pool: recruits available in each pool today.
        unit_cells: grid cell of each column.
        window: the windows of the recruiting reach.
        reaching: number of columns within reach of each cell, flat on ``window``'s padded
            grid (:func:`model.rules.windows.paint_layers`); painted here if not given.

    Returns:
        Recruits per column, and the recruits of cells no column reaches (orphans).

    """
    if reaching is None:
        reaching = paint_layers(window.shape, [(window.reach, unit_cells, [np.ones(len(unit_cells))])])[0]
        window = windows(window.shape, window.reach, window.reach)
    at = window.padded_cell[pool_cells]
    pool_grid = np.zeros(window.padded_size)
    pool_grid[at] = pool
    n_columns = reaching[at]
    per_column = np.zeros(window.padded_size)
    per_column[at] = np.divide(pool, n_columns, out=np.zeros(len(pool)), where=n_columns > 0)
    orphans = window.interior(pool_grid)[window.interior(reaching) == 0].sum()
    return window.gather_padded(per_column, unit_cells), float(orphans)


def orphan_column_site(pool: np.ndarray, presence: np.ndarray) -> int | None:
    """Village where recruits that no column reaches gather into a new column, or None for none.

    Assumption: a new column forms where the day's pool, weighted by JNIM's regional presence
    (data file regions.csv), is deepest. So it never forms in a region where JNIM has no
    presence (Bamako District): recruits from there go to join it elsewhere. Where new columns
    form is counted by `experiments/orphan_columns.py`.
    """
    weighted = pool * presence
    k = int(np.argmax(weighted))
    return k if weighted[k] > 0 else None


def pay_and_recruit(cash: np.ndarray, fighters: np.ndarray, recruits: np.ndarray, income: float,
                    upkeep: float, desertion: float, recruit_cost: float) -> tuple[np.ndarray, np.ndarray]:
    """A day of each column's purse: its share of income in, upkeep out, then recruits bought.

    Income is shared by fighters; a column that cannot pay its upkeep loses ``desertion`` of its
    fighters and its debt is written off; recruits join only as far as the cash pays for them.

    Returns:
        Cash and fighters of each column after the day.

    """
    cash = cash + income * (fighters / max(fighters.sum(), 1.0)) - upkeep * fighters
    broke = cash < 0
    fighters = np.where(broke, fighters * (1.0 - desertion), fighters)
    cash = np.where(broke, 0.0, cash)
    affordable = np.minimum(recruits, cash / recruit_cost)
    return np.maximum(0.0, cash - affordable * recruit_cost), fighters + affordable
