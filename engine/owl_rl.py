"""OWL 2 RL materialisation (reasonable or owlrl) with a traced premise for every kept triple.

The reasoners compute the OWL 2 RL closure but do not say why a triple follows. We keep
the informative part of the closure (typing through the class hierarchy, domains and
ranges; super-properties; transitive subclass/subproperty axioms; inverse, symmetric and
transitive properties) and, for each kept triple, find the OWL 2 RL rule instance that
yields it from triples that are asserted or themselves kept. Dropped as uninformative:
triples about the RDF/RDFS/OWL/XSD vocabulary itself, typing by W3C classes
(owl:Thing, rdfs:Resource, owl:Class ...), reflexive axioms and owl:sameAs /
owl:equivalent* closure. A non-reflexive owl:sameAs between two entities (a functional
property with two values) is reported as a warning, and triples that only follow through
it are left out and counted (``untraced``).

Triples are pyoxigraph terms in and out (their equality is native, which keeps the set
work fast); the reasoners see rdflib terms.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import owlrl
import pyoxigraph as ox
from rdflib import Graph, Literal

from engine.terms import to_ox, to_rdflib

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_XSD = "http://www.w3.org/2001/XMLSchema#"
BUILTIN = (_RDF, _RDFS, _OWL, _XSD)


class _NS:
    def __init__(self, base: str):
        self.base = base

    def __getattr__(self, name: str) -> ox.NamedNode:
        return ox.NamedNode(self.base + name)


RDF, RDFS, OWL = _NS(_RDF), _NS(_RDFS), _NS(_OWL)
TYPE, SUBCLASS, SUBPROP, DOMAIN, RANGE = RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range
INVERSE, SYMMETRIC, TRANSITIVE = OWL.inverseOf, OWL.SymmetricProperty, OWL.TransitiveProperty
DROP_PREDICATES = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, OWL.differentFrom,
                   OWL.disjointWith, OWL.propertyDisjointWith, OWL.inverseOf}

Triple = tuple  # (s, p, o) pyoxigraph terms


@dataclass
class OwlResult:
    derived: dict = field(default_factory=dict)   # triple -> (rule name, premises)
    untraced: int = 0
    reasoner: str = ""
    warnings: list[str] = field(default_factory=list)


def _builtin(term) -> bool:
    return isinstance(term, ox.NamedNode) and term.value.startswith(BUILTIN)


def _informative(t: Triple) -> bool:
    s, p, o = t
    if isinstance(s, ox.Literal) or p in DROP_PREDICATES or _builtin(s):
        return False
    if p in (SUBCLASS, SUBPROP) and (s == o or _builtin(o)):
        return False
    if p in (TYPE, DOMAIN, RANGE) and _builtin(o):
        return False
    return True


class _Index:
    """Set of triples with the lookups the tracer needs (faster than rdflib's Graph)."""

    def __init__(self, triples):
        self.all = set(triples)
        self.sp: dict = defaultdict(list)
        self.po: dict = defaultdict(list)
        self.s: dict = defaultdict(list)
        self.o: dict = defaultdict(list)
        for t in self.all:
            s, p, o = t
            self.sp[s, p].append(o)
            self.po[p, o].append(s)
            self.s[s].append((p, o))
            self.o[o].append((s, p))

    def __contains__(self, t) -> bool:
        return t in self.all


class _Tracer:
    """Finds, for a closure triple, an OWL 2 RL rule instance over the allowed premises."""

    def __init__(self, closure: _Index, allowed: set):
        self.g = closure
        self.allowed = allowed

    def ok(self, *triples) -> bool:
        return all(t in self.allowed for t in triples)

    def trace(self, t: Triple):
        s, p, o = t
        g = self.g
        if p == TYPE:
            for d in g.sp[s, TYPE]:
                if d != o and self.ok((s, TYPE, d), (d, SUBCLASS, o)):
                    return "cax-sco", [(s, TYPE, d), (d, SUBCLASS, o)]
            for q, y in g.s[s]:
                if self.ok((s, q, y), (q, DOMAIN, o)):
                    return "prp-dom", [(s, q, y), (q, DOMAIN, o)]
            for x, q in g.o[s]:
                if self.ok((x, q, s), (q, RANGE, o)):
                    return "prp-rng", [(x, q, s), (q, RANGE, o)]
            return None
        if p in (SUBCLASS, SUBPROP):
            for e in g.sp[s, p]:
                if e not in (s, o) and self.ok((s, p, e), (e, p, o)):
                    return ("scm-sco" if p == SUBCLASS else "scm-spo"), [(s, p, e), (e, p, o)]
            return None
        if p in (DOMAIN, RANGE):
            for d in g.sp[s, p]:
                if d != o and self.ok((s, p, d), (d, SUBCLASS, o)):
                    return ("scm-dom1" if p == DOMAIN else "scm-rng1"), [(s, p, d), (d, SUBCLASS, o)]
            return None
        for q in g.po[SUBPROP, p]:
            if q != p and self.ok((s, q, o), (q, SUBPROP, p)):
                return "prp-spo1", [(s, q, o), (q, SUBPROP, p)]
        for q in set(g.sp[p, INVERSE]) | set(g.po[INVERSE, p]):
            if (o, q, s) in self.allowed:
                return "prp-inv", [(o, q, s)]
        if (p, TYPE, SYMMETRIC) in g and (o, p, s) in self.allowed:
            return "prp-symp", [(o, p, s), (p, TYPE, SYMMETRIC)]
        if (p, TYPE, TRANSITIVE) in g:
            for z in g.sp[s, p]:
                if z not in (s, o) and self.ok((s, p, z), (z, p, o)):
                    return "prp-trp", [(s, p, z), (z, p, o), (p, TYPE, TRANSITIVE)]
        return None


def _closure_reasonable(base: list) -> list:
    import reasonable
    r = reasonable.PyReasoner()
    r.from_graph(base)
    return r.reason()


def _closure_owlrl(base: list) -> list:
    g = Graph()
    for t in base:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    return list(g)


def _back(memo: dict, term):
    """rdflib -> pyoxigraph, memoised on (class, text) so that lookups stay in C."""
    if isinstance(term, Literal):
        return to_ox(term)
    key = (term.__class__, str(term))
    found = memo.get(key)
    if found is None:
        found = memo[key] = to_ox(term)
    return found


def reasoner_available(name: str) -> bool:
    if name == "owlrl":
        return True
    try:
        import reasonable  # noqa: F401
    except ImportError:
        return False
    return True


def owl_rl_closure(triples: set, reasoner: str = "auto") -> OwlResult:
    """Kept, traced OWL 2 RL consequences of ``triples`` (pyoxigraph terms, literals dropped).

    ``reasoner``: "reasonable" (Rust, fast), "owlrl" (pure Python, the reference) or "auto"
    (reasonable if installed). reasonable does not implement the schema rules scm-dom1 and
    scm-rng1 (a property's domain/range widened to superclasses); everything else agrees
    (tests/test_engine_inference.py compares the two).
    """
    if reasoner == "auto":
        reasoner = "reasonable" if reasoner_available("reasonable") else "owlrl"
    if reasoner not in ("reasonable", "owlrl"):
        raise ValueError(f"unknown OWL 2 RL reasoner {reasoner!r}; allowed: auto, reasonable, owlrl")
    base = {t for t in triples if not isinstance(t[2], ox.Literal)}
    memo: dict = {}       # (rdflib class, text) -> pyoxigraph term
    forward: dict = {}    # pyoxigraph term -> rdflib term
    rdf_base = []
    for t in base:
        row = []
        for x in t:
            y = forward.get(x)
            if y is None:
                y = forward[x] = to_rdflib(x)
                memo[y.__class__, str(y)] = x
            row.append(y)
        rdf_base.append(tuple(row))
    raw = _closure_reasonable(rdf_base) if reasoner == "reasonable" else _closure_owlrl(rdf_base)
    closure = {tuple(_back(memo, x) for x in t) for t in raw} | base
    result = OwlResult(reasoner=reasoner)
    for s, p, o in closure:
        if p == OWL.sameAs and s != o and isinstance(s, ox.NamedNode) and isinstance(o, ox.NamedNode) \
                and not _builtin(s):
            result.warnings.append(f"owl:sameAs {s.value} {o.value} follows (a functional property with two values?)")
    new = [t for t in closure if t not in base and _informative(t)]
    index = _Index(closure)
    tracer = _Tracer(index, base | set(new))
    pending = new
    # A premise may itself be a kept triple that turns out untraceable: iterate until stable.
    while True:
        derived = {}
        for t in pending:
            found = tracer.trace(t)
            if found is not None:
                derived[t] = found
        dropped = [t for t in pending if t not in derived]
        if not dropped:
            break
        tracer.allowed -= set(dropped)
        pending = list(derived)
        result.untraced += len(dropped)
    result.derived = derived
    return result
