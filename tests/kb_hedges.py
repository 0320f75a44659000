"""Hedge words in the seed sentence around a link's quote (shared by the knowledge-base tests).

A quote may drop the hedge of its own sentence ("X, which may cause Y" quoted as "cause Y"), so
the KB tests look at the whole seed sentence that contains each quote."""
from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph, URIRef

from engine.quotes import normalise
from ontology import LM, seeds_dir

HEDGE = re.compile(r"\b(may|might|could|believed|hypothes\w*|propos\w*|speculat\w*|likely|possibly)\b", re.I)
# a sentence ends at . ! ? (optionally followed by citation superscripts/markup, or plain citation
# digits after a word: 'dendrites.8 The') and a space, except after common abbreviations
_END = re.compile(r"(?:[.!?](?:[⁰¹²³⁴⁵⁶⁷⁸⁹⁻–,]+|\^\{[^}]*\}|\^?\[[^\]]*\])?|(?<=[A-Za-z)])\.\d+(?:[,–-]\d+)*)\s")
_ABBREV = re.compile(r"(?:\be\.g|\bi\.e|\bvs|\bFig|\bFigs|\bRef|\bRefs|\bEq|\bca|\bet al|\bNo|\bapprox|\bcf)\*?\.$", re.I)


def _seed(g: Graph, doc: URIRef) -> str:
    files = [seeds_dir() / str(f) for f in g.objects(doc, LM.seedFile)]
    return " ".join(normalise(Path(f).read_text(encoding="utf-8")) for f in files)


def _boundaries(text: str) -> list[int]:
    out = [0]
    for m in _END.finditer(text):
        if not _ABBREV.search(text[max(0, m.start() - 8):m.start() + 1]):
            out.append(m.end())
    out.append(len(text))
    return out


_CACHE: dict[str, tuple[str, list[int]]] = {}


def sentences_of(g: Graph, doc: URIRef, quote: str) -> list[str]:
    """Every seed sentence (possibly several, when the quote spans them) around each occurrence of ``quote``."""
    key = str(doc)
    if key not in _CACHE:
        text = _seed(g, doc)
        _CACHE[key] = (text, _boundaries(text))
    text, bounds = _CACHE[key]
    q = normalise(quote)
    out, i = [], text.find(q)
    while i >= 0:
        lo = max(b for b in bounds if b <= i)
        hi = min(b for b in bounds if b >= i + len(q))
        out.append(text[lo:hi].strip())
        i = text.find(q, i + 1)
    return out


def hedged_links(g: Graph, links, doc: URIRef) -> dict[URIRef, str]:
    """Links of ``doc`` whose quote sits in a seed sentence with a hedge word -> that sentence.

    A quote found more than once counts as hedged only when every occurrence is in a hedged sentence."""
    out = {}
    for s in links:
        for quote in g.objects(s, LM.quote):
            sents = sentences_of(g, doc, str(quote))
            if sents and all(HEDGE.search(x) for x in sents):
                out[s] = sents[0]
                break
    return out


def assert_hedges_kept(g: Graph, hedged: dict[URIRef, str], allowed: set[str] | frozenset[str]) -> None:
    """Every hedged link ranks no higher than a literature-cited assertion (rank <= 5) unless
    ``allowed`` names it; and every allowed name is still hedged (the allow-list stays needed)."""
    wrong = {str(s): sent for s, sent in hedged.items()
             if int(g.value(g.value(s, LM.evidenceLevel), LM.evidenceRank)) > 5
             and str(s).rsplit("/", 1)[-1] not in allowed}
    assert not wrong, wrong
    for name in allowed:
        assert LM[name] in hedged, f"{name} no longer hedged: drop it from the allow-list"
