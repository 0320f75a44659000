"""Sign of d(effect)/d(cause) for every law relation, and its agreement with the causal graph.

:func:`relation_sign` analyses a law's derivative over the declared domains of its variables:
bounded domains are mapped onto an unbounded positive parameter (t in (0,1) -> 1/(1+u),
nu in (1,oo) -> 1+u) so that sympy's assumption system can decide signs factor by factor. Where
a factor's sign is not fixed, the law's declared :class:`SignCondition` factors are tried (the
derivative divided by the factor must then have a fixed sign); failing that, the derivative is
sampled numerically over the domain.

:func:`sign_agreement` is a pure function of an injected mapping
``{(cause_iri, effect_iri): [graph sign ints]}``; it does not touch the store.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence

import sympy as sp

from . import diskcache
from .base import CONSTANTS, Law, Relation
from .registry import expression, get_law, list_laws


@dataclass(frozen=True)
class LawSign:
    law: str
    input: str
    output: str
    sign: int | None  # +1, -1, 0, or None when it depends on a condition
    method: str
    derivative: sp.Expr
    conditions: tuple[tuple[str, int], ...] = ()  # (condition text when factor > 0, sign then)
    factor: str | None = None

    def condition_for(self, wanted: int) -> str | None:
        for text, s in self.conditions:
            if s == wanted:
                return text
        return None


def _domain_map(law: Law) -> dict:
    m = {}
    for v in law.variables:
        u = sp.Symbol(f"u_{v.name}", positive=True)
        if v.domain in ("(0,1)", "[0,1)", "(0,1]"):
            m[v.sym] = 1 / (1 + u)
        elif v.domain == "(1,oo)":
            m[v.sym] = 1 + u
    locs = {v.name: v.sym for v in law.variables}
    locs.update({c.name: c.sym for c in CONSTANTS.values()})
    for name, sub, _text in law.domain_constraints:
        expr = sp.sympify(sub, locals=locs)
        expr = expr.subs({s_: sp.Symbol(str(s_), positive=True) for s_ in expr.free_symbols
                          if str(s_).startswith("u_")})
        m[law.var(name).sym] = expr
    return m


def _sign_of(expr: sp.Expr) -> int | None:
    if expr.is_zero:
        return 0
    if expr.is_positive:
        return 1
    if expr.is_negative:
        return -1
    total = 1
    for f in sp.Mul.make_args(sp.factor_terms(sp.together(expr))):
        if f.is_positive:
            continue
        if f.is_negative:
            total = -total
            continue
        if f.is_Pow and f.exp.is_Rational and f.exp.q == 1 and f.exp.p % 2 == 0 and f.base.is_real \
                and f.base.is_zero is False:
            continue
        return None
    return total


def _sample_sign(law: Law, d: sp.Expr, n: int = 60) -> set[int]:
    rng = random.Random(12345)
    consts = {c.sym: c.value for c in CONSTANTS.values()}
    f = sp.lambdify(list(d.free_symbols), d, "math")
    names = list(d.free_symbols)
    signs: set[int] = set()
    for _ in range(n):
        vals = []
        for s in names:
            if s in consts:
                vals.append(consts[s])
                continue
            vals.append(rng.choice((-1, 1)) * 10 ** rng.uniform(-3, 3) if not s.is_positive
                        else 10 ** rng.uniform(-3, 3))
        try:
            x = float(f(*vals))
        except (ValueError, OverflowError, ZeroDivisionError, TypeError):
            continue
        if x == x:
            signs.add((x > 0) - (x < 0))
    return signs


@lru_cache(maxsize=None)
def relation_sign(law_id: str, input_: str, output: str) -> LawSign:
    """Sign of d(output)/d(input) of a law over its domain."""
    cached = diskcache.load("sign", f"{law_id}|{input_}|{output}")
    if cached is not None:
        return cached
    ls = _relation_sign(law_id, input_, output)
    diskcache.store("sign", f"{law_id}|{input_}|{output}", ls)
    return ls


def _relation_sign(law_id: str, input_: str, output: str) -> LawSign:
    law = get_law(law_id)
    y = expression(law_id, output)
    x = law.var(input_).sym
    dmap = _domain_map(law)
    d = sp.diff(y, x)
    dd = sp.simplify(d.subs(dmap))
    s = _sign_of(dd)
    if s is not None:
        return LawSign(law_id, input_, output, s, "symbolic", d)
    locs = {v.name: v.sym for v in law.variables}
    for cond in law.sign_conditions:
        g = sp.sympify(cond.factor, locals=locs)
        q = _sign_of(sp.simplify((d / g).subs(dmap)))
        if q:
            return LawSign(law_id, input_, output, None, "symbolic, conditional", d,
                           ((f"{cond.positive_means} [{cond.factor} > 0]", q),
                            (f"not: {cond.positive_means} [{cond.factor} < 0]", -q)), cond.factor)
    signs = _sample_sign(law, dd)
    if len(signs - {0}) == 1:
        return LawSign(law_id, input_, output, (signs - {0}).pop(), "numeric sampling over the domain", d)
    return LawSign(law_id, input_, output, None, "numeric sampling: sign changes within the domain", d,
                   (("sign changes within the declared domain (condition not identified)", 1),))


def all_relation_signs() -> list[tuple[Law, Relation, LawSign]]:
    return [(law, rel, relation_sign(law.id, rel.input, rel.output))
            for law in list_laws() for rel in law.relations]


@dataclass
class SignReport:
    cause: str
    effect: str
    law: str
    input: str
    output: str
    law_sign: int | None
    graph_sign: int | None
    verdict: str  # agree | disagree | condition-dependent | no graph link
    condition: str | None = None
    agrees_if: str | None = None
    method: str = ""
    derivative: str = ""
    derivative_latex: str = ""
    note: str = ""
    graph_signs: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    def text(self) -> str:
        s = f"{self.verdict:>20}  {self.cause.rsplit('/', 1)[-1]} -> {self.effect.rsplit('/', 1)[-1]}" \
            f"  [law {self.law}: d{self.output}/d{self.input} sign {self.law_sign}, graph {self.graph_sign}]"
        if self.condition:
            s += f"\n{'':>22}condition: {self.condition}"
        if self.agrees_if:
            s += f"\n{'':>22}agrees if: {self.agrees_if}"
        return s


def _agrees_if(law: Law, rel: Relation, wanted: int) -> str | None:
    for other in list_laws():
        if other.id == law.id:
            continue
        for r in other.relations:
            if (r.from_entity, r.to_entity) != (rel.from_entity, rel.to_entity):
                continue
            ls = relation_sign(other.id, r.input, r.output)
            if ls.sign == wanted:
                return f"the model of law {other.id} is used ({other.label})"
            cond = ls.condition_for(wanted)
            if ls.sign is None and cond:
                return f"{cond} (law {other.id})"
    return None


@lru_cache(maxsize=None)
def _rendered_derivative(law_id: str, input_: str, output: str) -> tuple[str, str]:
    ls = relation_sign(law_id, input_, output)
    return sp.sstr(ls.derivative), sp.latex(ls.derivative, symbol_names=get_law(law_id).latex_names())


def _report(law: Law, rel: Relation, ls: LawSign, g: int | None, gs: list[int]) -> SignReport:
    text, latex = _rendered_derivative(law.id, rel.input, rel.output)
    r = SignReport(rel.from_iri, rel.to_iri, law.id, rel.input, rel.output, ls.sign, g, "no graph link",
                   method=ls.method, derivative=text, derivative_latex=latex, note=rel.note, graph_signs=gs)
    if g is None:
        if ls.sign is None:
            r.condition = "; ".join(f"sign {s:+d} if {t}" for t, s in ls.conditions)
        return r
    if ls.sign is None:
        r.verdict = "condition-dependent"
        r.condition = ls.condition_for(g) or "; ".join(t for t, _ in ls.conditions)
    elif ls.sign == g:
        r.verdict = "agree"
    else:
        r.verdict = "disagree"
        r.agrees_if = _agrees_if(law, rel, g)
    return r


# SPARQL that yields the rows graph_signs_from_rows() expects, for the CLI/store glue.
GRAPH_SIGNS_SPARQL = """PREFIX lm: <https://w3id.org/limech/>
SELECT ?cause ?effect ?sign WHERE {
  ?link a lm:CausalLink ; lm:cause ?cause ; lm:effect ?effect ; lm:sign ?s .
  ?s lm:signValue ?sign }"""


def graph_signs_from_rows(rows) -> dict[tuple[str, str], list[int]]:
    """Turn (cause, effect, sign) rows (IRIs as str or RDF terms) into the sign_agreement() mapping."""
    out: dict[tuple[str, str], list[int]] = {}
    for cause, effect, sign in rows:
        out.setdefault((str(cause), str(effect)), []).append(int(str(sign)))
    return out


def sign_agreement(graph_signs: Mapping[tuple[str, str], Sequence[int]],
                   include_unlinked: bool = False) -> list[SignReport]:
    """Compare each law relation's sign with the graph's signs for the same (cause, effect) IRIs.

    One report per law relation and distinct graph sign. With ``include_unlinked`` the relations
    that no graph link matches are listed too (verdict "no graph link").
    """
    for key, signs in graph_signs.items():
        if not (isinstance(key, tuple) and len(key) == 2):
            raise ValueError(f"graph_signs keys must be (cause_iri, effect_iri) pairs, got {key!r}")
        bad = [s for s in signs if s not in (-1, 1)]
        if bad:
            raise ValueError(f"graph sign for {key} must be +1 or -1, got {bad}")
    reports = []
    for law in list_laws():
        for rel in law.relations:
            gs = list(graph_signs.get((rel.from_iri, rel.to_iri), ()))
            if not gs and not include_unlinked:
                continue
            ls = relation_sign(law.id, rel.input, rel.output)
            if not gs:
                reports.append(_report(law, rel, ls, None, []))
            for g in sorted(set(gs), reverse=True):
                reports.append(_report(law, rel, ls, g, gs))
    return reports
