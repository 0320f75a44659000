"""Mutually exclusive link conditions, from ``ontology/rules/exclusive_conditions.json``.

Conditions are free text (``lm:condition``). The JSON file groups alternatives that cannot
hold at once (carbonate vs ether electrolyte, below vs above the Curie temperature, ...),
each recognised by regular expressions. Two conditions exclude each other when, within one
group, both match alternatives and share none.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from itertools import combinations

from ontology import RULES_DIR

EXCLUSIONS_FILE = RULES_DIR / "exclusive_conditions.json"


@lru_cache(maxsize=1)
def groups() -> tuple[tuple[str, tuple[tuple[str, tuple[re.Pattern, ...]], ...]], ...]:
    """(name, alternatives) for every group of the exclusions file."""
    data = json.loads(EXCLUSIONS_FILE.read_text(encoding="utf-8"))
    out = []
    for g in data["groups"]:
        try:
            alts = tuple((name, tuple(re.compile(p, re.IGNORECASE) for p in pats))
                         for name, pats in g["alternatives"].items())
        except re.error as exc:
            raise ValueError(f"{EXCLUSIONS_FILE.name}: group {g['name']!r}: bad regular expression: {exc}") from exc
        if len(alts) < 2:
            raise ValueError(f"{EXCLUSIONS_FILE.name}: group {g['name']!r} needs at least two alternatives")
        out.append((g["name"], alts))
    return tuple(out)


@lru_cache(maxsize=4096)
def classify(condition: str) -> dict[str, frozenset[str]]:
    """{group name: alternatives the condition matches} for the groups it touches."""
    found = {}
    for name, alts in groups():
        hit = frozenset(a for a, pats in alts if any(p.search(condition) for p in pats))
        if hit:
            found[name] = hit
    return found


@lru_cache(maxsize=16384)
def exclusive(a: str, b: str) -> str | None:
    """The group in which conditions ``a`` and ``b`` exclude each other, or None."""
    ca, cb = classify(a), classify(b)
    for name in ca.keys() & cb.keys():
        if not ca[name] & cb[name]:
            return name
    return None


def clashes(links) -> list[str]:
    """Human-readable clashes between the conditions of different links (CausalLink objects)."""
    out = []
    for x, y in combinations(links, 2):
        for cx in x.conditions:
            for cy in y.conditions:
                group = exclusive(cx, cy)
                if group:
                    out.append(f"{x.iri} '{cx}' vs {y.iri} '{cy}' ({group})")
    return out
