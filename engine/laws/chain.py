"""Elasticities composed along a chain of laws (chain rule of d ln Y / d ln X).

A chain is a list of steps ``(law_id, input, output)``; the output of one step must stand for the
same entity as the input of the next. The chain's overall elasticity is the product of the step
elasticities, and its sign the product of the step signs (see :mod:`engine.laws.signs`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

import sympy as sp

from .registry import elasticity, get_law, list_laws
from .signs import relation_sign


class ChainError(ValueError):
    """The steps do not connect, or an entity pair has no law."""


@dataclass
class ChainResult:
    steps: list[tuple[str, str, str]]
    elasticities: list[sp.Expr]
    elasticity: sp.Expr
    sign: int | None
    conditions: list[str]
    missing: list[tuple[str, str]] = field(default_factory=list)  # consecutive pairs without a law

    def to_dict(self) -> dict:
        return {"steps": [{"law": l, "input": i, "output": o, "elasticity": sp.sstr(e),
                           "elasticity_latex": sp.latex(e)}
                          for (l, i, o), e in zip(self.steps, self.elasticities)],
                "elasticity": sp.sstr(self.elasticity), "elasticity_latex": sp.latex(self.elasticity),
                "sign": self.sign, "conditions": self.conditions,
                "missing": [{"cause": a, "effect": b} for a, b in self.missing]}


def compose_chain(steps: Sequence[tuple[str, str, str]]) -> ChainResult:
    """Chain rule over explicit steps; each step's input must be the previous output's entity."""
    return _compose(steps, check_entities=True)


def _compose(steps: Sequence[tuple[str, str, str]], check_entities: bool) -> ChainResult:
    if not steps:
        raise ChainError("a chain needs at least one step")
    es, sign, conds = [], 1, []
    prev_entity = None
    for i, (law_id, inp, out) in enumerate(steps):
        law = get_law(law_id)
        vin, vout = law.var(inp), law.var(out)
        if out not in law.outputs:
            raise ChainError(f"step {i}: {out!r} is not an output of law {law_id} ({law.outputs})")
        if check_entities and prev_entity is not None and vin.entity != prev_entity:
            raise ChainError(f"step {i}: input {inp!r} of {law_id} is entity {vin.entity}, but the previous "
                             f"step's output is entity {prev_entity}")
        prev_entity = vout.entity
        es.append(elasticity(law_id, out, inp))
        ls = relation_sign(law_id, inp, out)
        if ls.sign is None:
            sign = None
            conds.extend(f"{law_id}: sign {s:+d} if {t}" for t, s in ls.conditions)
        elif sign is not None:
            sign *= ls.sign
    total = sp.Mul(*es)
    return ChainResult([tuple(s) for s in steps], es, total, sign, conds)


def chain_for_entities(entities: Sequence[str], strict: bool = True) -> ChainResult:
    """Compose the laws that quantify each consecutive (cause, effect) pair of entity IRIs/names.

    Where several laws quantify a pair, one with a definite sign is preferred. With ``strict=False``
    pairs without a law are listed in ``missing`` and the product covers the quantified steps only.
    """
    names = [e.rsplit("/", 1)[-1] for e in entities]
    if len(names) < 2:
        raise ChainError("give at least two entities")
    steps, missing = [], []
    for a, b in zip(names, names[1:]):
        cands = [(law, rel) for law in list_laws() for rel in law.relations
                 if (rel.from_entity, rel.to_entity) == (a, b)]
        if not cands:
            if strict:
                raise ChainError(f"no law quantifies {a} -> {b}")
            missing.append((a, b))
            continue
        cands.sort(key=lambda lr: relation_sign(lr[0].id, lr[1].input, lr[1].output).sign is None)
        law, rel = cands[0]
        steps.append((law.id, rel.input, rel.output))
    if not steps:
        raise ChainError(f"no law quantifies any step of {' -> '.join(names)}")
    res = _compose(steps, check_entities=False)
    res.missing = missing
    return res
