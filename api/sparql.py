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

from api.problems import Problem
from engine.store import GRAPHS

router = APIRouter(tags=["sparql"])

RESULT_TYPES = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
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
            if "update" in form:
                raise Problem(400, "Bad Request",
                              "SPARQL Update sent to the query operation; this endpoint is read-only")
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == SPARQL_QUERY:
            if "query" in params:
                raise Problem(400, "Bad Request",
                              "a query in the body of an application/sparql-query POST must not also be a URL parameter")
            params["query"] = [text]
        elif ctype == SPARQL_UPDATE:
            raise Problem(400, "Bad Request",
                          "SPARQL Update sent to the query operation; this endpoint is read-only")
        else:
            raise Problem(400, "Bad Request",
                          f"unsupported content type '{ctype or '(none)'}'; use {FORM} or {SPARQL_QUERY}")
    return params


def _dataset(params: dict[str, list[str]]) -> dict:
    kwargs: dict = {}
    if params.get("default-graph-uri"):
        kwargs["default_graph"] = [ox.NamedNode(u) for u in params["default-graph-uri"]]
    if params.get("named-graph-uri"):
        kwargs["named_graphs"] = [ox.NamedNode(u) for u in params["named-graph-uri"]]
    return kwargs


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
    queries = params.get("query", [])
    if not queries:
        if request.method == "GET":
            return Response(service_description(str(request.url)), media_type="text/turtle")
        raise Problem(400, "Bad Request", "no 'query' parameter: exactly one is required")
    if len(queries) > 1:
        raise Problem(400, "Bad Request", f"{len(queries)} 'query' parameters given: exactly one is allowed")
    kwargs = _dataset(params)
    store = request.app.state.store
    try:
        result = store.query(queries[0], **kwargs)
    except SyntaxError as exc:
        raise Problem(400, "Bad Request", f"SPARQL syntax error: {exc}") from None
    except ValueError as exc:
        raise Problem(400, "Bad Request", f"invalid query: {exc}") from None
    accept = request.headers.get("accept", "*/*")
    if fmt := (params.get("format") or [None])[0]:
        if fmt not in SHORT_FORMATS:
            raise Problem(400, "Bad Request", f"unknown format '{fmt}'; allowed: {', '.join(SHORT_FORMATS)}")
        accept = SHORT_FORMATS[fmt]
    if isinstance(result, ox.QueryTriples):
        media = _negotiate(accept, GRAPH_TYPES, "text/turtle")
        return Response(result.serialize(format=GRAPH_TYPES[media]), media_type=media)
    media = _negotiate(accept, RESULT_TYPES, "application/sparql-results+json")
    return Response(result.serialize(format=RESULT_TYPES[media]), media_type=media)


@router.get("/sparql", summary="SPARQL query (GET) or service description")
async def sparql_get(request: Request) -> Response:
    return await _handle(request)


@router.post("/sparql", summary="SPARQL query (POST: form or application/sparql-query)")
async def sparql_post(request: Request) -> Response:
    return await _handle(request)
