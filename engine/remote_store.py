"""An external triplestore: any SPARQL 1.1 endpoint, loaded through the Graph Store Protocol.

Selected by URL (``limech --store URL`` or ``$LIMECH_STORE``):

    embedded                          the on-disk pyoxigraph store (default)
    http://host:7878/query            a SPARQL 1.1 query endpoint (Oxigraph server, Fuseki, ...)

The Graph Store Protocol endpoint is ``$LIMECH_STORE_GSP`` or, by convention, the query URL with
its last path segment replaced: ``/query`` or ``/sparql`` -> ``/store`` (Oxigraph server) and
``/<ds>/query`` -> ``/<ds>/data`` (Fuseki, when the GSP variable says so).

The knowledge base is built locally exactly as for the embedded store (asserted graph, then the
inference build steps) and each named graph is PUT to the remote store. A fingerprint triple in
a metadata graph tells whether the remote content is current; it is reloaded when not.
The union default graph is expressed portably with one ``default-graph-uri`` per named graph.
Answers come back as pyoxigraph result objects, so the engine runs unchanged on either store.
"""
from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request

import pyoxigraph as ox

from engine.store import GRAPHS, KnowledgeStore, fingerprint
from ontology import PREFIXES

META_GRAPH = "https://w3id.org/limech/graph/meta"
FINGERPRINT = "https://w3id.org/limech/fingerprint"
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"


class RemoteStoreError(RuntimeError):
    pass


def gsp_url_for(query_url: str) -> str:
    env = os.environ.get("LIMECH_STORE_GSP")
    if env:
        return env
    parts = urllib.parse.urlsplit(query_url)
    head, _, last = parts.path.rstrip("/").rpartition("/")
    if last not in ("query", "sparql"):
        raise RemoteStoreError(
            f"cannot derive the Graph Store Protocol URL from {query_url}; set LIMECH_STORE_GSP")
    return urllib.parse.urlunsplit(parts._replace(path=f"{head}/store", query=""))


def _prefixed(query: str, prefixes: dict | None) -> str:
    if not prefixes:
        return query
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in prefixes.items()) + query


class SparqlEndpoint:
    """The subset of ``pyoxigraph.Store`` the engine uses (query, update), over HTTP."""

    def __init__(self, query_url: str, gsp_url: str, timeout: float = 60.0):
        self.query_url, self.gsp_url, self.timeout = query_url, gsp_url, timeout
        self.update_url = os.environ.get("LIMECH_STORE_UPDATE") or query_url.rsplit("/", 1)[0] + "/update"

    def _send(self, req: urllib.request.Request) -> tuple[str, bytes]:
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return resp.headers.get("content-type", ""), resp.read()
        except urllib.error.HTTPError as exc:
            body = exc.read().decode(errors="replace")[:500]
            if exc.code == 400:
                raise SyntaxError(f"the endpoint rejected the request: {body}") from None
            raise RemoteStoreError(f"{req.full_url} answered {exc.code}: {body}") from None
        except urllib.error.URLError as exc:
            raise RemoteStoreError(f"cannot reach {req.full_url}: {exc.reason}") from None

    def query(self, query: str, *, prefixes=None, use_default_graph_as_union=False, default_graph=None,
              named_graphs=None, **_ignored):
        params: list[tuple[str, str]] = [("query", _prefixed(query, prefixes))]
        if default_graph is not None:
            graphs = default_graph if isinstance(default_graph, list) else [default_graph]
            params += [("default-graph-uri", g.value) for g in graphs]
        elif use_default_graph_as_union:
            params += [("default-graph-uri", iri) for iri in list(GRAPHS.values()) + [META_GRAPH]]
        for g in named_graphs or []:
            params.append(("named-graph-uri", g.value))
        body = urllib.parse.urlencode(params).encode()
        req = urllib.request.Request(self.query_url, data=body, method="POST", headers={
            "content-type": "application/x-www-form-urlencoded", "accept": ACCEPT})
        ctype, payload = self._send(req)
        if ctype.startswith("application/n-triples"):
            return _Triples(list(ox.parse(payload, format=ox.RdfFormat.N_TRIPLES)))
        if ctype.startswith("application/sparql-results+json") or ctype.startswith("application/json"):
            return ox.parse_query_results(payload, format=ox.QueryResultsFormat.JSON)
        raise RemoteStoreError(f"unexpected content type '{ctype}' from {self.query_url}")

    def update(self, update: str) -> None:
        req = urllib.request.Request(self.update_url, data=update.encode(), method="POST",
                                     headers={"content-type": "application/sparql-update"})
        self._send(req)

    def put_graph(self, graph_iri: str, triples: list) -> None:
        url = f"{self.gsp_url}?{urllib.parse.urlencode({'graph': graph_iri})}"
        data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        req = urllib.request.Request(url, data=data, method="PUT",
                                     headers={"content-type": "application/n-triples"})
        self._send(req)

    def flush(self) -> None:
        """Nothing to flush: every write is an HTTP request."""


class _Triples(list):
    """CONSTRUCT/DESCRIBE answers: a list of triples that serialises like pyoxigraph's."""

    def serialize(self, format):
        return ox.serialize(list(self), format=format)


class RemoteStore(KnowledgeStore):
    """The knowledge store on an external SPARQL endpoint."""

    def __init__(self, endpoint: SparqlEndpoint, fp: str):
        super().__init__(endpoint, None, fp)
        self.url = endpoint.query_url

    @classmethod
    def open(cls, url: str, reload: bool = False) -> "RemoteStore":  # type: ignore[override]
        endpoint = SparqlEndpoint(url, gsp_url_for(url))
        fp = fingerprint()
        store = cls(endpoint, fp)
        if reload or store.remote_fingerprint() != fp:
            store.load()
        return store

    def remote_fingerprint(self) -> str | None:
        rows = self.select(f"SELECT ?f WHERE {{ GRAPH <{META_GRAPH}> {{ ?s <{FINGERPRINT}> ?f }} }}", union=False)
        return rows[0]["f"] if rows else None

    def load(self) -> None:
        """Build the dataset locally and PUT each named graph (checks are kept as they are)."""
        local = KnowledgeStore.in_memory()
        for name in ("asserted", "inferred"):
            graph = ox.NamedNode(GRAPHS[name])
            triples = [ox.Triple(q.subject, q.predicate, q.object)
                       for q in local.store.quads_for_pattern(None, None, None, graph)]
            self.store.put_graph(GRAPHS[name], triples)
        meta = ox.Triple(ox.NamedNode(GRAPHS["asserted"]), ox.NamedNode(FINGERPRINT), ox.Literal(self.fingerprint))
        self.store.put_graph(META_GRAPH, [meta])

    def graph_size(self, graph_iri: str) -> int:
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", union=False)
        return int(rows[0]["n"])

    def replace_graph(self, graph_iri: str, triples) -> None:
        self.store.put_graph(graph_iri, [ox.Triple(t.subject, t.predicate, t.object) for t in triples])


def open_store(url: str | None = None):
    """The store a URL names: ``embedded`` (default) or a SPARQL endpoint URL."""
    url = url or os.environ.get("LIMECH_STORE") or "embedded"
    if url == "embedded":
        return KnowledgeStore.open()
    if url.startswith(("http://", "https://")):
        return RemoteStore.open(url)
    raise ValueError(f"unknown store '{url}': use 'embedded' or the URL of a SPARQL query endpoint (http://…)")
