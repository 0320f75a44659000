"""SPARQL 1.1 Protocol endpoint at /sparql over the knowledge store.

Query by GET (``?query=``), by POST with ``application/x-www-form-urlencoded`` or with
``application/sparql-query``; ``default-graph-uri`` / ``named-graph-uri`` select the dataset.
Results are negotiated by the Accept header (or ``?format=``): SPARQL JSON, XML, CSV, TSV for
SELECT/ASK; Turtle, N-Triples, JSON-LD, RDF/XML for CONSTRUCT/DESCRIBE. Without a query,
GET returns the service description. The endpoint is read-only.
"""
from __future__ import annotations

from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from api.problems import Problem
from api.query_pool import (
    GRAPH_FORMATS, RESULT_FORMATS, QueryTimeout, Request as QueryRequest, WorkerFailed, execute,
)
from engine.store import GRAPHS

router = APIRouter(tags=["sparql"])

RESULT_TYPES = {**RESULT_FORMATS, "application/json": ox.QueryResultsFormat.JSON,
                "application/xml": ox.QueryResultsFormat.XML}
RESULT_ALIASES = {"application/json": "application/sparql-results+json",
                  "application/xml": "application/sparql-results+xml"}
GRAPH_TYPES = GRAPH_FORMATS
SHORT_FORMATS = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle",
    "ttl": "text/turtle", "nt": "application/n-triples", "jsonld": "application/ld+json",
}
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


def _accepted(accept: str) -> list[str]:
    """Media types of an Accept header, best first (q-values honoured, order kept on ties)."""
    items = []
    for i, part in enumerate(p for p in accept.split(",") if p.strip()):
        fields = [f.strip() for f in part.split(";")]
        q = 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        items.append((-q, i, fields[0].lower()))
    return [m for _, _, m in sorted(items) if m]


def _negotiate(accept: str, table: dict, default: str) -> str:
    for media in _accepted(accept or "*/*"):
        if media in table:
            return media
        if media in ("*/*", "application/*", "text/*"):
            return default
    raise Problem(406, "Not Acceptable",
                  f"none of the requested media types ({accept}) is available; offered: {', '.join(table)}")


def _params(request: Request, body: bytes) -> dict[str, list[str]]:
    params = parse_qs(request.url.query, keep_blank_values=True)
    ctype = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
    if request.method == "POST":
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise Problem(400, "Bad Request", "the request body is not valid UTF-8") from None
        if ctype == FORM:
            form = parse_qs(text, keep_blank_values=True)
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == SPARQL_QUERY:
            if "query" in params:
                raise Problem(400, "Bad Request",
                              "a query in the body of an application/sparql-query POST must not also be a URL parameter")
            params["query"] = [text]
        elif ctype == SPARQL_UPDATE:
            params["update"] = [text]
        else:
            raise Problem(400, "Bad Request",
                          f"unsupported content type '{ctype or '(none)'}'; use {FORM} or {SPARQL_QUERY}")
    return params


def _check_iris(values: list[str], name: str) -> tuple[str, ...] | None:
    for v in values:
        try:
            ox.NamedNode(v)
        except ValueError:
            raise Problem(400, "Bad Request", f"{name} '{v}' is not a valid IRI") from None
    return tuple(values) or None


def service_description(base: str) -> str:
    graphs = "\n".join(
        f"        sd:namedGraph [ sd:name <{iri}> ; rdfs:label \"{name}\" ] ;" for name, iri in GRAPHS.items())
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<{base}> a sd:Service ;
    sd:endpoint <{base}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML> , <http://www.w3.org/ns/formats/SPARQL_Results_CSV> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_TSV> , <http://www.w3.org/ns/formats/Turtle> ,
        <http://www.w3.org/ns/formats/N-Triples> , <http://www.w3.org/ns/formats/JSON-LD> ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset [ a sd:Dataset ;
        sd:defaultGraph [ rdfs:comment "the union of all named graphs" ] ;
{graphs}
    ] .
