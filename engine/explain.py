"""Why does a fact hold? Asserted (a source file says so) or inferred (rule + premises).

Terms may be given as ``<IRI>``, a bare IRI, a CURIE (``lm:``, ``rdf:``, ``rdfs:``, ``owl:``,
``obo:``, ``skos:``, ``prov:``, ``xsd:``), ``a`` for rdf:type, a quoted literal, or — for
subject and object — an entity's label or synonym.
"""
from __future__ import annotations

from typing import Literal, Optional

import pyoxigraph as ox
from pydantic import BaseModel, Field

from engine.inference import statement_iri
from engine.names import NameIndex
from ontology import ASSERTED_GRAPH, INFERRED_GRAPH

PREFIXES = {
    "lm": "https://w3id.org/limech/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "owl": "http://www.w3.org/2002/07/owl#",
    "obo": "http://purl.obolibrary.org/obo/", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "xsd": "http://www.w3.org/2001/XMLSchema#",
}

_DERIVATIONS = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?rule ?name ?comment ?file ?ps ?pp ?po WHERE { GRAPH <%s> {
  ?d lm:derivedStatement <%s> ; lm:byRule ?rule .
  ?rule rdfs:label ?name ; rdfs:comment ?comment .
  OPTIONAL { ?rule lm:ruleFile ?file }
  OPTIONAL { ?d lm:premise ?st . ?st rdf:subject ?ps ; rdf:predicate ?pp ; rdf:object ?po }
} }"""


class RuleRef(BaseModel):
    iri: str
    name: str
    description: str
    file: Optional[str] = None


class Explanation(BaseModel):
    subject: str
    predicate: str
    object: str
    status: Literal["asserted", "inferred", "absent"]
    rule: Optional[RuleRef] = None
    premises: list["Explanation"] = Field(default=[])
    note: Optional[str] = None


class TermError(ValueError):
    pass


def parse_term(text: str, names: NameIndex | None, position: str):
    t = text.strip()
    if position == "predicate" and t == "a":
        return ox.NamedNode(PREFIXES["rdf"] + "type")
    if t.startswith("<") and t.endswith(">"):
        return ox.NamedNode(t[1:-1])
    if t.startswith(("http://", "https://")):
        return ox.NamedNode(t)
    if t.startswith('"') and t.endswith('"') and len(t) >= 2 and position == "object":
        return ox.Literal(t[1:-1])
    prefix, _, local = t.partition(":")
    if local and prefix in PREFIXES and " " not in t:
        return ox.NamedNode(PREFIXES[prefix] + local)
    if position == "predicate" or names is None:
        raise TermError(f"{position} {text!r} is not an IRI or a CURIE with a known prefix "
                        f"({', '.join(sorted(PREFIXES))})")
    return ox.NamedNode(names.resolve(t).iri)


def _show(term) -> str:
    if isinstance(term, ox.NamedNode):
        for p, ns in PREFIXES.items():
            if term.value.startswith(ns) and "/" not in term.value[len(ns):]:
                return f"{p}:{term.value[len(ns):]}"
        return term.value
    return str(term)


def explain_triple(store: ox.Store, s, p, o, depth: int = 4, _seen: frozenset = frozenset()) -> Explanation:
    base = dict(subject=_show(s), predicate=_show(p), object=_show(o))
    if ox.Quad(s, p, o, ox.NamedNode(ASSERTED_GRAPH)) in store:
        return Explanation(status="asserted", **base)
    if not ox.Quad(s, p, o, ox.NamedNode(INFERRED_GRAPH)) in store:
        return Explanation(status="absent", note="neither asserted nor inferred", **base)
    rows = list(store.query(_DERIVATIONS % (INFERRED_GRAPH, statement_iri(s, p, o))))
    if not rows:
        return Explanation(status="inferred", note="no derivation record (store built without records?)", **base)
    r0 = rows[0]
    rule = RuleRef(iri=r0["rule"].value, name=r0["name"].value, description=r0["comment"].value,
                   file=r0["file"].value if r0["file"] is not None else None)
    key = (s, p, o)
    premises, note = [], None
    for r in rows:
        if r["ps"] is None:
            continue
        triple = (r["ps"], r["pp"], r["po"])
        if depth <= 0 or triple in _seen:
            asserted = ox.Quad(*triple, ox.NamedNode(ASSERTED_GRAPH)) in store
            premises.append(Explanation(subject=_show(triple[0]), predicate=_show(triple[1]),
                                        object=_show(triple[2]), status="asserted" if asserted else "inferred",
                                        note=None if asserted else "not expanded further"))
        else:
            premises.append(explain_triple(store, *triple, depth=depth - 1, _seen=_seen | {key}))
    if not premises:
        note = "the rule matched no recordable premise"
    return Explanation(status="inferred", rule=rule, premises=premises, note=note, **base)


def explain(store: ox.Store, names: NameIndex | None, subject: str, predicate: str, obj: str,
            depth: int = 4) -> Explanation:
    if depth < 0:
        raise ValueError(f"depth must be 0 or more, got {depth}")
    s = parse_term(subject, names, "subject")
    p = parse_term(predicate, names, "predicate")
    o = parse_term(obj, names, "object")
    return explain_triple(store, s, p, o, depth)
