"""Village state as NumPy arrays, one row per populated cell (the Village agents view them)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class VillageArrays:
    """State of every village; rules update whole arrays at once."""

    FIELDS = ("population", "loyalty", "grievance", "fear", "stock", "fuel_access",
              "q", "zone", "risen")

    cells: np.ndarray
    population: np.ndarray
    loyalty: np.ndarray
    grievance: np.ndarray
    fear: np.ndarray
    stock: np.ndarray
    fuel_access: np.ndarray
    q: np.ndarray
    zone: np.ndarray
    risen: np.ndarray

    @classmethod
    def empty(cls, cells: np.ndarray, population: np.ndarray) -> VillageArrays:
        """Villages at neutral values; the model settles them before day 0."""
        n = len(cells)
        return cls(cells=cells, population=population.astype(float), loyalty=np.full(n, 0.5),
                   grievance=np.zeros(n), fear=np.zeros(n), stock=np.ones(n),
                   fuel_access=np.ones(n), q=np.full(n, 0.5), zone=np.full(n, 3, np.int8),
                   risen=np.zeros(n, bool))


@dataclass
class GarrisonArrays:
    """FAMa garrisons at towns, mines and Bamako (the garrison ArmyUnits view them)."""

    cells: np.ndarray
    strength: np.ndarray
    full_strength: np.ndarray
