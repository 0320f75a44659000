"""OWL 2 RL materialisation (owlrl) with a traced premise for every kept triple.

owlrl computes the full OWL 2 RL closure but does not say why a triple follows. We keep
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


class _Tracer:
    """Finds, for a closure triple, an OWL 2 RL rule instance over the allowed premises."""

    def __init__(self, closure: Graph, allowed: set):
        self.g = closure
        self.allowed = allowed

    def ok(self, *triples) -> bool:
        return all(t in self.allowed for t in triples)

    def trace(self, t: Triple):
        s, p, o = t
        g = self.g
        if p == RDF.type:
            for d in g.objects(s, RDF.type):
                if d != o and self.ok((s, RDF.type, d), (d, RDFS.subClassOf, o)):
                    return "cax-sco", [(s, RDF.type, d), (d, RDFS.subClassOf, o)]
            for q, y in g.predicate_objects(s):
                if self.ok((s, q, y), (q, RDFS.domain, o)):
                    return "prp-dom", [(s, q, y), (q, RDFS.domain, o)]
            for x, q in g.subject_predicates(s):
                if self.ok((x, q, s), (q, RDFS.range, o)):
                    return "prp-rng", [(x, q, s), (q, RDFS.range, o)]
            return None
        if p in (RDFS.subClassOf, RDFS.subPropertyOf):
            for e in g.objects(s, p):
                if e not in (s, o) and self.ok((s, p, e), (e, p, o)):
                    return ("scm-sco" if p == RDFS.subClassOf else "scm-spo"), [(s, p, e), (e, p, o)]
            return None
        if p in (RDFS.domain, RDFS.range):
            for d in g.objects(s, p):
                if d != o and self.ok((s, p, d), (d, RDFS.subClassOf, o)):
                    return ("scm-dom1" if p == RDFS.domain else "scm-rng1"), [(s, p, d), (d, RDFS.subClassOf, o)]
            return None
        for q in g.subjects(RDFS.subPropertyOf, p):
            if q != p and self.ok((s, q, o), (q, RDFS.subPropertyOf, p)):
                return "prp-spo1", [(s, q, o), (q, RDFS.subPropertyOf, p)]
        for q in set(g.objects(p, OWL.inverseOf)) | set(g.subjects(OWL.inverseOf, p)):
            if (o, q, s) in self.allowed:
                return "prp-inv", [(o, q, s)]
        if (p, RDF.type, OWL.SymmetricProperty) in g and (o, p, s) in self.allowed:
            return "prp-symp", [(o, p, s), (p, RDF.type, OWL.SymmetricProperty)]
        if (p, RDF.type, OWL.TransitiveProperty) in g:
            for z in g.objects(s, p):
                if z not in (s, o) and self.ok((s, p, z), (z, p, o)):
                    return "prp-trp", [(s, p, z), (z, p, o), (p, RDF.type, OWL.TransitiveProperty)]
        return None


def owl_rl_closure(triples: set) -> OwlResult:
    """Kept, traced OWL 2 RL consequences of ``triples`` (rdflib terms, literals dropped)."""
    base = Graph()
    for t in triples:
        if not isinstance(t[2], Literal):
            base.add(t)
    closure = Graph()
    for t in base:
        closure.add(t)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False,
                           datatype_axioms=False).expand(closure)
    result = OwlResult()
    for s, _, o in closure.triples((None, OWL.sameAs, None)):
        if s != o and isinstance(s, URIRef) and isinstance(o, URIRef) and not _builtin(s):
            result.warnings.append(f"owl:sameAs {s} {o} follows (a functional property with two values?)")
    new = [t for t in closure if t not in base and _informative(t)]
    allowed = set(base) | set(new)
    tracer = _Tracer(closure, allowed)
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
