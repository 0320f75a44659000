"""The ontology reference, generated from the Turtle sources.

Two pages under ``<out>/ontology/``:

* ``schema.html``: pyLODE's OntPub rendering of ``ontology/schema.ttl`` (classes and properties
  with their axioms), written when the optional ``docs`` dependency group is installed.
  pyLODE documents classes and properties only, not individuals, so it cannot show the knowledge.
* ``index.html``: our own rendering of the whole knowledge base (every class, property and entity
  with label, synonyms, definition, category and EMMO matches; causal links per source by sign and
  evidence level; the laws), always written.
"""
from __future__ import annotations

import html
import os
from collections import Counter, defaultdict
from pathlib import Path

from engine import catalog

LM = "https://w3id.org/limech/"
EMMO = "https://w3id.org/emmo/"


def asserted_store():
    """The Turtle sources in an in-memory store (asserted knowledge only, no inference)."""
    import pyoxigraph as ox

    from engine.store import KnowledgeStore
    from engine.knowledge import ASSERTED_GRAPH, content_hash, knowledge_files

    store = ox.Store()
    for path in knowledge_files():
        store.load(path=str(path), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ASSERTED_GRAPH))
    return KnowledgeStore(store, None, content_hash())


def _local(iri: str | None) -> str:
    """A CURIE (``lm:CausalLink``, ``prov:Entity``) where a project prefix fits, else the IRI."""
    from engine.knowledge import PREFIXES

    if not iri:
        return ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _ref(iri: str | None, label: str | None = None) -> str:
    """A link to the anchor of an lm: term on this page, or to an external IRI."""
    if not iri:
        return ""
    if iri.startswith(LM):
        return f'<a href="#{_e(iri[len(LM):])}">{_e(label or _local(iri))}</a>'
    return f'<a href="{_e(iri)}">{_e(label or _local(iri))}</a>'


def emmo_labels(iris: set[str]) -> dict[str, str]:
    """prefLabels of EMMO IRIs from the local vocabularies ($LIMECH_VOCABULARIES, default
    ../shared/vocabularies); empty when that directory is absent."""
    import pyoxigraph as ox

    from engine.knowledge import PROJECT_DIR

    folder = Path(os.environ.get("LIMECH_VOCABULARIES", PROJECT_DIR.parent / "shared" / "vocabularies"))
    wanted = {i for i in iris if i.startswith(EMMO)}
    if not wanted or not folder.is_dir():
        return {}
    store = ox.Store()
    for path in sorted(folder.glob("*.ttl")):
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    pref = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
    out = {}
    for iri in wanted:
        for quad in store.quads_for_pattern(ox.NamedNode(iri), pref, None):
            if getattr(quad.object, "language", None) in (None, "en"):
                out[iri] = quad.object.value
    return out


_CLASSES = """SELECT ?c ?label ?comment ?def ?sup WHERE { ?c a owl:Class .
  FILTER(STRSTARTS(STR(?c), STR(lm:))) OPTIONAL { ?c rdfs:label ?label } OPTIONAL { ?c rdfs:comment ?comment }
  OPTIONAL { ?c skos:definition ?def } OPTIONAL { ?c rdfs:subClassOf ?sup FILTER(isIRI(?sup)) } }"""
_MEMBERS = "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c"
_PROPERTIES = """SELECT ?p ?type ?label ?comment ?domain ?range WHERE { ?p a ?type .
  FILTER(?type IN (owl:ObjectProperty, owl:DatatypeProperty, owl:AnnotationProperty))
  FILTER(STRSTARTS(STR(?p), STR(lm:))) OPTIONAL { ?p rdfs:label ?label } OPTIONAL { ?p rdfs:comment ?comment }
  OPTIONAL { ?p rdfs:domain ?domain FILTER(isIRI(?domain)) } OPTIONAL { ?p rdfs:range ?range FILTER(isIRI(?range)) } }"""
_LINKS = """SELECT ?d ?sign ?ev (COUNT(DISTINCT ?link) AS ?n) WHERE {
  ?link a lm:CausalLink ; lm:sign ?sign ; lm:evidenceLevel ?ev ; lm:hasSource/lm:document ?d }
  GROUP BY ?d ?sign ?ev"""
