"""Verbatim-quote verification against the seed documents.

A quote passes when, after collapsing every run of whitespace to one space, it occurs in the
seed file of one of the documents its subject's source locations name, and it has at most
30 words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef

from ontology import LM, seeds_dir

MAX_QUOTE_WORDS = 30
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _WS.sub(" ", text).strip()


@lru_cache(maxsize=16)
def _seed_text(path: Path) -> str:
    return normalise(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class QuoteProblem:
    subject: str
    quote: str
    problem: str

    def to_dict(self) -> dict:
        return {"subject": self.subject, "quote": self.quote, "problem": self.problem}


def _documents(g: Graph, subject: URIRef) -> list[URIRef]:
    return [d for loc in g.objects(subject, LM.hasSource) for d in g.objects(loc, LM.document)]


def verify_quotes(g: Graph, seeds: Path | None = None) -> tuple[int, list[QuoteProblem]]:
    """Check every ``lm:quote`` in ``g``; return (number verified, problems)."""
    seeds = seeds or seeds_dir()
    if not seeds.is_dir():
        raise FileNotFoundError(f"seed directory not found: {seeds} (set LIMECH_SEEDS_DIR)")
    verified = 0
    problems: list[QuoteProblem] = []
    for subject, quote in g.subject_objects(LM.quote):
        q = normalise(str(quote))
        words = len(q.split(" "))
        if words > MAX_QUOTE_WORDS:
            problems.append(QuoteProblem(str(subject), q, f"{words} words; at most {MAX_QUOTE_WORDS} allowed"))
            continue
        docs = _documents(g, subject)
        if not docs:
            problems.append(QuoteProblem(str(subject), q, "no lm:hasSource/lm:document to verify the quote against"))
            continue
        files = [seeds / str(f) for d in docs for f in g.objects(d, LM.seedFile)]
        missing = [f for f in files if not f.is_file()]
        if missing or not files:
            problems.append(QuoteProblem(str(subject), q, f"seed file not found for {', '.join(map(str, docs))}"))
            continue
        if any(q in _seed_text(f) for f in files):
            verified += 1
        else:
            names = ", ".join(f.name for f in files)
            problems.append(QuoteProblem(str(subject), q, f"not found verbatim in {names}"))
    return verified, problems
