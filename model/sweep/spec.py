"""Experiment files (experiments/*.toml): declared, validated, expanded into design points.

A spec is checked completely before anything runs; each problem is one ``SpecError`` line
naming what is wrong and what is allowed. Names and values are checked by the swept model's
contract (:mod:`model.sweep.contract`): the engine has no parameter table of its own.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.sweep.contract import ContractError, Event, ModelContract, load_contract

TOP_KEYS = {"name", "scenario", "horizon_days", "root_seed", "replicates", "stopping", "grid",
            "fixed", "design", "ranges", "function", "posterior"}
POSTERIOR_KEYS = {"file", "runs_per_draw"}
STOPPING_KEYS = {"ci_halfwidth", "max_replicates", "min_replicates"}
DESIGN_KEYS = {"method", "n", "levels"}
DESIGN_METHODS = ("lhs", "sobol", "morris")
TABLES = ("stopping", "grid", "fixed", "design", "ranges", "posterior")
"""Keys whose value must be a TOML table."""

# Limits: what one sweep may ask for. A run preallocates its daily series (232 bytes a day), a plan
# holds every point in memory, and status and summarize read every record; these keep a spec that
# asks for 10^7 days, points or replicates from sitting silent for minutes or exhausting memory.
MAX_HORIZON_DAYS = 3650
"""Ten years from day 0: the model's question is about the next two."""
MAX_POINTS = 100_000
MAX_REPLICATES = 100_000
MAX_RUNS = 10_000_000


class SpecError(ValueError):
    """An experiment file that cannot run; the message says what is wrong and what is allowed."""


@dataclass(frozen=True)
class Stopping:
    """Sequential stopping: add replicates to a point until both intervals are narrow enough."""

    ci_halfwidth: float
    max_replicates: int
    min_replicates: int