_ENTITY_LINKS = """SELECT ?e ?role (COUNT(DISTINCT ?link) AS ?n) WHERE {
  { ?link a lm:CausalLink ; lm:cause ?e BIND("cause" AS ?role) } UNION
  { ?link a lm:CausalLink ; lm:effect ?e BIND("effect" AS ?role) } } GROUP BY ?e ?role"""
_EVIDENCE = "SELECT ?ev ?label ?rank WHERE { ?ev lm:evidenceRank ?rank OPTIONAL { ?ev rdfs:label ?label } }"
_LAWS = """SELECT ?law ?label ?id ?latex ?plain ?cit WHERE { ?law a lm:Law ; rdfs:label ?label ; lm:lawId ?id .
  OPTIONAL { ?law lm:latex ?latex } OPTIONAL { ?law lm:plainForm ?plain }
  OPTIONAL { ?law dcterms:bibliographicCitation ?cit } } ORDER BY ?id"""
_LAW_NOTES = "SELECT ?law ?note WHERE { ?law a lm:Law ; lm:note ?note }"
_LAW_RELATIONS = """SELECT ?law ?from ?to ?in ?out WHERE { ?law a lm:Law ; lm:quantifies ?r .
  ?r lm:fromEntity ?from ; lm:toEntity ?to OPTIONAL { ?r lm:inputSymbol ?in } OPTIONAL { ?r lm:outputSymbol ?out } }"""
_ONTOLOGY = """SELECT ?label ?comment ?version WHERE { ?o a owl:Ontology .
  OPTIONAL { ?o rdfs:label ?label } OPTIONAL { ?o rdfs:comment ?comment } OPTIONAL { ?o owl:versionInfo ?version } }"""


def collect(store) -> dict:
    """Everything the reference page shows, as plain data (also used by the tests)."""
    classes: dict[str, dict] = {}
    for r in store.select(_CLASSES, union=True):
        c = classes.setdefault(r["c"], {"label": r["label"] or _local(r["c"]), "comment": None,
                                        "supers": set(), "subs": set()})
        c["comment"] = r["comment"] or r["def"] or c["comment"]
        if r["sup"]:
            c["supers"].add(r["sup"])
    for iri, c in classes.items():
        for sup in c["supers"]:
            if sup in classes:
                classes[sup]["subs"].add(iri)
    members = {r["c"]: int(r["n"]) for r in store.select(_MEMBERS)}
    props: dict[str, dict] = {}
    for r in store.select(_PROPERTIES):
        p = props.setdefault(r["p"], {"types": set(), "label": r["label"] or _local(r["p"]),
                                      "comment": r["comment"], "domain": set(), "range": set()})
        p["types"].add(r["type"].rsplit("#", 1)[-1])
        p["domain"] |= {r["domain"]} if r["domain"] else set()
        p["range"] |= {r["range"]} if r["range"] else set()
    entities = catalog.entities(store)
    sources = catalog.sources(store)
    links: dict[str, dict[str, Counter]] = defaultdict(lambda: {"sign": Counter(), "evidence": Counter()})
    for r in store.select(_LINKS):
        links[r["d"]]["sign"][_local(r["sign"])[3:]] += int(r["n"])
        links[r["d"]]["evidence"][r["ev"]] += int(r["n"])
    roles: dict[str, Counter] = defaultdict(Counter)
    for r in store.select(_ENTITY_LINKS):
        roles[r["e"]][r["role"]] = int(r["n"])
    evidence = sorted(((r["ev"], r["label"] or _local(r["ev"]), int(r["rank"])) for r in store.select(_EVIDENCE)),
                      key=lambda t: -t[2])
    laws = [dict(r, notes=[], relations=[]) for r in store.select(_LAWS)]
    by_law = {law["law"]: law for law in laws}
    for r in store.select(_LAW_NOTES):
        if r["law"] in by_law:
            by_law[r["law"]]["notes"].append(r["note"])
    for r in store.select(_LAW_RELATIONS):
        if r["law"] in by_law:
            by_law[r["law"]]["relations"].append(r)
    onto = (store.select(_ONTOLOGY) or [{}])[0]
    matches = {m for e in entities for m in e.matches}
    return {"ontology": onto, "classes": classes, "members": members, "properties": props,
            "entities": entities, "sources": sources, "links": dict(links), "roles": dict(roles), "evidence": evidence,
            "laws": laws, "emmo": emmo_labels(matches)}


