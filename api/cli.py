"""`limech` command line: one Typer app; command groups live in api/cli_*.py."""
from __future__ import annotations

import json
import sys

import typer
from rich.console import Console

from api.output import emit_sparql

app = typer.Typer(
    name="limech",
    help="Knowledge engine for lithium-metal anode failure mechanisms and interface design.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)


def fail(message: str, code: int = 2) -> None:
    err.print(f"[bold red]error:[/] {message}")
    raise typer.Exit(code)


def print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, indent=2, ensure_ascii=False, default=str) + "\n")


def open_store():
    """The store named by --store / $LIMECH_STORE: the embedded one, or a SPARQL endpoint."""
    from engine.remote_store import RemoteStoreError, open_store as open_named

    try:
        return open_named()
    except (RemoteStoreError, ValueError) as exc:
        fail(str(exc))


@app.callback()
def main(
    store: str = typer.Option(
        None, "--store", envvar="LIMECH_STORE",
        help="'embedded' (default: on-disk pyoxigraph) or the URL of a SPARQL 1.1 query endpoint "
             "with the Graph Store Protocol (e.g. an Oxigraph server: http://127.0.0.1:7878/query)"),
) -> None:
    """Knowledge engine for lithium-metal anode failure mechanisms and interface design."""
    import os

    if store:
        os.environ["LIMECH_STORE"] = store


@app.command()
def validate(
    as_json: bool = typer.Option(False, "--json", help="machine-readable report"),
    hermit: bool = typer.Option(True, "--hermit/--no-hermit", help="run HermiT (needs Java)"),
) -> None:
    """Run every check of the knowledge base; exit 1 on any failure."""
    from engine.validate import validate as run

    report = run(hermit=hermit)
    if as_json:
        print_json(report.to_dict())
    else:
        for c in report.checks:
            mark = "[green]pass[/]" if c.passed else "[red]FAIL[/]"
            console.print(f"{mark}  {c.name}")
            for d in c.details[:50]:
                console.print(f"      {d}", markup=False)
            if len(c.details) > 50:
                console.print(f"      … {len(c.details) - 50} more")
        console.print("counts: " + ", ".join(f"{k}={v}" for k, v in report.counts.items()))
        for src, n in report.per_source.items():
            console.print(f"  {src}: " + ", ".join(f"{k}={v}" for k, v in sorted(n.items())))
    raise typer.Exit(0 if report.passed else 1)


@app.command()
def build(
    rebuild: bool = typer.Option(False, "--rebuild", help="rebuild even if the sources are unchanged"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Build (or reuse) the embedded store for the current ontology sources."""
    import os

    from engine.remote_store import RemoteStore
    from engine.store import GRAPHS, KnowledgeStore

    if rebuild and os.environ.get("LIMECH_STORE", "embedded") == "embedded":
        store = KnowledgeStore.open(rebuild=True)
    else:
        store = open_store()
        if rebuild and isinstance(store, RemoteStore):
            store.load()
    where = getattr(store, "url", None) or str(store.path)
    sizes = {name: store.graph_size(iri) for name, iri in GRAPHS.items()}
    if as_json:
        print_json({"store": where, "fingerprint": store.fingerprint, "triples": sizes})
    else:
        console.print(f"store {where}")
        console.print("triples: " + ", ".join(f"{k}={v}" for k, v in sizes.items()))


@app.command()
def sparql(
    query: str = typer.Argument(..., help="SPARQL query text, or @FILE to read it from a file"),
    fmt: str = typer.Option("table", "--format", "-f", help="json | csv | table"),
    graph: str = typer.Option(
        "all", "--graph", help="default graph: all (union), asserted, inferred or checks"),
) -> None:
    """Answer a SPARQL query from the embedded store."""
    from pathlib import Path

    from engine.store import GRAPHS

    if fmt not in ("json", "csv", "table"):
        fail(f"--format must be json, csv or table, got '{fmt}'")
    if graph != "all" and graph not in GRAPHS:
        fail(f"--graph must be all, {', '.join(GRAPHS)}; got '{graph}'")
    if query.startswith("@"):
        path = Path(query[1:])
        if not path.is_file():
            fail(f"query file not found: {path}")
        query = path.read_text(encoding="utf-8")
    store = open_store()
    kwargs = {}
    if graph != "all":
        import pyoxigraph as ox

        kwargs["default_graph"] = ox.NamedNode(GRAPHS[graph])
    try:
        result = store.query(query, **kwargs)
    except SyntaxError as exc:
        fail(f"SPARQL syntax error: {exc}")
    emit_sparql(result, fmt, console)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", help="interface to bind"),
    port: int = typer.Option(8000, help="TCP port"),
    access_log: bool = typer.Option(
        True, "--access-log/--no-access-log",
        help="log every request; off saves the log's share of server CPU per request "
             "(bench/bench_api.py measures both) when a proxy in front already logs"),
) -> None:
    """Start the HTTP server (SPARQL endpoint at /sparql) over the embedded store: one process,
    uvloop and httptools when installed (uvicorn[standard]), else asyncio and h11."""
    import uvicorn

    from api.app import create_app

    uvicorn.run(create_app(), host=host, port=port, log_level="info", access_log=access_log)


def _register() -> None:
    """Attach the command groups kept in their own modules."""
    import importlib

    for name in ("api.cli_engine", "api.cli_laws", "api.cli_sim", "api.cli_checks"):
        importlib.import_module(name).register(app)


_register()

if __name__ == "__main__":
    app()
