"""OWL 2 RL materialisation (reasonable or owlrl) with a traced premise for every kept triple.

The reasoners compute the OWL 2 RL closure but does not say why a triple follows. We keep
the informative part of the closure (typing through the class hierarchy, domains and
ranges; super-properties; transitive subclass/subproperty axioms; inverse, symmetric and
transitive properties) and, for each kept triple, find the OWL 2 RL rule instance that
yields it from triples that are asserted or themselves kept. Dropped as uninformative:
triples about the RDF/RDFS/OWL/XSD vocabulary itself, typing by W3C classes
(owl:Thing, rdfs:Resource, owl:Class ...), reflexive axioms and owl:sameAs /
owl:equivalent* closure. A non-reflexive owl:sameAs between two entities (a functional
property with two values) is reported as a warning, and triples that only follow through
it are left out and counted (``untraced``).
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import owlrl
from rdflib import OWL, RDF, RDFS, XSD, Graph, Literal, URIRef

BUILTIN = (str(RDF), str(RDFS), str(OWL), str(XSD))
DROP_PREDICATES = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, OWL.differentFrom,
                   OWL.disjointWith, OWL.propertyDisjointWith, OWL.inverseOf}

Triple = tuple  # (s, p, o) rdflib terms


@dataclass
class OwlResult:
    derived: dict = field(default_factory=dict)   # triple -> (rule name, premises)
    untraced: int = 0
    reasoner: str = ""
    warnings: list[str] = field(default_factory=list)


def _builtin(term) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(BUILTIN)


def _informative(t: Triple) -> bool:
    s, p, o = t
    if isinstance(s, Literal) or p in DROP_PREDICATES or _builtin(s):
        return False
    if p in (RDFS.subClassOf, RDFS.subPropertyOf) and (s == o or _builtin(o)):
        return False
    if p == RDF.type and _builtin(o):
        return False
    if p in (RDFS.domain, RDFS.range) and _builtin(o):
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
        if p == RDF.type:
            for d in g.sp[s, RDF.type]:
                if d != o and self.ok((s, RDF.type, d), (d, RDFS.subClassOf, o)):
                    return "cax-sco", [(s, RDF.type, d), (d, RDFS.subClassOf, o)]
            for q, y in g.s[s]:
                if self.ok((s, q, y), (q, RDFS.domain, o)):
                    return "prp-dom", [(s, q, y), (q, RDFS.domain, o)]
            for x, q in g.o[s]:
                if self.ok((x, q, s), (q, RDFS.range, o)):
                    return "prp-rng", [(x, q, s), (q, RDFS.range, o)]
            return None
        if p in (RDFS.subClassOf, RDFS.subPropertyOf):
            for e in g.sp[s, p]:
                if e not in (s, o) and self.ok((s, p, e), (e, p, o)):
                    return ("scm-sco" if p == RDFS.subClassOf else "scm-spo"), [(s, p, e), (e, p, o)]
            return None
        if p in (RDFS.domain, RDFS.range):
            for d in g.sp[s, p]:
                if d != o and self.ok((s, p, d), (d, RDFS.subClassOf, o)):
                    return ("scm-dom1" if p == RDFS.domain else "scm-rng1"), [(s, p, d), (d, RDFS.subClassOf, o)]
            return None
        for q in g.po[RDFS.subPropertyOf, p]:
            if q != p and self.ok((s, q, o), (q, RDFS.subPropertyOf, p)):
                return "prp-spo1", [(s, q, o), (q, RDFS.subPropertyOf, p)]
        for q in set(g.sp[p, OWL.inverseOf]) | set(g.po[OWL.inverseOf, p]):
            if (o, q, s) in self.allowed:
                return "prp-inv", [(o, q, s)]
        if (p, RDF.type, OWL.SymmetricProperty) in g and (o, p, s) in self.allowed:
            return "prp-symp", [(o, p, s), (p, RDF.type, OWL.SymmetricProperty)]
        if (p, RDF.type, OWL.TransitiveProperty) in g:
            for z in g.sp[s, p]:
                if z not in (s, o) and self.ok((s, p, z), (z, p, o)):
                    return "prp-trp", [(s, p, z), (z, p, o), (p, RDF.type, OWL.TransitiveProperty)]
        return None


def _closure_reasonable(base: set) -> set:
    import reasonable
    r = reasonable.PyReasoner()
    r.from_graph(list(base))
    return set(r.reason()) | base


def _closure_owlrl(base: set) -> set:
    g = Graph()
    for t in base:
        g.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(g)
    return set(g)


def reasoner_available(name: str) -> bool:
    if name == "owlrl":
        return True
    try:
        import reasonable  # noqa: F401
    except ImportError:
        return False
    return True


def owl_rl_closure(triples: set, reasoner: str = "auto") -> OwlResult:
    """Kept, traced OWL 2 RL consequences of ``triples`` (rdflib terms, literals dropped).

    ``reasoner``: "reasonable" (Rust, fast), "owlrl" (pure Python, the reference) or "auto"
    (reasonable if installed). reasonable does not implement the schema rules scm-dom1 and
    scm-rng1 (a property's domain/range widened to superclasses); everything else agrees
    (tests/test_engine_inference.py compares the two).
    """
    if reasoner == "auto":
        reasoner = "reasonable" if reasoner_available("reasonable") else "owlrl"
    if reasoner not in ("reasonable", "owlrl"):
        raise ValueError(f"unknown OWL 2 RL reasoner {reasoner!r}; allowed: auto, reasonable, owlrl")
    base = {t for t in triples if not isinstance(t[2], Literal)}
    closure = _closure_reasonable(base) if reasoner == "reasonable" else _closure_owlrl(base)
    result = OwlResult(reasoner=reasoner)
    for s, p, o in closure:
        if p == OWL.sameAs and s != o and isinstance(s, URIRef) and isinstance(o, URIRef) and not _builtin(s):
            result.warnings.append(f"owl:sameAs {s} {o} follows (a functional property with two values?)")
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