_CSS = """body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;line-height:1.4}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;
vertical-align:top;text-align:left}th{background:#f3f3f3}code{background:#f6f6f6;padding:0 .2rem}
.term{margin:.2rem 0 1rem}.muted{color:#666}nav a{margin-right:1rem}"""


def _section(anchor: str, title: str, body: list[str]) -> list[str]:
    return [f'<h2 id="{anchor}">{_e(title)}</h2>', *body]


def render(data: dict, schema_page: str | None) -> str:
    """The reference page (HTML) for the data returned by :func:`collect`."""
    classes, props, members = data["classes"], data["properties"], data["members"]
    onto = data["ontology"]
    ents, emmo, roles = data["entities"], data["emmo"], data["roles"]
    n_links = sum(sum(v["sign"].values()) for v in data["links"].values())
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{_e(onto.get('label') or 'limech ontology')}</title><style>{_CSS}</style></head><body>",
           f"<h1>{_e(onto.get('label') or 'limech ontology')}</h1>",
           f"<p>{_e(onto.get('comment') or '')}</p>",
           f"<p class=muted>Namespace <code>{LM}</code> (prefix <code>lm:</code>), version "
           f"{_e(onto.get('version') or '?')}. Generated from the Turtle sources under "
           f"<code>ontology/</code> by <code>make docs</code>. {len(classes)} classes, {len(props)} "
           f"properties, {len(ents)} entities, {n_links} causal links, {len(data['laws'])} laws.</p>"]
    if schema_page:
        out.append(f'<p>The schema alone, with every axiom, as rendered by pyLODE: '
                   f'<a href="{_e(schema_page)}">{_e(schema_page)}</a>.</p>')
    out.append('<nav><a href="#classes">Classes</a><a href="#properties">Properties</a>'
               '<a href="#entities">Entities</a><a href="#sources">Causal links per source</a>'
               '<a href="#laws">Laws</a></nav>')

    body = []
    for iri in sorted(classes, key=lambda i: classes[i]["label"].lower()):
        c = classes[iri]
        sup = ", ".join(_ref(s, classes.get(s, {}).get("label")) for s in sorted(c["supers"]))
        sub = ", ".join(_ref(s, classes[s]["label"]) for s in sorted(c["subs"], key=lambda s: classes[s]["label"]))
        body.append(f'<div class=term id="{_e(iri[len(LM):])}"><b>{_e(c["label"])}</b> '
                    f'<code>{_e(_local(iri))}</code> <span class=muted>{members.get(iri, 0)} member(s)</span>'
                    + (f"<br>{_e(c['comment'])}" if c["comment"] else "")
                    + (f"<br>subclass of {sup}" if sup else "") + (f"<br>subclasses: {sub}" if sub else "")
                    + "</div>")
    out += _section("classes", "Classes", body)

    rows = ["<table><tr><th>property</th><th>kind</th><th>domain</th><th>range</th><th>comment</th></tr>"]
    for iri in sorted(props, key=lambda i: _local(i).lower()):
        p = props[iri]
        rows.append(f'<tr id="{_e(iri[len(LM):])}"><td><code>{_e(_local(iri))}</code><br>{_e(p["label"])}</td>'
                    f"<td>{_e(', '.join(sorted(p['types'])))}</td>"
                    f"<td>{', '.join(_ref(d) for d in sorted(p['domain']))}</td>"
                    f"<td>{', '.join(_ref(r) for r in sorted(p['range']))}</td><td>{_e(p['comment'] or '')}</td></tr>")
    out += _section("properties", "Properties", rows + ["</table>"])

    by_cat: dict[str, list] = defaultdict(list)
    for ent in ents:
        by_cat[", ".join(ent.category_labels) or "uncategorised"].append(ent)
    body = []
    for cat in sorted(by_cat, key=str.lower):
        body.append(f"<h3>{_e(cat)} ({len(by_cat[cat])})</h3><table><tr><th>entity</th><th>synonyms</th>"
                    "<th>definition</th><th>EMMO / external matches</th><th>links as cause / effect</th></tr>")
        for ent in by_cat[cat]:
            match = "<br>".join(_ref(m, f"{emmo[m]} (EMMO)" if m in emmo else m) for m in ent.matches)
            body.append(f'<tr id="{_e(ent.id)}"><td><b>{_e(ent.label)}</b><br><code>lm:{_e(ent.id)}</code></td>'
                        f"<td>{_e('; '.join(ent.synonyms))}</td><td>{_e(ent.definition or '')}</td><td>{match}</td>"
                        f"<td>{roles.get(ent.iri, {}).get('cause', 0)} / {roles.get(ent.iri, {}).get('effect', 0)}</td></tr>")
        body.append("</table>")
    out += _section("entities", "Entities", body)

    ev = data["evidence"]
    signs = sorted({s for v in data["links"].values() for s in v["sign"]})
    head = "".join(f"<th>{_e(s)}</th>" for s in signs) + "".join(f"<th>{_e(lab)} ({rank})</th>" for _, lab, rank in ev)
    rows = [f"<table><tr><th>source</th><th>links</th><th>quantity values</th>{head}</tr>"]
    for src in data["sources"]:
        cnt = data["links"].get(src.iri, {"sign": Counter(), "evidence": Counter()})
        cells = "".join(f"<td>{cnt['sign'].get(s, 0)}</td>" for s in signs)
        cells += "".join(f"<td>{cnt['evidence'].get(i, 0)}</td>" for i, _, _ in ev)
        doi = f' <a href="https://doi.org/{_e(src.doi)}">doi:{_e(src.doi)}</a>' if src.doi else ""
        rows.append(f'<tr id="{_e(src.id)}"><td><code>lm:{_e(src.id)}</code> {_e(src.title or src.label)}{doi}'
                    f"<br><span class=muted>{_e(src.seed_file or '')}</span></td><td>{src.links}</td>"
                    f"<td>{src.quantity_values}</td>{cells}</tr>")
    out += _section("sources", "Causal links per source", [
        "<p>Counts of <code>lm:CausalLink</code> individuals by sign and by evidence level (rank in "
        "brackets, strongest first); a link citing two documents counts for both.</p>", *rows, "</table>"])

    body = []
    for law in data["laws"]:
        rel = "; ".join(f"{_ref(r['from'])} → {_ref(r['to'])} ({_e(r['in'] or '?')} → {_e(r['out'] or '?')})"
                        for r in law["relations"])
        notes = "".join(f"<li>{_e(n)}</li>" for n in sorted(law["notes"]))
        body.append(f'<div class=term id="law_{_e(law["id"])}"><b>{_e(law["label"])}</b> <code>{_e(law["id"])}</code>'
                    f"<br><code>{_e(law['plain'] or '')}</code><br><span class=muted>{_e(law['cit'] or '')}</span>"
                    + (f"<br>quantifies: {rel}" if rel else "") + (f"<ul>{notes}</ul>" if notes else "") + "</div>")
    out += _section("laws", "Laws", body)
    out.append("</body></html>")
    return "\n".join(out)


def write_schema_page(target: Path) -> bool:
    """pyLODE's page for ontology/schema.ttl; False (and nothing written) if pyLODE is absent."""
    import logging

    try:
        from pylode import OntPub
    except ImportError:
        return False
    finally:   # pyLODE's import calls logging.basicConfig(level=DEBUG) on the root logger
        logging.getLogger().setLevel(logging.WARNING)
    from engine.knowledge import ONTOLOGY_DIR

    target.write_text(OntPub(str(ONTOLOGY_DIR / "schema.ttl")).make_html(), encoding="utf-8")
    return True


def write(out_dir: Path, store=None) -> list[Path]:
    """Write ``<out_dir>/ontology/index.html`` (and ``schema.html`` with pyLODE); the paths written."""
    folder = Path(out_dir) / "ontology"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    schema = folder / "schema.html"
    if write_schema_page(schema):
        written.append(schema)
    index = folder / "index.html"
    index.write_text(render(collect(store or asserted_store()), schema.name if written else None), encoding="utf-8")
    return [index] + written
