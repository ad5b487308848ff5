"""Calibration files (experiments/calibration*.toml): priors, targets and ABC-SMC settings, checked before any run.

A spec names the parameters to calibrate with a uniform prior inside the parameter table's
range, the targets (a summary statistic of a run, the observed value and a tolerance), and how
the ABC-SMC runs. Each problem is one :class:`CalibrationSpecError` line naming what is wrong
and what is allowed.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import math
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from model.sweep.contract import ContractError, ModelContract
from model.sweep.spec import SpecError, plain_name, required

TOP_KEYS = {"name", "scenario", "horizon_days", "root_seed", "abc", "priors", "targets", "predictive"}
ABC_KEYS = {"population", "max_generations", "minimum_epsilon", "quantile", "max_simulations", "transition"}
TRANSITIONS = ("local", "global")
"""pyabc's perturbation kernels: a normal around each particle with the covariance of its nearest
neighbours (``LocalTransition``, Filippi et al. 2013; it keeps the weights even in several
dimensions) or with the whole population's (``MultivariateNormalTransition``)."""
TARGET_KEYS = {"statistic", "observed", "tolerance", "bound", "source"}
BOUNDS = ("two-sided", "lower", "upper")
"""How a run's statistic is compared with the observed value: either side, or only below (the fact
is a lower bound: "more than 100 tankers"), or only above."""


class CalibrationSpecError(SpecError):
    """A calibration file that cannot run; the message says what is wrong and what is allowed.

    A kind of the sweep engine's :class:`SpecError`, whose checks of a name and of a required key
    the calibration shares (they raise that one).
    """


@dataclass(frozen=True)
class Simulator:
    """What a calibration runs: a model's contract, and the function that reports a run's statistics.

    Attributes:
        contract: the model's declaration (parameter ranges, scenarios, fingerprint).
        function: ``module:function``, ``function(params, seed, horizon_days, names) -> {name: value}``,
            importable by worker processes.
        statistics: the statistics ``function`` can report, each with the last day it reads.

    """

    contract: ModelContract
    function: str
    statistics: Mapping[str, int]


@dataclass(frozen=True)
class Target:
    """An observed fact the runs must reproduce within a tolerance."""

    statistic: str
    observed: float
    tolerance: float
    bound: str = "two-sided"
    source: str = ""

    def discrepancy(self, value: float) -> float:
        """How far a run's value is from the fact, in tolerances (0 inside a one-sided bound; inf for NaN)."""
        if value is None or math.isnan(value):
            return math.inf
        gap = value - self.observed
        if self.bound == "lower":
            gap = min(gap, 0.0)
        elif self.bound == "upper":
            gap = max(gap, 0.0)
        return abs(gap) / self.tolerance


@dataclass(frozen=True)
class AbcSettings:
    """ABC-SMC: particles per generation, when to stop, and the epsilon schedule's quantile."""

    population: int = 200
    max_generations: int = 8
    minimum_epsilon: float = 1.0
    quantile: float = 0.5
    max_simulations: int = 50_000
    transition: str = "local"


@dataclass(frozen=True)
class CalibrationSpec:
    """A validated calibration: what to run, against which facts, and how."""

    name: str
    scenario: str
    horizon_days: int
    root_seed: int
    priors: dict[str, tuple[float, float]]
    targets: tuple[Target, ...]
    abc: AbcSettings = field(default_factory=AbcSettings)
    predictive_runs: int = 100
    scenario_overrides: dict[str, Any] = field(default_factory=dict)
    integers: tuple[str, ...] = ()
    code: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Everything that determines the calibration's results, as plain JSON."""
        record = asdict(self)
        record["priors"] = {k: list(v) for k, v in self.priors.items()}
        record["targets"] = [asdict(t) for t in self.targets]
        return record

    def fingerprint(self) -> str:
        """Hash of the spec and the model's code (16 hex digits): a directory is resumed only by the same."""
        return hashlib.sha256(json.dumps(self.as_dict(), sort_keys=True).encode()).hexdigest()[:16]

    def run_params(self, theta: Mapping[str, float]) -> dict[str, Any]:
        """Overrides of one run: the scenario's, then the calibrated parameters (integers rounded)."""
        values = {name: (round(float(v)) if name in self.integers else float(v)) for name, v in theta.items()}
        return {**self.scenario_overrides, **values}


