"""What the browser shows of the villages: the map of zones and one place's report, read from the Village agents.

The map paints only populated cells: an empty cell of the desert has no zone (control is a
contest for people), so it is drawn neutral rather than as contested ground.
"""

from __future__ import annotations

import numpy as np

from model.portrayal import UNPOPULATED, ZONE_LABELS


def zone_grid(model) -> np.ndarray:
    """Each cell's Kalyvas zone from its Village agent, ``UNPOPULATED`` where no village is."""
    grid = model.grid
    zones = np.full(grid.n_cells, UNPOPULATED, dtype=np.int8)
    for village in model.villages.agents:
        zones[village.cell] = village.zone
    return zones.reshape(grid.shape)


def village_at(model, cell: int):
    """The Village agent of a cell, or None where nobody lives."""
    return next((v for v in model.villages.agents if v.cell == cell), None)


def place_report(model, cell: int) -> dict[str, str]:
    """A place as a reader asks about it: region, people, loyalty, zone and the forces in reach."""
    village = village_at(model, cell)
    if village is None:
        return {"place": "unpopulated: no village, no zone"}
    grid, control = model.grid, model.control
    near = [c for c in model.insurgency.columns if grid.chebyshev(c.cell, cell) <= grid.control_reach]
    others = control.others_field[grid.control_index(np.array([cell]))[0]]
    return {
        "region": village.region,
        "population": f"{village.population:,.0f}",
        "loyalty to the state": f"{village.loyalty:.2f}",
        "zone": ZONE_LABELS[int(village.zone)],
        "state strength in reach": f"{control.state_field[grid.frame_cell[cell]]:,.0f}",
        "JNIM columns in reach": f"{len(near)} ({sum(c.fighters for c in near):,.0f} fighters)",
        "other armed groups": f"{others:,.0f}",
    }


def village_values(model, name: str) -> np.ndarray:
    """One attribute of every Village agent, in the agents' order (e.g. ``q``, JNIM's share of control)."""
    return np.array([getattr(v, name) for v in model.villages.agents], dtype=np.float32)


def village_grid(model, values: np.ndarray) -> np.ndarray:
    """Village values painted on the grid (NaN where nobody lives)."""
    grid = np.full(model.grid.n_cells, np.nan)
    grid[[v.cell for v in model.villages.agents]] = values
    return grid.reshape(model.grid.shape)
