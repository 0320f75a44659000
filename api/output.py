"""Rendering SPARQL results for the terminal (table) or as standard formats (json, csv)."""
from __future__ import annotations

import sys

import pyoxigraph as ox
from rich.console import Console
from rich.table import Table

from engine.statement import short

_SELECT_FORMATS = {"json": ox.QueryResultsFormat.JSON, "csv": ox.QueryResultsFormat.CSV}
_GRAPH_FORMATS = {"json": ox.RdfFormat.N_TRIPLES, "csv": ox.RdfFormat.N_TRIPLES}


def _cell(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return short(term.value)
    return term.value


def emit_sparql(result, fmt: str, console: Console) -> None:
    """Write a pyoxigraph query result to stdout in ``fmt`` (json | csv | table)."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "json":
            sys.stdout.write(result.serialize(format=ox.QueryResultsFormat.JSON).decode() + "\n")
        else:
            sys.stdout.write(("true" if bool(result) else "false") + "\n")
        return
    if isinstance(result, ox.QueryTriples):
        if fmt == "table":
            table = Table("subject", "predicate", "object")
            for t in result:
                table.add_row(_cell(t.subject), _cell(t.predicate), _cell(t.object))
            console.print(table)
        else:
            sys.stdout.write(result.serialize(format=_GRAPH_FORMATS[fmt]).decode())
        return
    if fmt in _SELECT_FORMATS:
        sys.stdout.write(result.serialize(format=_SELECT_FORMATS[fmt]).decode() + "\n")
        return
    names = [v.value for v in result.variables]
    table = Table(*names)
    n = 0
    for sol in result:
        table.add_row(*(_cell(sol[v]) for v in names))
        n += 1
    console.print(table)
    console.print(f"{n} row(s)")
