"""How the map draws things: colours and sizes of zones and agents (pure, tested).

Zones follow Kalyvas' five-zone scale from state (blue) through contested (sand) to JNIM
(red); agents are sized by what matters about them (tankers, fighters, soldiers).
"""

from __future__ import annotations

import numpy as np
from matplotlib.colors import to_rgba

ZONE_COLOURS = {1: "#2166ac", 2: "#92c5de", 3: "#f1e3b0", 4: "#f4a582", 5: "#b2182b"}
ZONE_LABELS = {1: "1 state", 2: "2 state-dominant", 3: "3 contested", 4: "4 JNIM-dominant", 5: "5 JNIM"}
UNPOPULATED = 0
"""Zone code of a cell inside Mali where nobody lives (no village, so no zone)."""
UNPOPULATED_COLOUR = "#dcdcdc"
POSTURE_COLOURS = {"active": "#6a3d9a", "stood_down": "#9e9e9e"}


def zone_image(zones: np.ndarray, inside: np.ndarray) -> np.ndarray:
    """RGBA image of the zone of every cell: neutral grey where unpopulated, transparent outside Mali."""
    palette = np.array([to_rgba(UNPOPULATED_COLOUR)] + [to_rgba(ZONE_COLOURS[z]) for z in range(1, 6)]
                       + [(0, 0, 0, 0)])
    outside = len(palette) - 1
    return palette[np.where(inside, zones, outside)]


def convoy_style(tankers: int) -> dict:
    """Orange squares, area proportional to tankers."""
    return {"color": "#ff7f00", "marker": "s", "size": 8.0 + 1.5 * tankers}


def jnim_style(fighters: float) -> dict:
    """Black-edged dark circles, area proportional to fighters."""
    return {"color": "#222222", "marker": "o", "size": 5.0 + 0.4 * fighters}


def russian_style(posture: str, strength: float) -> dict:
    """Diamonds coloured by posture (purple active, grey stood down), sized by strength."""
    return {"color": POSTURE_COLOURS[posture], "marker": "D", "size": 20.0 + 0.1 * strength}


def army_style(role: str, strength: float) -> dict:
    """Green triangles for mobile FAMa units (sweeps, escorts), sized by strength."""
    return {"color": "#1b7837" if role == "sweep" else "#5aae61", "marker": "^", "size": 15.0 + 0.03 * strength}
