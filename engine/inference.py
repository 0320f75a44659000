"""Rule materialisation: OWL 2 RL (owlrl) and the CONSTRUCT rules of ``ontology/rules/``.

:func:`materialise` reads the asserted graph, runs the CONSTRUCT rules to a fixpoint and the
OWL 2 RL closure (alternating until neither adds anything) and writes every new triple into
the INFERRED named graph, never into the asserted one. Each inferred triple gets a
derivation record in the same graph::

    lm:derivation/<h> a lm:Derivation ; lm:byRule lm:rule/<name> ;
        lm:derivedStatement lm:statement/<h1> ; lm:premise lm:statement/<h2> , ... .
    lm:statement/<h1> a rdf:Statement ; rdf:subject s ; rdf:predicate p ; rdf:object o .
    lm:rule/<name> a lm:InferenceRule ; rdfs:label name ; rdfs:comment what it infers .

Statement IRIs hash the triple, so a premise's record can be looked up from the triple.
"""
from __future__ import annotations

import hashlib
import time
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Variable

from engine.owl_rl import owl_rl_closure
from engine.rules import Rule, load_rules
from engine.terms import to_ox
from ontology import ASSERTED_GRAPH, INFERRED_GRAPH, LM, PROJECT_DIR

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
MAX_ROUNDS = 10

OWL_RL_RULES = {
    "cax-sco": "a member of a class is a member of its superclasses",
    "prp-dom": "the subject of a property is a member of the property's domain",
    "prp-rng": "the object of an object property is a member of the property's range",
    "scm-sco": "subclass is transitive",
    "scm-spo": "subproperty is transitive",
    "scm-dom1": "a property's domain extends to the domain class's superclasses",
    "scm-rng1": "a property's range extends to the range class's superclasses",
    "prp-spo1": "a statement with a property holds with its super-properties",
    "prp-inv": "a statement holds reversed with the inverse property",
    "prp-symp": "a symmetric property holds both ways",
    "prp-trp": "a transitive property chains",
}


