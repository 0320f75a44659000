"""Entities and sources of the knowledge base as records the CLI and the HTTP API share."""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel, ConfigDict

LM = "https://w3id.org/limech/"


class Entity(BaseModel):
    model_config = ConfigDict(frozen=True)
    iri: str
    id: str
    label: str
    synonyms: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    category_labels: tuple[str, ...] = ()
    definition: str | None = None
    matches: tuple[str, ...] = ()


class Source(BaseModel):
    model_config = ConfigDict(frozen=True)
    iri: str
    id: str
    label: str
    title: str | None = None
    doi: str | None = None
    citation: str | None = None
    seed_file: str | None = None
    links: int = 0
    quantity_values: int = 0


_ENTITIES = """
SELECT ?e ?label ?kind ?value WHERE {
  ?e a ?cls . ?cls rdfs:subClassOf* lm:Entity . ?e rdfs:label ?label .
  OPTIONAL {
    { BIND("syn" AS ?kind) ?e skos:altLabel ?value }
    UNION { BIND("cat" AS ?kind) ?e a ?value . ?value rdfs:subClassOf* lm:Entity }
    UNION { BIND("def" AS ?kind) ?e skos:definition ?value }
    UNION { BIND("match" AS ?kind) { ?e skos:exactMatch ?value } UNION { ?e skos:closeMatch ?value } }
  }
}"""

_CLASS_LABELS = "SELECT ?c ?l WHERE { ?c rdfs:subClassOf* lm:Entity ; rdfs:label ?l }"
_SUPERCLASSES = "SELECT ?c ?sup WHERE { ?c rdfs:subClassOf+ ?sup . ?sup rdfs:subClassOf* lm:Entity }"

_SOURCES = """
SELECT ?d ?label ?title ?doi ?cit ?seed
       (COUNT(DISTINCT ?link) AS ?links) (COUNT(DISTINCT ?qv) AS ?qvs) WHERE {
  ?d lm:seedFile ?seed ; rdfs:label ?label .
  OPTIONAL { ?d dcterms:title ?title } OPTIONAL { ?d bibo:doi ?doi }
  OPTIONAL { ?d dcterms:bibliographicCitation ?cit }
  OPTIONAL { ?link a lm:CausalLink ; lm:hasSource/lm:document ?d }
  OPTIONAL { ?qv a lm:QuantityValue ; lm:hasSource/lm:document ?d }
} GROUP BY ?d ?label ?title ?doi ?cit ?seed ORDER BY ?d"""


def _local(iri: str) -> str:
    return iri[len(LM):] if iri.startswith(LM) else iri


def entities(store, search: str | None = None, category: str | None = None) -> list[Entity]:
    """All entities, optionally those whose label or synonym contains ``search``
    (case-insensitive) and whose category (class id or label) is ``category``."""
    class_labels = {r["c"]: r["l"] for r in store.select(_CLASS_LABELS)}
    supers: dict[str, set] = defaultdict(set)
    for r in store.select(_SUPERCLASSES):
        supers[r["c"]].add(r["sup"])
    acc: dict[str, dict] = {}
    extras: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for r in store.select(_ENTITIES):
        acc.setdefault(r["e"], {"label": r["label"]})
        if r["kind"]:
            extras[r["e"]][r["kind"]].add(r["value"])
    out = []
    for iri, base in acc.items():
        x = extras[iri]
        # keep the most specific categories: drop any class that is a superclass of another
        cats = sorted(c for c in x["cat"] if not any(c in supers[o] for o in x["cat"] if o != c))
        out.append(Entity(
            iri=iri, id=_local(iri), label=base["label"], synonyms=tuple(sorted(x["syn"])),
            categories=tuple(_local(c) for c in cats),
            category_labels=tuple(class_labels.get(c, _local(c)) for c in cats),
            definition=next(iter(sorted(x["def"])), None), matches=tuple(sorted(x["match"])),
        ))
    if search:
        s = search.lower()
        out = [e for e in out if s in e.label.lower() or any(s in syn.lower() for syn in e.synonyms)]
    if category:
        c = category.lower()
        out = [e for e in out if any(c == k.lower() for k in e.categories + e.category_labels)]
    return sorted(out, key=lambda e: e.label.lower())


def to_iri(ident: str) -> str:
    """An IRI from an IRI, an ``lm:`` CURIE or a local id."""
    return LM + ident[3:] if ident.startswith("lm:") else ident if "://" in ident else LM + ident


def entity(store, ident: str) -> Entity | None:
    """The entity with IRI, ``lm:`` CURIE or local id ``ident``, or None."""
    iri = to_iri(ident)
    return next((e for e in entities(store) if e.iri == iri), None)


def sources(store) -> list[Source]:
    return [Source(
        iri=r["d"], id=_local(r["d"]), label=r["label"], title=r["title"], doi=r["doi"], citation=r["cit"],
        seed_file=r["seed"], links=int(r["links"]), quantity_values=int(r["qvs"]),
    ) for r in store.select(_SOURCES)]
