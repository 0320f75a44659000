"""The limech knowledge base: OWL 2 / Turtle sources and a small loader.

Knowledge lives in the Turtle files beside this module; this loader only finds them,
parses them and fingerprints them (the embedded store is rebuilt when the fingerprint
changes).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

from rdflib import Graph, Namespace

ONTOLOGY_DIR = Path(__file__).resolve().parent
PROJECT_DIR = ONTOLOGY_DIR.parent
QUERIES_DIR = ONTOLOGY_DIR / "queries"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
RULES_DIR = ONTOLOGY_DIR / "rules"

LM = Namespace("https://w3id.org/limech/")
OBO = Namespace("http://purl.obolibrary.org/obo/")
RO_POSITIVE = OBO.RO_0002304
RO_NEGATIVE = OBO.RO_0002305

# Prefixes every query may use without declaring them.
PREFIXES = {
    "lm": "https://w3id.org/limech/",
    "obo": "http://purl.obolibrary.org/obo/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "bibo": "http://purl.org/ontology/bibo/",
    "qudt": "http://qudt.org/schema/qudt/",
    "unit": "http://qudt.org/vocab/unit/",
}

# Named graphs of the store.
ASSERTED_GRAPH = "https://w3id.org/limech/graph/asserted"
INFERRED_GRAPH = "https://w3id.org/limech/graph/inferred"
CHECKS_GRAPH = "https://w3id.org/limech/graph/checks"

# Turtle files that are not knowledge-base content (SHACL shapes, rule templates).
_NOT_CONTENT = {"shapes.ttl"}


def knowledge_files() -> list[Path]:
    """Every Turtle file of the knowledge base, in a stable order."""
    files = [
        p for p in ONTOLOGY_DIR.rglob("*.ttl")
        if p.name not in _NOT_CONTENT and RULES_DIR not in p.parents
    ]
    return sorted(files, key=lambda p: p.relative_to(ONTOLOGY_DIR).as_posix())


def content_hash(extra: list[Path] | None = None) -> str:
    """SHA-256 over the knowledge files (names and bytes) and any ``extra`` files."""
    h = hashlib.sha256()
    for p in knowledge_files() + sorted(extra or []):
        h.update(p.relative_to(PROJECT_DIR).as_posix().encode())
        h.update(b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def load_graph() -> Graph:
    """All knowledge files parsed into one rdflib graph."""
    g = Graph()
    g.bind("lm", LM)
    g.bind("obo", OBO)
    for p in knowledge_files():
        try:
            g.parse(p, format="turtle")
        except Exception as exc:  # rdflib raises several parser exception types
            raise ValueError(f"{p.relative_to(PROJECT_DIR)}: Turtle does not parse: {exc}") from exc
    return g


def seeds_dir() -> Path:
    """The seed documents: $LIMECH_SEEDS_DIR, else ../shared/seeds beside the project."""
    env = os.environ.get("LIMECH_SEEDS_DIR")
    return Path(env) if env else PROJECT_DIR.parent / "shared" / "seeds"
