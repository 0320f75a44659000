"""The engine's door to the knowledge-base sources: what the API needs of the ontology package
(paths, named graphs, prefixes, the source files and their fingerprint), re-exported so that the
API talks to the engine only (api → engine → ontology)."""
from __future__ import annotations

from ontology import (
    ASSERTED_GRAPH, CHECKS_GRAPH, INFERRED_GRAPH, ONTOLOGY_DIR, PREFIXES, PROJECT_DIR,
    content_hash, knowledge_files, load_graph,
)

__all__ = ["ASSERTED_GRAPH", "CHECKS_GRAPH", "INFERRED_GRAPH", "ONTOLOGY_DIR", "PREFIXES", "PROJECT_DIR",
           "content_hash", "knowledge_files", "load_graph"]