@lru_cache(maxsize=256)
def _nn(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def statement_iri(s, p, o) -> str:
    """IRI of the rdf:Statement record of the triple (pyoxigraph terms)."""
    return f"{LM}statement/" + hashlib.sha1(f"{s} {p} {o}".encode()).hexdigest()[:24]


def rule_iri(name: str) -> str:
    return f"{LM}rule/{name}"


class _Writer:
    """Adds inferred triples with their derivation records to the inferred graph."""

    def __init__(self, store: ox.Store):
        self.store = store
        self.graph = _nn(INFERRED_GRAPH)
        self.quads: list[ox.Quad] = []
        self.content: set = set()      # inferred triples (ox terms), not records
        self.statements: set = set()
        self.per_rule: dict[str, int] = {}

    def exists(self, t) -> bool:
        return t in self.content or any(True for _ in self.store.quads_for_pattern(*t, _nn(ASSERTED_GRAPH)))

    def rule(self, name: str, description: str, path: str | None = None) -> None:
        r, g = _nn(rule_iri(name)), self.graph
        self.quads += [ox.Quad(r, _nn(RDF + "type"), _nn(LM + "InferenceRule"), g),
                       ox.Quad(r, _nn(RDFS + "label"), ox.Literal(name), g),
                       ox.Quad(r, _nn(RDFS + "comment"), ox.Literal(description), g)]
        if path:
            self.quads.append(ox.Quad(r, _nn(LM + "ruleFile"), ox.Literal(path), g))
        self.per_rule.setdefault(name, 0)

    def _statement(self, t) -> ox.NamedNode:
        node = _nn(statement_iri(*t))
        if node not in self.statements:
            self.statements.add(node)
            g = self.graph
            self.quads += [ox.Quad(node, _nn(RDF + "type"), _nn(RDF + "Statement"), g),
                           ox.Quad(node, _nn(RDF + "subject"), t[0], g),
                           ox.Quad(node, _nn(RDF + "predicate"), t[1], g),
                           ox.Quad(node, _nn(RDF + "object"), t[2], g)]
        return node

    def add(self, t, rule: str, premises) -> None:
        g = self.graph
        self.content.add(t)
        self.quads.append(ox.Quad(*t, g))
        st = self._statement(t)
        d = _nn(f"{LM}derivation/" + st.value.rsplit("/", 1)[1])
        self.quads += [ox.Quad(d, _nn(RDF + "type"), _nn(LM + "Derivation"), g),
                       ox.Quad(d, _nn(LM + "byRule"), _nn(rule_iri(rule)), g),
                       ox.Quad(d, _nn(LM + "derivedStatement"), st, g)]
        self.quads += [ox.Quad(d, _nn(LM + "premise"), self._statement(pt), g) for pt in premises]
        self.per_rule[rule] = self.per_rule.get(rule, 0) + 1

    def flush(self) -> None:
        self.store.extend(self.quads)
        self.quads = []


def _bind(term, solution):
    if isinstance(term, Variable):
        return solution[str(term)]
    return to_ox(term)


def _apply(rule: Rule, store: ox.Store, writer: _Writer) -> int:
    added = 0
    asserted = _nn(ASSERTED_GRAPH)
    for solution in store.query(rule.select, use_default_graph_as_union=True):
        new = []
        for pattern in rule.template:
            t = tuple(_bind(x, solution) for x in pattern)
            if any(x is None for x in t) or isinstance(t[0], ox.Literal) or writer.exists(t) or t in new:
                continue
            new.append(t)
        if not new:
            continue
        premises = []
        for pattern in rule.premises:
            t = tuple(_bind(x, solution) for x in pattern)
            if all(x is not None for x in t) and (t in writer.content or ox.Quad(*t, asserted) in store):
                premises.append(t)
        for t in new:
            writer.add(t, rule.name, list(dict.fromkeys(premises)))
            added += 1
    writer.flush()
    return added


def materialise(store: ox.Store, reasoner: str = "auto") -> dict:
    """Materialise all rules into the inferred graph of ``store``; returns statistics.

    ``reasoner`` picks the OWL 2 RL reasoner (see :func:`engine.owl_rl.owl_rl_closure`).
    """
    t0 = time.perf_counter()
    inferred = _nn(INFERRED_GRAPH)
    if store.contains_named_graph(inferred):
        store.remove_graph(inferred)
    rules = load_rules()
    writer = _Writer(store)
    for rule in rules:
        writer.rule(rule.name, rule.description, rule.path.relative_to(PROJECT_DIR).as_posix())
    for name, description in OWL_RL_RULES.items():
        writer.rule(f"owl2rl-{name}", f"OWL 2 RL rule {name}: {description}")
    writer.flush()
    asserted = [(q.subject, q.predicate, q.object)
                for q in store.quads_for_pattern(None, None, None, _nn(ASSERTED_GRAPH))]
    stats = {"rounds": 0, "owl_rl_untraced": 0, "warnings": []}
    for round_ in range(1, MAX_ROUNDS + 1):
        stats["rounds"] = round_
        from_rules = 0
        while True:
            n = sum(_apply(rule, store, writer) for rule in rules)
            from_rules += n
            if n == 0:
                break
        if round_ > 1 and from_rules == 0:
            break
        owl = owl_rl_closure(set(asserted) | writer.content, reasoner)
        stats["owl_rl_untraced"] = owl.untraced
        stats["reasoner"] = owl.reasoner
        stats["warnings"] = sorted(set(stats["warnings"]) | set(owl.warnings))
        added = 0
        for t, (rule, premises) in owl.derived.items():
            if not writer.exists(t):
                writer.add(t, f"owl2rl-{rule}", premises)
                added += 1
        writer.flush()
        if added == 0:
            break
    else:
        raise RuntimeError(f"materialisation did not reach a fixpoint in {MAX_ROUNDS} rounds")
    store.flush() if hasattr(store, "flush") else None
    stats.update({
        "asserted_triples": len(asserted),
        "inferred_triples": len(writer.content),
        "record_triples": sum(1 for _ in store.quads_for_pattern(None, None, None, inferred)) - len(writer.content),
        "per_rule": dict(sorted(writer.per_rule.items())),
        "seconds": round(time.perf_counter() - t0, 3),
    })
    return stats