def load_calibration_spec(path: Path, simulator: Simulator) -> CalibrationSpec:
    """Read and validate a calibration file.

    Raises:
        CalibrationSpecError: the file is missing, not UTF-8 TOML, or not a valid calibration.

    """
    path = Path(path)
    if path.is_dir():
        raise CalibrationSpecError(f"{path}: is a directory, not a calibration file")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CalibrationSpecError(f"{path}: no such calibration file") from None
    except UnicodeDecodeError:
        raise CalibrationSpecError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise CalibrationSpecError(f"{path}: not valid TOML ({error})") from None
    return parse_calibration_spec(raw, simulator)


def parse_calibration_spec(raw: dict[str, Any], simulator: Simulator) -> CalibrationSpec:
    """Validate a calibration already read from TOML (see :func:`load_calibration_spec`)."""
    unknown = set(raw) - TOP_KEYS
    if unknown:
        raise CalibrationSpecError(f"unknown key(s) {', '.join(sorted(unknown))}; "
                                   f"allowed: {', '.join(sorted(TOP_KEYS))}")
    contract = simulator.contract
    name = plain_name(required(raw, "name", str))
    scenario = raw.get("scenario", contract.default_scenario)
    if scenario not in contract.scenarios:
        raise CalibrationSpecError(f"unknown scenario {scenario!r}; allowed: {', '.join(contract.scenarios)}")
    horizon = _whole(raw, "horizon_days", low=1)
    targets = _targets(raw.get("targets"), simulator, horizon)
    priors = _priors(raw.get("priors"), contract)
    return CalibrationSpec(
        name=name, scenario=scenario, horizon_days=horizon, root_seed=_whole(raw, "root_seed", low=0),
        priors=priors, targets=targets, abc=_abc(raw.get("abc", {})),
        predictive_runs=_whole(raw.get("predictive", {}), "runs", low=1, default=100, where="[predictive] "),
        scenario_overrides=dict(contract.scenarios[scenario]),
        integers=tuple(n for n in priors if contract.parameters[n].integer),
        code=f"{contract.fingerprint()}-{module_digest(simulator.function)}")


def module_digest(function: str) -> str:
    """Hash of the source of the module that defines a simulator's statistics (they change what is matched)."""
    spec = importlib.util.find_spec(function.partition(":")[0])
    source = Path(spec.origin).read_bytes() if spec and spec.origin else function.encode()
    return hashlib.sha256(source).hexdigest()[:8]


def _whole(raw: dict[str, Any], key: str, low: int, default: int | None = None, where: str = "") -> int:
    """A whole number ≥ ``low`` (required unless it has a default)."""
    if not isinstance(raw, dict):
        raise CalibrationSpecError(f"{where.strip() or key} must be a table")
    value = raw.get(key, default)
    if value is None:
        raise CalibrationSpecError(f"missing {where}{key!r} (a whole number ≥ {low})")
    if isinstance(value, bool) or not isinstance(value, int) or value < low:
        raise CalibrationSpecError(f"{where}{key} = {value!r}: must be a whole number ≥ {low}")
    return value


def _number(value: Any, what: str) -> float:
    """A finite number (not a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CalibrationSpecError(f"{what} = {value!r}: must be a finite number")
    return float(value)


def _priors(priors: Any, contract: ModelContract) -> dict[str, tuple[float, float]]:
    """Uniform priors [low, high], each inside the parameter table's range."""
    if not isinstance(priors, dict) or not priors:
        raise CalibrationSpecError("[priors] must be a non-empty table of name = [low, high]")
    checked = {}
    for name, pair in priors.items():
        if name not in contract.parameters:
            raise CalibrationSpecError(f"[priors] unknown parameter {name!r}; `mali-abm params` lists the names "
                                       "(a calibrated parameter must have a numeric range)")
        if not isinstance(pair, list) or len(pair) != 2:
            raise CalibrationSpecError(f"[priors] {name} = {pair!r}: must be [low, high]")
        low, high = (_number(v, f"[priors] {name}") for v in pair)
        legal = contract.parameters[name]
        if not low < high:
            raise CalibrationSpecError(f"[priors] {name} = {pair!r}: must be [low, high] with low < high")
        for value in (low, high):
            try:
                contract.coerce(name, int(value) if legal.integer and value.is_integer() else value)
            except ContractError as error:
                raise CalibrationSpecError(f"[priors] {name} = {pair!r}: outside the table's range ({error})") from None
        checked[name] = (low, high)
    return checked


