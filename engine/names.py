"""Resolve what a user types (label, synonym, IRI, ``lm:`` CURIE, local name) to an entity.

Matching ignores case, runs of whitespace and the typography of charges (``Li⁺`` = ``Li+``,
unicode minus = ``-``). An unknown name or one shared by several entities raises
:class:`NameResolutionError`, whose message and ``candidates`` list the closest matches.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from engine.statement import LM, short

_ENTITY_NAMES = """
PREFIX lm: <https://w3id.org/limech/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?label ?name WHERE {
  { ?e a ?c . ?c rdfs:subClassOf* lm:Entity . }
  UNION { ?l a lm:CausalLink ; lm:cause ?e . } UNION { ?l a lm:CausalLink ; lm:effect ?e . }
  FILTER(isIRI(?e))
  OPTIONAL { ?e rdfs:label ?label }
  OPTIONAL { ?e rdfs:label|skos:altLabel|skos:prefLabel ?name }
}"""

_ANY_NAMES = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?e ?label ?name WHERE {
  ?e rdfs:label|skos:altLabel|skos:prefLabel ?name . FILTER(isIRI(?e))
  OPTIONAL { ?e rdfs:label ?label }
}"""

_TRANSLATE = str.maketrans({"⁺": "+", "⁻": "-", "−": "-", "–": "-", "—": "-", "‐": "-",
                            "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6"})


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    return re.sub(r"\s+", " ", text).strip().casefold()


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str

    def to_dict(self) -> dict:
        return {"iri": self.iri, "curie": short(self.iri), "label": self.label}


class NameResolutionError(ValueError):
    """An unknown or ambiguous entity name; ``candidates`` are the closest entities."""

    def __init__(self, query: str, reason: str, candidates: list[Entity]):
        self.query = query
        self.reason = reason
        self.candidates = candidates
        listed = "; ".join(f'"{c.label}" ({short(c.iri)})' for c in candidates) or "none"
        what = "matches several entities" if reason == "ambiguous" else "is not a known entity"
        super().__init__(f"{query!r} {what}; closest matches: {listed}")

    def to_dict(self) -> dict:
        return {"query": self.query, "reason": self.reason,
                "candidates": [c.to_dict() for c in self.candidates]}


class NameIndex:
    def __init__(self, rows: list[dict]):
        self.entities: dict[str, Entity] = {}
        self.index: dict[str, set[str]] = {}
        for r in rows:
            iri = r["e"]
            if iri not in self.entities or (r["label"] and self.entities[iri].label == short(iri)):
                self.entities[iri] = Entity(iri, r["label"] or short(iri))
            for name in (r["name"], r["label"], short(iri), iri):
                if name:
                    self.index.setdefault(normalise(name), set()).add(iri)
            if iri.startswith(LM):
                self.index.setdefault(normalise(iri[len(LM):]), set()).add(iri)

    @classmethod
    def from_store(cls, kstore, anything: bool = False) -> "NameIndex":
        """Entities (default) or, with ``anything``, every labelled resource (laws, loops, ...)."""
        return cls(kstore.select(_ANY_NAMES if anything else _ENTITY_NAMES))

    def resolve(self, name: str) -> Entity:
        if not isinstance(name, str) or not name.strip():
            raise NameResolutionError(str(name), "unknown", [])
        key = normalise(name)
        hits = self.index.get(key, set())
        if len(hits) == 1:
            return self.entities[next(iter(hits))]
        if len(hits) > 1:
            raise NameResolutionError(name, "ambiguous", sorted((self.entities[h] for h in hits), key=lambda e: e.iri))
        return self._unknown(name, key)

    def _unknown(self, name: str, key: str):
        close = difflib.get_close_matches(key, list(self.index), n=8, cutoff=0.5)
        close += sorted(k for k in self.index if key in k and k not in close)[:8]
        seen: dict[str, Entity] = {}
        for k in close:
            for iri in sorted(self.index[k]):
                seen.setdefault(iri, self.entities[iri])
        raise NameResolutionError(name, "unknown", list(seen.values())[:8])