"""


async def _handle(request: Request) -> Response:
    body = await request.body()
    params = _params(request, body)
    if "update" in params:
        return _update(request, params)
    queries = params.get("query", [])
    if not queries:
        if request.method == "GET":
            return Response(service_description(str(request.url)), media_type="text/turtle")
        raise Problem(400, "Bad Request", "no 'query' parameter: exactly one is required")
    if len(queries) > 1:
        raise Problem(400, "Bad Request", f"{len(queries)} 'query' parameters given: exactly one is allowed")
    accept = request.headers.get("accept", "*/*")
    if fmt := (params.get("format") or [None])[0]:
        if fmt not in SHORT_FORMATS:
            raise Problem(400, "Bad Request", f"unknown format '{fmt}'; allowed: {', '.join(SHORT_FORMATS)}")
        accept = SHORT_FORMATS[fmt]
    # both media types are negotiated up front: the query form is known only after parsing
    result_media = _negotiate_or_none(accept, RESULT_TYPES, "application/sparql-results+json")
    graph_media = _negotiate_or_none(accept, GRAPH_TYPES, "text/turtle")
    settings = request.app.state.settings
    req = QueryRequest(
        query=queries[0],
        result_media=RESULT_ALIASES.get(result_media, result_media) if result_media else "application/sparql-results+json",
        graph_media=graph_media or "text/turtle",
        default_graph=_check_iris(params.get("default-graph-uri", []), "default-graph-uri"),
        named_graphs=_check_iris(params.get("named-graph-uri", []), "named-graph-uri"),
        limit=settings.sparql_result_limit, generation=request.app.state.generation,
    )
    pool = request.app.state.query_pool
    try:
        if pool is None:
            status, kind, payload = execute(request.app.state.store.store, req)
        else:
            status, kind, payload = await run_in_threadpool(pool.run, req, settings.sparql_timeout)
    except QueryTimeout as exc:
        raise Problem(503, "Query Timeout", str(exc), timeout_seconds=settings.sparql_timeout) from None
    except WorkerFailed as exc:
        raise Problem(500, "Internal Server Error", str(exc)) from None
    if status == "error":
        message = payload.decode()
        if kind == "syntax":
            raise Problem(400, "Bad Request", f"SPARQL syntax error: {message}")
        if kind == "limit":
            raise Problem(400, "Bad Request", message, result_limit=settings.sparql_result_limit)
        raise Problem(400, "Bad Request", f"invalid query: {message}")
    is_graph = kind in GRAPH_TYPES
    if (graph_media if is_graph else result_media) is None:
        table = GRAPH_TYPES if is_graph else RESULT_TYPES
        raise Problem(406, "Not Acceptable",
                      f"none of the requested media types ({accept}) is available; offered: {', '.join(table)}")
    return Response(payload, media_type=kind)


def _negotiate_or_none(accept: str, table: dict, default: str) -> str | None:
    try:
        return _negotiate(accept, table, default)
    except Problem:
        return None


def _update(request: Request, params: dict[str, list[str]]) -> Response:
    """The SPARQL Update operation: refused unless enabled in configuration and authorised."""
    settings = request.app.state.settings
    if not settings.update_enabled or not settings.token:
        raise Problem(403, "Forbidden",
                      "SPARQL Update is disabled on this server; it needs LIMECH_SPARQL_UPDATE=1 and LIMECH_API_TOKEN")
    auth = request.headers.get("authorization", "")
    if auth != f"Bearer {settings.token}":
        problem = Problem(401, "Unauthorized", "SPARQL Update needs 'Authorization: Bearer <token>'")
        problem.extra["headers"] = {"WWW-Authenticate": 'Bearer realm="limech"'}
        raise problem
    updates = params["update"]
    if len(updates) != 1:
        raise Problem(400, "Bad Request", f"{len(updates)} 'update' parameters given: exactly one is allowed")
    try:
        request.app.state.store.store.update(updates[0])
    except SyntaxError as exc:
        raise Problem(400, "Bad Request", f"SPARQL Update syntax error: {exc}") from None
    request.app.state.store.store.flush()
    request.app.state.generation += 1
    return Response(status_code=204)


@router.get("/sparql", summary="SPARQL query (GET) or service description")
async def sparql_get(request: Request) -> Response:
    return await _handle(request)


@router.post("/sparql", summary="SPARQL query (POST: form or application/sparql-query)")
async def sparql_post(request: Request) -> Response:
    return await _handle(request)