def _targets(targets: Any, simulator: Simulator, horizon: int) -> tuple[Target, ...]:
    """The observed facts, each on a statistic the simulator reports, within the horizon."""
    if not isinstance(targets, list) or not targets or not all(isinstance(t, dict) for t in targets):
        raise CalibrationSpecError("give at least one [[targets]] table (statistic, observed, tolerance)")
    checked = []
    for k, raw in enumerate(targets, start=1):
        where = f"[[targets]] #{k}"
        unknown = set(raw) - TARGET_KEYS
        if unknown:
            raise CalibrationSpecError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; "
                                       f"allowed: {', '.join(sorted(TARGET_KEYS))}")
        statistic = raw.get("statistic")
        if statistic not in simulator.statistics:
            raise CalibrationSpecError(f"{where}: unknown statistic {statistic!r}; allowed: "
                                       f"{', '.join(sorted(simulator.statistics))}")
        if simulator.statistics[statistic] > horizon:
            raise CalibrationSpecError(f"{where}: {statistic} reads day {simulator.statistics[statistic]}, "
                                       f"beyond horizon_days = {horizon}")
        observed = _number(raw.get("observed"), f"{where} observed")
        tolerance = _number(raw.get("tolerance"), f"{where} tolerance")
        if tolerance <= 0:
            raise CalibrationSpecError(f"{where} tolerance = {raw['tolerance']!r}: must be > 0")
        bound = raw.get("bound", "two-sided")
        if bound not in BOUNDS:
            raise CalibrationSpecError(f"{where} bound = {bound!r}: allowed: {', '.join(BOUNDS)}")
        checked.append(Target(statistic, observed, tolerance, bound, str(raw.get("source", ""))))
    names = [t.statistic for t in checked]
    if len(set(names)) != len(names):
        raise CalibrationSpecError("[[targets]]: each statistic may be targeted once")
    return tuple(checked)


def _abc(raw: Any) -> AbcSettings:
    """The [abc] table, defaults for what it leaves out."""
    if not isinstance(raw, dict):
        raise CalibrationSpecError("[abc] must be a table")
    unknown = set(raw) - ABC_KEYS
    if unknown:
        raise CalibrationSpecError(f"[abc]: unknown key(s) {', '.join(sorted(unknown))}; "
                                   f"allowed: {', '.join(sorted(ABC_KEYS))}")
    defaults = AbcSettings()
    quantile = _number(raw.get("quantile", defaults.quantile), "[abc] quantile")
    if not 0 < quantile < 1:
        raise CalibrationSpecError(f"[abc] quantile = {quantile!r}: must be in (0, 1)")
    epsilon = _number(raw.get("minimum_epsilon", defaults.minimum_epsilon), "[abc] minimum_epsilon")
    if epsilon <= 0:
        raise CalibrationSpecError(f"[abc] minimum_epsilon = {epsilon!r}: must be > 0 (in tolerances)")
    transition = raw.get("transition", defaults.transition)
    if transition not in TRANSITIONS:
        raise CalibrationSpecError(f"[abc] transition = {transition!r}: allowed: {', '.join(TRANSITIONS)}")
    return AbcSettings(
        transition=transition, population=_whole(raw, "population", low=2, default=defaults.population, where="[abc] "),
        max_generations=_whole(raw, "max_generations", low=1, default=defaults.max_generations, where="[abc] "),
        minimum_epsilon=epsilon, quantile=quantile,
        max_simulations=_whole(raw, "max_simulations", low=1, default=defaults.max_simulations, where="[abc] "))
