"""The map of Mali as NumPy layers: border mask, regions, population, places and corridors.

Everything here is built once per resolution from the CSV files in ``model/data`` (shipped
with the package, never downloaded) and cached, so a sweep pays for it once per process.
Rows run north to south (row 0 is the northern edge) so that a layer can be drawn with
``imshow`` as it is.
"""

from __future__ import annotations

import csv
import functools
import itertools
import math
from dataclasses import dataclass
from importlib import resources

import numpy as np

from model import portable_math as pm

KM_PER_DEG_LAT = 111.2
MIN_VILLAGE_POPULATION = 500.0
TOWN_WEIGHT_KM = 40.0
TOWN_WEIGHT = 6.0
ARIDITY_LAT = 14.5
ARIDITY_SCALE_DEG = 1.5


@dataclass(frozen=True)
class Place:
    """A named point of the map data (town, crossing, mine) snapped to a grid cell."""

    name: str
    kind: str
    lat: float
    lon: float
    cell: int


@dataclass(frozen=True)
class Corridor:
    """A road as an ordered path of grid cells, with the distance travelled at each cell."""

    name: str
    kind: str
    fuel_share: float
    cells: np.ndarray
    km: np.ndarray

    @property
    def length_km(self) -> float:
        """Road length from the first to the last cell, in km."""
        return float(self.km[-1])

    @functools.cached_property
    def km_list(self) -> list[float]:
        """``km`` as a Python list, for fast scalar look-ups with ``bisect``."""
        return self.km.tolist()


@dataclass(frozen=True)
class MaliMap:
    """The rasterised map: layers of shape (n_rows, n_cols) and places as flat cell indices."""

    resolution: float
    lat_north: float
    lon_west: float
    inside: np.ndarray
    population: np.ndarray
    region: np.ndarray
    region_names: tuple[str, ...]
    region_jnim_presence: tuple[float, ...]
    region_other_groups: tuple[float, ...]
    towns: tuple[Place, ...]
    crossings: tuple[Place, ...]
    mines: tuple[Place, ...]
    corridors: dict[str, Corridor]
    capital_cell: int
    border_lonlat: np.ndarray

    @property
    def shape(self) -> tuple[int, int]:
        """Grid shape (rows, columns)."""
        return self.inside.shape

    @property
    def km_per_cell(self) -> float:
        """Side of a cell in km, at Mali's mean latitude (about 16 deg N)."""
        return self.resolution * KM_PER_DEG_LAT * math.cos(math.radians(16.0))

    @property
    def village_cells(self) -> np.ndarray:
        """Flat indices of the populated cells, one Village each."""
        flat = self.population.ravel()
        return np.flatnonzero(self.inside.ravel() & (flat >= MIN_VILLAGE_POPULATION))

    def cell_of(self, lat: float, lon: float) -> int:
        """Flat index of the cell containing a point (clipped to the grid)."""
        rows, cols = self.shape
        r = int(np.clip((self.lat_north - lat) / self.resolution, 0, rows - 1))
        c = int(np.clip((lon - self.lon_west) / self.resolution, 0, cols - 1))
        return r * cols + c

    def cell_centres(self) -> tuple[np.ndarray, np.ndarray]:
        """Latitude and longitude of every cell centre, each of shape (rows, cols)."""
        rows, cols = self.shape
        lat = self.lat_north - (np.arange(rows) + 0.5) * self.resolution
        lon = self.lon_west + (np.arange(cols) + 0.5) * self.resolution
        return np.meshgrid(lat, lon, indexing="ij")

    def reach_in_cells(self, km: float) -> int:
        """A distance in km as a whole number of cells, at least one."""
        return max(1, round(km / self.km_per_cell))


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance in km (haversine); broadcasts over arrays."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dp, dl = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = pm.sin(dp / 2) ** 2 + pm.cos(p1) * pm.cos(p2) * pm.sin(dl / 2) ** 2
    return 2 * 6371.0 * pm.arcsin(np.sqrt(a))