@dataclass(frozen=True)
class SweepSpec:
    """A validated experiment: what to run, where, how often.

    What it needs of the model's contract is copied in when the spec is parsed (the run
    function's name, the scenario's overrides, the events, the code fingerprint), so a spec
    can be stored, compared and rebuilt from its directory without the contract.
    """

    name: str
    horizon_days: int
    root_seed: int
    points: list[dict[str, Any]]
    function: str
    scenario: str | None = None
    replicates: int | None = None
    stopping: Stopping | None = None
    fixed: dict[str, Any] = field(default_factory=dict)
    scenario_overrides: dict[str, Any] = field(default_factory=dict)
    events: tuple[Event, ...] = ()
    code: str = ""
    design: dict[str, Any] | None = None
    """A sampled design's method, levels, inputs and bounds, for its analysis (the points fix the runs)."""
    posterior: dict[str, Any] | None = None
    """A [posterior]'s file, fingerprint, runs per draw and the parameter sets drawn from it (one per
    ``runs_per_draw`` replicates, the same at every point)."""

    @property
    def max_replicates(self) -> int:
        """Replicates per point at most (the fixed count, or the stopping rule's cap)."""
        return self.replicates if self.replicates is not None else self.stopping.max_replicates

    def run_params(self, point: dict[str, Any], replicate: int | None = None) -> dict[str, Any]:
        """Arguments of one run at a point: the scenario's overrides, the replicate's posterior draw, fixed, the point.

        What the user sets ([fixed], the point) wins over the posterior's draw of the same parameter.
        """
        drawn = {}
        if self.posterior is not None and replicate is not None:
            drawn = self.posterior["draws"][replicate // self.posterior["runs_per_draw"]]
        return {**self.scenario_overrides, **drawn, **self.fixed, **point}

    def fingerprint(self) -> str:
        """Hash of everything that determines the runs' results (not the executor).

        It includes the model's code fingerprint (as its contract computes it), so a sweep
        directory made by another version of the model is never resumed with this one, and the
        events, which the stopping rule watches.
        """
        canonical = {"name": self.name, "horizon_days": self.horizon_days, "root_seed": self.root_seed,
                     "points": self.points, "scenario": self.scenario, "replicates": self.replicates,
                     "stopping": None if self.stopping is None else self.stopping.__dict__,
                     "fixed": self.fixed, "function": self.function, "code": self.code,
                     "events": [e.as_dict() for e in self.events]}
        if self.posterior is not None:  # absent otherwise, so that sweeps without one keep their fingerprints
            canonical["posterior"] = self.posterior
        text = json.dumps(canonical, sort_keys=True, default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def load_spec(path: Path, function: str | None = None, default: ModelContract | None = None) -> SweepSpec:
    """Read and validate an experiment file.

    Raises:
        SpecError: the file is missing, not TOML, or not a valid experiment.

    """
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(f"{path}: no such experiment file") from None
    except IsADirectoryError:
        raise SpecError(f"{path}: is a directory; give an experiment file (TOML)") from None
    except UnicodeDecodeError:
        raise SpecError(f"{path}: not a text file in UTF-8; an experiment file is TOML") from None
    except OSError as error:
        raise SpecError(f"{path}: cannot be read ({error.strerror})") from None
    except tomllib.TOMLDecodeError as error:
        raise SpecError(f"{path}: not valid TOML ({error})") from None
    return parse_spec(raw, function, default)


def parse_spec(raw: dict[str, Any], function: str | None = None, default: ModelContract | None = None) -> SweepSpec:
    """Validate a spec already read from TOML (see :func:`load_spec`).

    Args:
        raw: the spec's tables.
        function: ``module:attribute`` of the model to sweep (a contract or a bare run function);
            it overrides the spec's own ``function`` key.
        default: the caller's own model, swept when neither ``function`` nor the spec names one.

    Raises:
        SpecError: the spec is not a valid experiment of its model, or no model is named at all.

    """
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise SpecError(f"unknown key(s) {', '.join(sorted(unknown))}; allowed: {', '.join(sorted(TOP_KEYS))}")
    for key in TABLES:
        if key in raw and not isinstance(raw[key], dict):
            raise SpecError(f"{key} = {raw[key]!r}: must be a table ([{key}] with name = value lines)")
    contract = _contract(function or raw.get("function"), default)
    name = plain_name(required(raw, "name", str))
    horizon = required(raw, "horizon_days", int)
    if not 0 < horizon <= MAX_HORIZON_DAYS:
        raise SpecError(f"horizon_days = {horizon}: must be a whole number of days in 1..{MAX_HORIZON_DAYS}")
    root_seed = required(raw, "root_seed", int)
    if root_seed < 0:
        raise SpecError(f"root_seed = {root_seed}: must be a whole number ≥ 0")
    replicates, stopping = _replication(raw)
    if stopping is not None and not contract.events:
        raise SpecError(f"[stopping] watches the model's events, and {contract.name} declares none; "
                        "give replicates = N")
    scenario = _scenario(raw, contract)
    fixed = _check_params(raw.get("fixed", {}), "fixed", contract)
    points = _design_points(raw, root_seed, contract)
    both = sorted(set(fixed) & set(points[0]))
    if both:
        raise SpecError(f"{', '.join(both)}: given in [fixed] and swept by the design; give each parameter in one")
    cap = replicates if replicates is not None else stopping.max_replicates
    if len(points) * cap > MAX_RUNS:
        raise SpecError(f"{len(points):,} points × {cap:,} replicates = {len(points) * cap:,} runs: at most "
                        f"{MAX_RUNS:,} in one sweep; split it")
    return SweepSpec(name=name, horizon_days=horizon, root_seed=root_seed, points=points,
                     scenario=scenario, replicates=replicates, stopping=stopping, fixed=fixed,
                     function=contract.function, scenario_overrides=dict(contract.scenarios.get(scenario, {})),
                     events=contract.events, code=contract.fingerprint(), design=_design_record(raw),
                     posterior=_posterior(raw.get("posterior"), contract, cap, root_seed))


def _posterior(table: Any, contract: ModelContract, replicates: int, root_seed: int) -> dict[str, Any] | None:
    """The parameter sets a [posterior] gives the replicates: one draw per ``runs_per_draw`` of them.

    Raises:
        SpecError: not a table, an unknown key, a file that is not a posterior, one made by another
            version of the model, or a parameter the model refuses.

    """
    if table is None:
        return None
    from model.sweep.posterior import PosteriorError, draws, read_posterior

    if not isinstance(table, dict):
        raise SpecError('[posterior] must be a table: file = "results/calibration/NAME/posterior.parquet"')
    unknown = set(table) - POSTERIOR_KEYS
    if unknown:
        raise SpecError(f"unknown key(s) in [posterior]: {', '.join(sorted(unknown))}; allowed: file, runs_per_draw")
    file, per_draw = table.get("file"), table.get("runs_per_draw", 2)
    if not isinstance(file, str):
        raise SpecError(f"[posterior] file = {file!r}: must be the path of a posterior file (a string)")
    if isinstance(per_draw, bool) or not isinstance(per_draw, int) or per_draw < 1:
        raise SpecError(f"[posterior] runs_per_draw = {per_draw!r}: must be a whole number ≥ 1")
    try:
        frame, meta = read_posterior(Path(file))
    except PosteriorError as error:
        raise SpecError(f"[posterior] {error}") from None
    made_by = str(meta.get("code", "")).split("-")[0]
    if made_by != contract.fingerprint():
        raise SpecError(f"[posterior] {file}: made by another version of {contract.name} (code {made_by}, now "
                        f"{contract.fingerprint()}); run its calibration again")
    sets = draws(frame, -(-replicates // per_draw), root_seed)
    try:
        sets = [{name: contract.coerce(name, round(v) if contract.is_integer(name) else v) for name, v in s.items()}
                for s in sets]
    except ContractError as error:
        raise SpecError(f"[posterior] {file}: {error}") from None
    return {"file": file, "fingerprint": meta["fingerprint"], "runs_per_draw": per_draw, "draws": sets}


NAME_PATTERN = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")
"""A sweep's name becomes a folder name under results/sweeps/: a plain name, never a path."""


def plain_name(name: str) -> str:
    """The spec's name, if it is a plain name (no path, not hidden, at most 100 characters)."""
    if not NAME_PATTERN.fullmatch(name) or name in {".", ".."}:
        raise SpecError(f"name = {name!r}: must be a plain name of letters, digits, _ . - "
                        "(not starting with a dot, at most 100 characters)")
    return name


def _contract(function: str | None, default: ModelContract | None) -> ModelContract:
    """The model a spec sweeps: the one it names, else the caller's own (the engine has no default)."""
    if function is not None and not isinstance(function, str):
        raise SpecError(f"function = {function!r}: must be a string module:callable")
    if function is None:
        if default is None:
            raise SpecError("this spec names no model: give function = \"module:CONTRACT\" "
                            "(or a bare run function module:callable)")
        return default
    try:
        return load_contract(function)
    except ContractError as error:
        raise SpecError(str(error)) from None


def required(raw: dict[str, Any], key: str, kind: type) -> Any:
    """A required key of a spec, of a given type (not a boolean where a number is asked)."""
    if key not in raw:
        raise SpecError(f"missing {key!r} (a {kind.__name__})")
    value = raw[key]
    if not isinstance(value, kind) or isinstance(value, bool):
        raise SpecError(f"{key} = {value!r}: must be a {kind.__name__}")
    return value


def _replication(raw: dict[str, Any]) -> tuple[int | None, Stopping | None]:
    if ("replicates" in raw) == ("stopping" in raw):
        raise SpecError("give exactly one of 'replicates = N' or a [stopping] table")
    if "replicates" in raw:
        replicates = required(raw, "replicates", int)
        if not 1 <= replicates <= MAX_REPLICATES:
            raise SpecError(f"replicates = {replicates}: must be a whole number in 1..{MAX_REPLICATES:,}")
        return replicates, None
    table = raw["stopping"]
    unknown = set(table) - STOPPING_KEYS
    if unknown:
        raise SpecError(f"unknown key(s) in [stopping]: {', '.join(sorted(unknown))}; "
                        f"allowed: {', '.join(sorted(STOPPING_KEYS))}")
    half = table.get("ci_halfwidth")
    if not isinstance(half, int | float) or isinstance(half, bool) or not 0 < half < 0.5:
        raise SpecError(f"[stopping] ci_halfwidth = {half!r}: must be a number in (0, 0.5)")
    cap = table.get("max_replicates")
    if not isinstance(cap, int) or isinstance(cap, bool) or not 2 <= cap <= MAX_REPLICATES:
        raise SpecError(f"[stopping] max_replicates = {cap!r}: must be a whole number in 2..{MAX_REPLICATES:,}")
    start = table.get("min_replicates", min(30, cap))
    if not isinstance(start, int) or isinstance(start, bool) or not 1 <= start <= cap:
        raise SpecError(f"[stopping] min_replicates = {start!r}: must be a whole number in [1, {cap}]")
    return None, Stopping(float(half), cap, start)


def _scenario(raw: dict[str, Any], contract: ModelContract) -> str | None:
    if not contract.scenarios:
        if "scenario" in raw:
            raise SpecError(f"'scenario' applies to a model with named scenarios; {contract.name} declares none")
        return None
    scenario = raw.get("scenario", contract.default_scenario)
    if not isinstance(scenario, str) or scenario not in contract.scenarios:
        raise SpecError(f"unknown scenario {scenario!r}; allowed: {', '.join(contract.scenarios)}")
    return scenario


def _check_params(values: dict[str, Any], where: str, contract: ModelContract) -> dict[str, Any]:
    """Check names and values with the model's contract."""
    if not isinstance(values, dict):
        raise SpecError(f"[{where}] must be a table of name = value")
    out = {}
    for name, value in values.items():
        if name in contract.parameters and (isinstance(value, bool) or not _finite_number(value)):
            declared = contract.parameters[name]
            raise SpecError(f"[{where}] {name} = {value!r}: must be a finite number in "
                            f"[{declared.low:g}, {declared.high:g}]")
        try:
            out[name] = contract.coerce(name, value)
        except ContractError as error:
            raise SpecError(f"[{where}] {error}") from None
    return out


def _finite_number(value: Any) -> bool:
    """Whether a TOML value is a number other than inf and nan (TOML's true is not one)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _design_points(raw: dict[str, Any], root_seed: int, contract: ModelContract) -> list[dict[str, Any]]:
    has_grid, has_design = "grid" in raw, "design" in raw
    if has_grid == has_design:
        raise SpecError("give exactly one of a [grid] table or a [design] table (with [ranges])")
    if has_grid:
        return _grid_points(raw["grid"], contract)
    return _designed_points(raw["design"], raw.get("ranges"), root_seed, contract)


def _design_record(raw: dict[str, Any]) -> dict[str, Any] | None:
    """What an analysis of a sampled design needs: method, levels, the inputs in order and their bounds."""
    if "design" not in raw:
        return None
    ranges = raw["ranges"]
    return {"method": raw["design"]["method"], "n": raw["design"]["n"], "levels": raw["design"].get("levels", 4),
            "names": list(ranges), "bounds": [[float(low), float(high)] for low, high in ranges.values()]}


def _grid_points(grid: dict[str, Any], contract: ModelContract) -> list[dict[str, Any]]:
    if not isinstance(grid, dict) or not grid:
        raise SpecError("[grid] is empty; give at least one parameter = [values]")
    for name, values in grid.items():
        if not isinstance(values, list) or not values:
            raise SpecError(f"[grid] {name} = {values!r}: must be a non-empty list of values")
    size = math.prod(len(values) for values in grid.values())
    if size > MAX_POINTS:  # before the product is built: a 10^7-point grid would take minutes and gigabytes
        raise SpecError(f"[grid] has {size:,} points: at most {MAX_POINTS:,} in one sweep")
    checked = {name: [_check_params({name: v}, "grid", contract)[name] for v in values]
               for name, values in grid.items()}
    for name, values in checked.items():
        repeated = sorted({str(v) for v in values if values.count(v) > 1})
        if repeated:
            raise SpecError(f"[grid] {name} lists {', '.join(repeated)} more than once: each point would run twice")
    names = list(checked)
    return [dict(zip(names, combo, strict=True)) for combo in itertools.product(*checked.values())]


def _designed_points(design: dict[str, Any], ranges: dict[str, Any] | None, root_seed: int,
                     contract: ModelContract) -> list[dict[str, Any]]:
    unknown = set(design) - DESIGN_KEYS
    if unknown:
        raise SpecError(f"unknown key(s) in [design]: {', '.join(sorted(unknown))}; allowed: method, n, levels")
    method, n, levels = design.get("method"), design.get("n"), design.get("levels", 4)
    if method not in DESIGN_METHODS:
        raise SpecError(f"[design] method = {method!r}: allowed: {', '.join(DESIGN_METHODS)}")
    if not isinstance(n, int) or isinstance(n, bool) or n < 1:
        raise SpecError(f"[design] n = {n!r}: must be a whole number ≥ 1")
    if "levels" in design and method != "morris":
        raise SpecError(f"[design] levels: only a Morris design has levels (method = {method!r})")
    if not isinstance(levels, int) or isinstance(levels, bool) or levels < 2 or levels % 2:
        raise SpecError(f"[design] levels = {levels!r}: must be an even whole number ≥ 2")
    if method == "sobol" and n & (n - 1):
        raise SpecError(f"[design] n = {n}: a Sobol design needs a power of two (say {1 << (n.bit_length() - 1)} "
                        f"or {1 << n.bit_length()})")
    bounds = _ranges(ranges, contract)
    size = {"lhs": n, "sobol": n * (len(bounds) + 2), "morris": n * (len(bounds) + 1)}[method]
    if size > MAX_POINTS:
        raise SpecError(f"[design] {method} with n = {n} over {len(bounds)} inputs has {size:,} points: "
                        f"at most {MAX_POINTS:,} in one sweep")
    unit = _unit_sample(method, n, len(bounds), root_seed, list(bounds), levels)
    names = list(bounds)
    points = []
    for row in unit:
        point = {name: _scale(u, *bounds[name]) for name, u in zip(names, row, strict=True)}
        points.append({k: (round(v) if contract.is_integer(k) else v) for k, v in point.items()})
    return points


def _scale(u: float, low: float, high: float) -> float:
    """A unit coordinate as a value of [low, high], clipped.

    low + u (high − low) can round past high at u = 1 (0.3 + 1 × 0.6 = 0.9000000000000001, which
    the parameter table refuses).
    """
    return min(high, max(low, low + u * (high - low)))


def _ranges(ranges: dict[str, Any] | None, contract: ModelContract) -> dict[str, tuple[float, float]]:
    """Each design dimension's bounds; both ends must be legal values of the parameter."""
    if not isinstance(ranges, dict) or not ranges:
        raise SpecError("[design] needs a non-empty [ranges] table of name = [low, high]")
    bounds = {}
    for name, pair in ranges.items():
        if (not isinstance(pair, list) or len(pair) != 2
                or not all(_finite_number(x) for x in pair) or not pair[0] < pair[1]):
            raise SpecError(f"[ranges] {name} = {pair!r}: must be [low, high] with low < high")
        for value in pair:
            _check_params({name: value}, "ranges", contract)
        bounds[name] = (float(pair[0]), float(pair[1]))
    return bounds


def _unit_sample(method: str, n: int, dims: int, seed: int, names: list[str], levels: int = 4):
    """Points in the unit cube for a sampled design.

    scipy's Latin hypercube; SALib's Saltelli design for Sobol; or SALib's Morris trajectories
    (``n`` trajectories of ``dims`` + 1 points each, on a grid of ``levels``).
    """
    if method == "lhs":
        from scipy.stats import qmc

        return qmc.LatinHypercube(d=dims, seed=seed).random(n)
    problem = {"num_vars": dims, "names": names, "bounds": [[0.0, 1.0]] * dims}
    if method == "morris":
        from SALib.sample import morris

        return morris.sample(problem, n, num_levels=levels, seed=seed)
    from SALib.sample import sobol

    return sobol.sample(problem, n, calc_second_order=False, seed=seed)


def parse_spec_from_meta(meta: dict[str, Any], points_frame) -> SweepSpec:
    """Rebuild a spec from a sweep directory's spec.json and points (for ``status``: it runs nothing).

    Raises:
        SpecError: the directory was written by an engine that did not store the events.

    """
    stopping = Stopping(**meta["stopping"]) if meta.get("stopping") else None
    points = points_frame.drop(columns="point_id").to_dict("records")
    return SweepSpec(name=meta["name"], horizon_days=meta["horizon_days"], root_seed=meta["root_seed"],
                     points=points, scenario=meta.get("scenario"), replicates=meta.get("replicates"),
                     stopping=stopping, fixed=meta.get("fixed", {}), function=meta["function"],
                     events=stored_events(meta), code=meta.get("code", ""), posterior=meta.get("posterior"))


def stored_events(meta: dict[str, Any]) -> tuple[Event, ...]:
    """The events a sweep directory's spec.json declares.

    A spec.json without them was written by an engine older than the model contracts, whose spec
    fingerprints did not cover the events, so ``run`` refuses every such directory as stale; read
    as declaring no events, its summary would silently lose every event's columns, so it is refused.

    Raises:
        SpecError: spec.json stores no events.

    """
    if "events" not in meta:
        raise SpecError(f"sweep {meta.get('name', '?')!r} was written by an older version of the sweep engine "
                        "(its spec.json stores no events): run it again, --archive-stale moves it aside")
    return tuple(Event(**e) for e in meta["events"])
