"""All laws by id, cached derivations, elasticities and dimensional checks."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import sympy as sp

from . import diskcache
from . import (diffuse_layer, field_enhancement, kinetics, mechanics, nucleation, sand, sei_growth,
               sei_transport, solvation, space_charge, stability)
from .base import CONSTANTS, Derivation, Law
from .units import DimensionError, dim_of_unit, dim_str, dimension

_MODULES = (sand, space_charge, field_enhancement, sei_transport, sei_growth, diffuse_layer, solvation,
            kinetics, nucleation, mechanics, stability)


class UnknownLawError(KeyError):
    """No law has this id."""

    def __str__(self) -> str:  # KeyError quotes its argument; keep the message readable
        return str(self.args[0])


def _collect() -> dict[str, Law]:
    laws: dict[str, Law] = {}
    for mod in _MODULES:
        for law in mod.LAWS:
            if law.id in laws:
                raise ValueError(f"duplicate law id {law.id}")
            laws[law.id] = law
    return laws


LAWS: dict[str, Law] = _collect()


def list_laws() -> list[Law]:
    return list(LAWS.values())


def get_law(law_id: str) -> Law:
    try:
        return LAWS[law_id]
    except KeyError:
        raise UnknownLawError(f"unknown law {law_id!r}; known laws: {', '.join(sorted(LAWS))}") from None


@lru_cache(maxsize=None)
def derive(law_id: str) -> Derivation:
    """The law's derivation (computed once, then cached)."""
    law = get_law(law_id)
    d = diskcache.load("derivation", law_id)
    if d is not None:
        return d
    d = law.derive_fn()
    missing = set(law.outputs) - set(d.results)
    if missing:
        raise RuntimeError(f"derivation of {law_id} did not produce {sorted(missing)}")
    d.latex_names = law.latex_names()
    diskcache.store("derivation", law_id, d)
    return d


def expression(law_id: str, output: str) -> sp.Expr:
    law = get_law(law_id)
    if output not in law.outputs:
        raise KeyError(f"law {law_id} has outputs {law.outputs}, not {output!r}")
    return derive(law_id).results[output]


@dataclass(frozen=True)
class Elasticity:
    law: str
    output: str
    input: str
    expr: sp.Expr

    def to_dict(self, names: dict | None = None) -> dict:
        return {"law": self.law, "output": self.output, "input": self.input,
                "latex": sp.latex(self.expr, symbol_names=names or {}), "text": sp.sstr(self.expr)}


@lru_cache(maxsize=None)
def elasticities(law_id: str) -> tuple[Elasticity, ...]:
    """d ln Y / d ln X of every output Y in every input X it depends on, simplified symbolically."""
    law = get_law(law_id)
    out = []
    for o in law.outputs:
        y = expression(law_id, o)
        for v in law.inputs:
            if v.sym not in y.free_symbols:
                continue
            e = sp.simplify(sp.diff(y, v.sym) * v.sym / y)
            out.append(Elasticity(law_id, o, v.name, e))
    return tuple(out)


def elasticity(law_id: str, output: str, input_: str) -> sp.Expr:
    for e in elasticities(law_id):
        if e.output == output and e.input == input_:
            return e.expr
    get_law(law_id).var(input_)
    return sp.Integer(0)


def symbol_dims(law: Law) -> dict:
    dims = {v.sym: dim_of_unit(v.unit) for v in law.variables}
    dims.update({c.sym: dim_of_unit(c.unit) for c in CONSTANTS.values()})
    return dims


@lru_cache(maxsize=None)
def check_dimensions(law_id: str) -> dict[str, str]:
    """Check every output expression against its declared unit; return ``{output: dimension}``.

    Raises :class:`DimensionError` naming the law, the output and the offending term.
    """
    law = get_law(law_id)
    dims = symbol_dims(law)
    out = {}
    for o in law.outputs:
        expr = expression(law_id, o)
        try:
            got = dimension(expr, dims)
        except DimensionError as exc:
            raise DimensionError(f"law {law_id}, output {o}: {exc}") from None
        want = dim_of_unit(law.var(o).unit)
        if got != want:
            raise DimensionError(f"law {law_id}, output {o}: expression has {dim_str(got)} but the "
                                 f"declared unit {law.var(o).unit} is {dim_str(want)}")
        out[o] = dim_str(got)
    return out
