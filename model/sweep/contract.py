"""What the sweep engine knows about a model: one declaration, in the spirit of EMA Workbench's ``Model``.

A model declares once its run function, how to check a parameter value, the parameters a
design may sample, its named scenarios, its events and the fingerprint of the code and data
that make its numbers. The engine reads nothing else about it, so it imports nothing of the
model, not even by name: the host hands its contract in (``mali-abm``'s CLI does), a spec names
one (``function = "module:CONTRACT"``), or names a bare run function, which gets a contract that
declares nothing (no parameter table, no scenarios, no events). A spec that names no model, read
by a caller that hands in none, is refused.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RunFunction = Callable[[dict, int, int], dict]


class ContractError(ValueError):
    """A parameter name or value the model does not accept, or a contract that cannot be found."""


@dataclass(frozen=True)
class Event:
    """Something that happens at most once in a run, on a day: its probability and timing are summarised.

    Attributes:
        name: the stem of the summary's columns (``p_NAME``, ``median_NAME_day``, ``cif_NAME_dD``).
        flag: the record field that is true when it happened.
        day: the record field that gives the day it happened (empty when it did not).
        ends_run: whether the run stops there; such an event competes with every other one in the
            cumulative incidences (after it, nothing else can happen).

    """

    name: str
    flag: str
    day: str
    ends_run: bool = False

    def as_dict(self) -> dict[str, Any]:
        """The event as stored in a sweep directory's spec.json."""
        return {"name": self.name, "flag": self.flag, "day": self.day, "ends_run": self.ends_run}


@dataclass(frozen=True)
class ParameterRange:
    """A parameter a design may sample: its legal range, and whether it takes whole numbers only."""

    low: float | None
    high: float | None
    integer: bool = False


def accept_any(name: str, value: Any) -> Any:
    """The check of a model that declares no parameter table: every name and value as given."""
    return value


@dataclass(frozen=True)
class ModelContract:
    """A model as the sweep engine sees it.

    Attributes:
        name: what messages call the model.
        run: ``run(params, seed, horizon_days) -> record``, a module-level function (workers import it
            by name, so it must be picklable by reference).
        fingerprint: returns the hash of the code and data that make the model's numbers; a sweep
            directory made under another hash is never resumed.
        coerce: ``coerce(name, value) -> value``: checks and converts one parameter value, raising
            :class:`ContractError` with a one-line message (an unknown name included).
        parameters: name -> range of the parameters a [design] may sample (integers are rounded).
        scenarios: name -> parameter overrides, applied under a spec's [fixed] and its points.
        default_scenario: the scenario of a spec that names none (None: a spec may not name one).
        events: what the summaries count; at least one is needed for a stopping rule.

    """

    name: str
    run: RunFunction
    fingerprint: Callable[[], str]
    coerce: Callable[[str, Any], Any] = accept_any
    parameters: Mapping[str, ParameterRange] = field(default_factory=dict)
    scenarios: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    default_scenario: str | None = None
    events: tuple[Event, ...] = ()

    def __post_init__(self):
        qualname = getattr(self.run, "__qualname__", "")
        if not qualname or "." in qualname or getattr(self.run, "__module__", "__main__") == "__main__":
            raise ContractError(f"{self.name}: the run function must be defined at the top of an importable module")
        if self.default_scenario is not None and self.default_scenario not in self.scenarios:
            raise ContractError(f"{self.name}: default scenario {self.default_scenario!r} is not declared")
        if len({e.name for e in self.events}) != len(self.events):
            raise ContractError(f"{self.name}: two events share a name")

    @property
    def function(self) -> str:
        """``module:callable`` of the run function: how workers find it, and what spec.json records."""
        return f"{self.run.__module__}:{self.run.__qualname__}"

    def is_integer(self, name: str) -> bool:
        """Whether a design must round this parameter to a whole number."""
        declared = self.parameters.get(name)
        return declared is not None and declared.integer


def resolve(path: str) -> Any:
    """The object ``module:attribute`` names.

    Raises:
        ContractError: not of that form, or nothing to import there.

    """
    module_name, _, attribute = path.partition(":")
    if not module_name or not attribute:
        raise ContractError(f"function {path!r} must be of the form module:callable")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise ContractError(f"function {path!r}: cannot import it ({error})") from None


def load_contract(path: str) -> ModelContract:
    """The contract ``module:attribute`` names: a :class:`ModelContract`, or a bare run function's.

    Raises:
        ContractError: the path names neither.

    """
    target = resolve(path)
    if isinstance(target, ModelContract):
        return target
    if callable(target):
        return declared_contract(target) or bare_contract(target)
    raise ContractError(f"function {path!r} is neither a ModelContract nor a callable")


def declared_contract(run: RunFunction) -> ModelContract | None:
    """The contract a package declares for this run function, named by another path.

    A package that declares its contract does so in ``PACKAGE.contract``, beside the function's
    module (as ``model.contract`` declares ``MALI`` beside ``model.run``). A spec that names the
    package's run function directly (``model.run:run_one``) is then checked against that
    contract's parameters, scenarios and events, and runs the named function: as a bare function
    it would accept any parameter, and every run would fail instead of the spec being refused.
    """
    module_name = run.__module__
    module = importlib.import_module(module_name)
    package = module_name if hasattr(module, "__path__") else module_name.rpartition(".")[0]
    if not package:
        return None
    try:
        module = importlib.import_module(f"{package}.contract")
    except ImportError:
        return None
    contracts = [c for c in vars(module).values() if isinstance(c, ModelContract)]
    if len(contracts) != 1:
        return None
    return dataclasses.replace(contracts[0], name=f"{contracts[0].name} ({run.__module__}:{run.__qualname__})",
                               run=run)


def bare_contract(run: RunFunction) -> ModelContract:
    """A function that declares nothing: any parameter, no scenario, no event, its package's fingerprint."""
    module = run.__module__
    return ModelContract(name=f"{module}:{run.__qualname__}", run=run,
                         fingerprint=functools.partial(package_fingerprint, module))


@functools.cache
def package_fingerprint(module_name: str) -> str:
    """Hash of the source and data files of the whole package a module belongs to.

    A bare function cannot say which of its package's files make its numbers, so all count. A
    module that is not in a package counts its own file and the modules beside it that are
    imported (its helpers): the rest of the folder it sits in (a user's scratch folder, say) holds
    other things, whose changes must not make its sweeps stale.
    """
    top = importlib.import_module(module_name.split(".")[0])
    if hasattr(top, "__path__"):
        root = Path(next(iter(top.__path__)))
        files = sorted(root.rglob("*"))
    else:
        root = Path(top.__file__).resolve().parent
        loaded = {Path(m.__file__).resolve() for m in list(sys.modules.values()) if getattr(m, "__file__", None)}
        files = sorted(path for path in loaded if path.parent == root)
    digest = hashlib.sha256()
    for path in files:
        if path.suffix in (".py", ".csv", ".md", ".toml") and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
