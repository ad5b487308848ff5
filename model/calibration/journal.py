"""Every finished simulation of a calibration, kept on disk: a killed calibration loses none of them.

One line per simulation, ``DIGEST JSON``, where the digest is the first 16 hex digits of the
SHA-256 of the JSON text: a line torn by a kill, or damaged later, fails its digest and is left
out (and counted), never read as a result. Lines are flushed and synced to disk batch by batch.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path
from typing import Any


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def simulation_key(theta: dict[str, float], purpose: str) -> str:
    """A simulation's identity: its parameter values (by name, exact) and what it was run for."""
    text = json.dumps({"theta": {k: float(v).hex() for k, v in sorted(theta.items())}, "purpose": purpose})
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def seed_of(key: str, root_seed: int) -> int:
    """The model seed of a simulation: a pure function of its key and the spec's root seed."""
    return int(hashlib.sha256(f"{root_seed}:{key}".encode()).hexdigest()[:15], 16)


class SimulationJournal:
    """The append-only file of finished simulations, and their statistics by key.

    Attributes:
        damaged: lines that failed their digest when the file was read (left out).

    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self.results: dict[str, dict[str, float]] = {}
        self.damaged = 0
        if self.path.exists():
            self._read()

    def _read(self) -> None:
        data = self.path.read_bytes()
        complete = data[: data.rfind(b"\n") + 1]
        if len(complete) < len(data):  # a line torn by a kill: cut it so the next line starts clean
            with open(self.path, "r+b") as handle:
                handle.truncate(len(complete))
        for line in complete.decode("utf-8", errors="replace").splitlines():
            digest, _, text = line.partition(" ")
            try:
                if _digest(text) != digest:
                    raise ValueError
                entry = json.loads(text)
                self.results[entry["key"]] = {k: (math.nan if v is None else v) for k, v in entry["stats"].items()}
            except (ValueError, KeyError, TypeError):
                self.damaged += 1

    def __contains__(self, key: str) -> bool:
        return key in self.results

    def __len__(self) -> int:
        return len(self.results)

    def get(self, key: str) -> dict[str, float]:
        """The statistics of a finished simulation."""
        return self.results[key]

    def add(self, entries: list[tuple[str, dict[str, Any], dict[str, float]]]) -> None:
        """Append finished simulations (key, parameters, statistics) and sync them to disk."""
        lines = []
        for key, theta, stats in entries:
            clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in stats.items()}
            text = json.dumps({"key": key, "theta": theta, "stats": clean}, sort_keys=True)
            lines.append(f"{_digest(text)} {text}\n")
            self.results[key] = dict(stats)
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.writelines(lines)
            handle.flush()
            os.fsync(handle.fileno())
