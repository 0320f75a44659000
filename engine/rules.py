"""Declarative rules: SPARQL CONSTRUCT files in ``ontology/rules/`` (one rule per file).

A rule file starts with a header comment::

    # name: law_quantifies_link
    # infers: ?link lm:quantifiedBy ?law for every causal link whose ...
    #   (continuation lines are indented)

and holds one CONSTRUCT query. The engine runs the WHERE clause as ``SELECT *`` over the
store, instantiates the template for every solution and records as premises the triple
patterns of the WHERE clause that the solution binds (patterns inside FILTER NOT EXISTS or
MINUS are conditions, not premises; property-path patterns are not recorded). Write premises
with named variables, not ``[ ]`` blank nodes, so that they can be recorded.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.plugins.sparql import prepareQuery

from ontology import RULES_DIR

Pattern = tuple[object, object, object]  # rdflib terms or Variables


class RuleError(ValueError):
    """A rule file that cannot be used, with the file and the reason."""


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    path: Path
    select: str                       # the WHERE clause as SELECT *
    template: tuple[Pattern, ...]     # the CONSTRUCT template
    premises: tuple[Pattern, ...]     # the WHERE clause's triple patterns


def _header(text: str, path: Path) -> tuple[str, str]:
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*(name|infers):\s*(.*)$", line)
        if m:
            key = m.group(1)
            fields[key] = m.group(2).strip()
        elif key and line.startswith("#  "):
            fields[key] += " " + line[1:].strip()
    if "name" not in fields or "infers" not in fields:
        raise RuleError(f"{path.name}: the header must have '# name:' and '# infers:' lines")
    if fields["name"] != path.stem:
        raise RuleError(f"{path.name}: header name {fields['name']!r} differs from the file name {path.stem!r}")
    return fields["name"], fields["infers"]


def _as_select(text: str, path: Path) -> str:
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    m = re.search(r"\bCONSTRUCT\s*\{", body, flags=re.IGNORECASE)
    if not m:
        raise RuleError(f"{path.name}: a rule must be a CONSTRUCT query with a template")
    depth, i = 1, m.end()
    while depth and i < len(body):
        depth += {"{": 1, "}": -1}.get(body[i], 0)
        i += 1
    if depth:
        raise RuleError(f"{path.name}: unbalanced braces in the CONSTRUCT template")
    return body[:m.start()] + "SELECT *" + body[i:]


def _patterns(node, out: list) -> None:
    """Triple patterns of an rdflib algebra tree, skipping FILTER expressions and MINUS."""
    name = getattr(node, "name", None)
    if name == "BGP":
        out.extend(t for t in node["triples"] if all(isinstance(x, (URIRef, Literal, Variable)) for x in t))
        return
    if not hasattr(node, "get"):
        return
    keys = ("p", "p1") if name == "Minus" else ("p", "p1", "p2")
    for key in keys:
        child = node.get(key)
        if child is not None:
            _patterns(child, out)


_CACHE: dict[tuple[Path, str], Rule] = {}


def load_rule(path: Path) -> Rule:
    """Parse one rule file (memoised on its content: parsing SPARQL with rdflib is slow)."""
    text = path.read_text(encoding="utf-8")
    key = (path, text)
    if key not in _CACHE:
        _CACHE[key] = _parse_rule(path, text)
    return _CACHE[key]


def _parse_rule(path: Path, text: str) -> Rule:
    name, description = _header(text, path)
    try:
        query = prepareQuery(text)
    except Exception as exc:  # pyparsing raises several exception types
        raise RuleError(f"{path.name}: SPARQL does not parse: {exc}") from exc
    algebra = query.algebra
    if algebra.name != "ConstructQuery" or not algebra.get("template"):
        raise RuleError(f"{path.name}: a rule must be a CONSTRUCT query with a template")
    template = tuple(tuple(t) for t in algebra["template"])
    for t in template:
        if any(isinstance(x, BNode) for x in t):
            raise RuleError(f"{path.name}: blank nodes in the CONSTRUCT template are not supported; "
                            "inferred facts must be about named things")
    premises: list = []
    _patterns(algebra["p"], premises)
    select = _as_select(text, path)
    try:
        ox.Store().query(select)
    except SyntaxError as exc:
        raise RuleError(f"{path.name}: the WHERE clause does not run as SELECT: {exc}") from exc
    return Rule(name, description, path, select, template, tuple(dict.fromkeys(premises)))


def load_rules(directory: Path = RULES_DIR) -> list[Rule]:
    """Every ``*.rq`` rule in ``directory``, sorted by name."""
    return [load_rule(p) for p in sorted(directory.glob("*.rq"))]