def points_in_polygon(lat: np.ndarray, lon: np.ndarray, ring: np.ndarray) -> np.ndarray:
    """Even-odd rule: which points lie inside the closed ring of (lon, lat) vertices."""
    inside = np.zeros(lat.shape, dtype=bool)
    x0, y0 = ring[-1]
    for x1, y1 in ring:
        crosses = (y1 > lat) != (y0 > lat)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_at = (x0 - x1) * (lat - y1) / (y0 - y1) + x1
        inside ^= crosses & (lon < x_at)
        x0, y0 = x1, y1
    return inside


def _read_csv(name: str) -> list[dict[str, str]]:
    with resources.files("model.data").joinpath(name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _grid_frame(ring: np.ndarray, resolution: float) -> tuple[float, float, int, int]:
    lon_west = np.floor(ring[:, 0].min() / resolution) * resolution
    lat_north = np.ceil(ring[:, 1].max() / resolution) * resolution
    n_cols = int(np.ceil((ring[:, 0].max() - lon_west) / resolution))
    n_rows = int(np.ceil((lat_north - ring[:, 1].min()) / resolution))
    return float(lat_north), float(lon_west), n_rows, n_cols


def _snap_inside(flat: int, inside: np.ndarray) -> int:
    """Move a cell index to the nearest inside-Mali cell (border crossings sit on the line)."""
    if inside.ravel()[flat]:
        return flat
    cols = inside.shape[1]
    r, c = divmod(flat, cols)
    ir, ic = np.nonzero(inside)
    k = int(np.argmin((ir - r) ** 2 + (ic - c) ** 2))
    return int(ir[k] * cols + ic[k])


def _spread_population(
    lat: np.ndarray, lon: np.ndarray, inside: np.ndarray, region: np.ndarray,
    regions: list[dict[str, str]], towns: list[Place], capital_cell: int,
) -> np.ndarray:
    """Census population of each region spread over its cells, weighted toward towns.

    Assumption: rural density falls off north of the Sahel (latitude beyond 14.5 deg N) and
    rises near towns; Bamako District's whole population sits in the capital's cell.
    """
    near_town = np.zeros(lat.shape)
    for town in towns:
        d = distance_km(lat, lon, town.lat, town.lon)
        near_town += pm.exp(-((d / TOWN_WEIGHT_KM) ** 2))
    aridity = pm.exp(-np.clip(lat - ARIDITY_LAT, 0, None) / ARIDITY_SCALE_DEG)
    weight = (aridity + TOWN_WEIGHT * near_town) * inside
    population = np.zeros(lat.shape)
    flat_region = region.ravel()
    for k, row in enumerate(regions):
        mask = (flat_region == k).reshape(region.shape) & inside
        total = float(row["population"])
        if row["capital"] == "Bamako":
            population.ravel()[capital_cell] += total
            continue
        w = weight * mask
        population += total * w / w.sum()
    return population


def _assign_regions(lat, lon, regions, places_by_name, capital_cell: int) -> np.ndarray:
    """Each cell belongs to the region of its nearest regional capital; the capital's cell is Bamako District.

    Bamako District (about 270 km²) is smaller than a cell, so it is the capital's cell alone.
    """
    best = np.full(lat.shape, np.inf)
    region = np.zeros(lat.shape, dtype=np.int16)
    for k, row in enumerate(regions):
        if row["capital"] == "Bamako":
            continue
        town = places_by_name[row["capital"]]
        d = distance_km(lat, lon, town.lat, town.lon)
        closer = d < best
        region[closer], best[closer] = k, d[closer]
    region.ravel()[capital_cell] = next(k for k, row in enumerate(regions) if row["capital"] == "Bamako")
    return region


def _corridor_path(waypoints: list[Place], mali: MaliMap) -> tuple[np.ndarray, np.ndarray]:
    """Straight segments between waypoints, sampled finely and reduced to distinct cells."""
    cells: list[int] = []
    for a, b in itertools.pairwise(waypoints):
        n = max(2, int(np.hypot(b.lat - a.lat, b.lon - a.lon) / (mali.resolution / 4)))
        for t in np.linspace(0.0, 1.0, n):
            flat = mali.cell_of(a.lat + t * (b.lat - a.lat), a.lon + t * (b.lon - a.lon))
            flat = _snap_inside(flat, mali.inside)
            if not cells or cells[-1] != flat:
                cells.append(flat)
    path = np.array(cells, dtype=np.int64)
    lat, lon = mali.cell_centres()
    plat, plon = lat.ravel()[path], lon.ravel()[path]
    steps = distance_km(plat[:-1], plon[:-1], plat[1:], plon[1:])
    return path, np.concatenate([[0.0], np.cumsum(steps)])


def _places(rows: list[dict[str, str]], frame: MaliMap) -> dict[str, Place]:
    out = {}
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        cell = _snap_inside(frame.cell_of(lat, lon), frame.inside)
        out[row["name"]] = Place(row["name"], row["kind"], lat, lon, cell)
    return out


def corridor_reach_index(mali: MaliMap, corridor: Corridor) -> np.ndarray:
    """For every cell, the first path position of the corridor within one cell of it, else -1."""
    rows, cols = mali.shape
    index = np.full(rows * cols, -1, dtype=np.int64)
    for k, flat in enumerate(corridor.cells):
        r, c = divmod(int(flat), cols)
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                rr, cc = r + dr, c + dc
                if 0 <= rr < rows and 0 <= cc < cols and index[rr * cols + cc] < 0:
                    index[rr * cols + cc] = k
    return index


@functools.cache
def mine_output() -> dict[str, tuple[float, bool]]:
    """Gold output (t/year) and whether industrial, by mine name (model/data/mines.csv)."""
    return {r["name"]: (float(r["gold_t_per_year"]), r["industrial"] == "1")
            for r in _read_csv("mines.csv")}


@functools.lru_cache(maxsize=8)
def build_map(resolution: float = 0.2) -> MaliMap:
    """Rasterise the border ring and lay the places, regions, population and corridors on it."""
    rows = _read_csv("mali_places.csv")
    ring = np.array([(float(r["lon"]), float(r["lat"])) for r in rows if r["kind"] == "border_vertex"])
    lat_north, lon_west, n_rows, n_cols = _grid_frame(ring, resolution)
    frame = MaliMap(resolution, lat_north, lon_west, np.zeros((n_rows, n_cols), bool),
                    np.zeros((n_rows, n_cols)), np.zeros((n_rows, n_cols), np.int16), (),
                    (), (), (), (), (), {}, 0, ring)
    lat, lon = frame.cell_centres()
    inside = points_in_polygon(lat, lon, ring)
    frame = MaliMap(**{**frame.__dict__, "inside": inside})
    in_mali = points_in_polygon(np.array([float(r["lat"]) for r in rows]),
                                np.array([float(r["lon"]) for r in rows]), ring)
    kept = [r for r, ok in zip(rows, in_mali, strict=True)
            if r["kind"] != "border_vertex" and (ok or r["kind"] == "border_crossing")]
    places = _places(kept, frame)
    capital = next(p for p in places.values() if p.kind == "capital")
    regions = _read_csv("regions.csv")
    region = _assign_regions(lat, lon, regions, places, capital.cell)
    towns = tuple(p for p in places.values() if p.kind in ("town", "capital"))
    population = _spread_population(lat, lon, inside, region, regions, list(towns), capital.cell)
    mali = MaliMap(
        resolution=resolution, lat_north=lat_north, lon_west=lon_west, inside=inside,
        population=population, region=region, region_names=tuple(r["region"] for r in regions),
        region_jnim_presence=tuple(float(r["jnim_presence"]) for r in regions),
        region_other_groups=tuple(float(r["other_groups_share"]) for r in regions),
        towns=towns,
        crossings=tuple(p for p in places.values() if p.kind == "border_crossing"),
        mines=tuple(p for p in places.values() if p.kind == "mine"),
        corridors={}, capital_cell=capital.cell, border_lonlat=ring,
    )
    corridors = {}
    for row in _read_csv("corridors.csv"):
        waypoints = [places[name] for name in row["waypoints"].split(";")]
        cells, km = _corridor_path(waypoints, mali)
        corridors[row["corridor"]] = Corridor(row["corridor"], row["kind"],
                                              float(row["fuel_share"]), cells, km)
    mali.corridors.update(corridors)
    for layer in (inside, population, region):
        layer.setflags(write=False)
    return mali
