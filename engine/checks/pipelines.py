"""Parameter space of a model pipeline: qualified names, parsing with units, state building.

A pipeline's settable parameters are the ``PARAMETERS`` of its models, named ``model.param``
(``double_layer.remanent_polarization``). An unqualified name (``temperature``) sets the
parameter in every model of the pipeline that declares it, so shared physics stays consistent.
Values are numbers in the parameter's SI unit or quantities with a unit ("10 mA/cm**2").
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from simulator.parameters import Parameter, ParameterError, to_si
from simulator.registry import get_model


def model_module(name: str):
    """A simulator model by registry name (or by module name while it is not yet registered)."""
    try:
        return get_model(name)
    except KeyError:
        import importlib
        try:
            return importlib.import_module(f"simulator.{name}")
        except ImportError:
            raise CheckError(f"pipeline names model '{name}', which the simulator does not have") from None


class CheckError(ValueError):
    """A chain, parameter or binding is malformed; the message names what is allowed."""


@dataclass(frozen=True)
class Pipeline:
    name: str
    description: str
    models: tuple[str, ...]
    evaluate: Callable[[dict[str, float]], dict[str, object]]
    computed: frozenset[str] = frozenset()      # qualified inputs the pipeline sets itself
    extra: tuple[Parameter, ...] = ()           # pipeline-level parameters, named "pipeline.param"
    own_only: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # model -> its own param names

    def table(self) -> dict[str, Parameter]:
        """Qualified name -> Parameter of every settable input."""
        out: dict[str, Parameter] = {}
        for m in self.models:
            mod = model_module(m)
            params = getattr(mod, "OWN_PARAMETERS", mod.PARAMETERS) if m in self.own_only else mod.PARAMETERS
            for p in params:
                q = f"{m}.{p.name}"
                if q not in self.computed:
                    out[q] = p
        for p in self.extra:
            out[f"{self.name}.{p.name}"] = p
        return out


def parse_value(name: str, param: Parameter, value: object) -> float:
    """A checked float in the parameter's SI unit from a number or a 'number unit' string."""
    try:
        return to_si(param, value, name)
    except ParameterError as exc:
        raise CheckError(str(exc)) from None


def qualify(pipeline: Pipeline, name: str) -> list[str]:
    """Qualified names a user-given name stands for (unqualified: every model declaring it)."""
    table = pipeline.table()
    if name in table:
        return [name]
    hits = [q for q in table if q.split(".", 1)[1] == name]
    if not hits:
        computed = [q for q in pipeline.computed if q.split(".", 1)[1] == name or q == name]
        why = f" ('{computed[0]}' is computed by the pipeline from upstream models)" if computed else ""
        raise CheckError(f"unknown parameter '{name}' for pipeline '{pipeline.name}'{why}; allowed: "
                         f"{', '.join(sorted(table))} (or their unqualified names)")
    return hits


def parse_params(pipeline: Pipeline, params: Mapping[str, object] | None) -> dict[str, float]:
    """User overrides into qualified SI floats, each checked against its range."""
    table = pipeline.table()
    out: dict[str, float] = {}
    for name, value in (params or {}).items():
        if not isinstance(name, str) or not name.strip():
            raise CheckError(f"parameter names must be non-empty strings, got {name!r}")
        for q in qualify(pipeline, name.strip()):
            out[q] = parse_value(q, table[q], value)
    return out


def parse_setting(pipeline: Pipeline, text: str) -> dict[str, float]:
    """'name=value' of a binding (off state, scenario) into qualified floats."""
    if "=" not in text:
        raise CheckError(f"binding setting '{text}' must be NAME=VALUE")
    k, v = (s.strip() for s in text.split("=", 1))
    return parse_params(pipeline, {k: v})


def split_by_model(params: Mapping[str, float]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for q, v in params.items():
        m, p = q.split(".", 1)
        out.setdefault(m, {})[p] = v
    return out


def default_of(pipeline: Pipeline, qualified: str) -> float:
    table = pipeline.table()
    if qualified not in table:
        raise CheckError(f"binding names parameter '{qualified}', not an input of pipeline '{pipeline.name}'; "
                         f"allowed: {', '.join(sorted(table))}")
    return float(table[qualified].default)
