"""`make docs` and the user guide: the generated references cover the knowledge base and the API,
and every command the guide marks as runnable runs and prints what the guide shows."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ontology import PROJECT_DIR, load_graph

GUIDE = PROJECT_DIR / "docs" / "guide.md"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from api.docs import main

    out = tmp_path_factory.mktemp("docs")
    main(["--out", str(out)])
    return out


@pytest.fixture(scope="module")
def graph():
    return load_graph()


def test_ontology_reference_lists_every_class_and_entity(generated, graph):
    page = (generated / "ontology" / "index.html").read_text()
    assert "<b>causal link</b> <code>lm:CausalLink</code>" in page
    assert '<tr id="ChemicalCorrosion"><td><b>chemical corrosion</b>' in page
    assert "calendar corrosion" in page            # a synonym (skos:altLabel) of chemical corrosion
    lm = "https://w3id.org/limech/"
    classes = {str(c) for c in graph.query(
        "SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> }") if str(c[0]).startswith(lm)}
    missing = [c for (c,) in graph.query("SELECT ?c WHERE { ?c a <http://www.w3.org/2002/07/owl#Class> }")
               if str(c).startswith(lm) and f'id="{str(c)[len(lm):]}"' not in page]
    assert classes and not missing
    laws = [str(i) for (i,) in graph.query("SELECT ?i WHERE { ?l <https://w3id.org/limech/lawId> ?i }")]
    assert "sand_time_li_transference" in laws
    assert all(f'id="law_{i}"' in page for i in laws)
    assert "t_sand = pi*D*F**2*c_0**2*z**2/(4*J**2*(1 - t_Li)**2)" in page


def test_link_counts_per_source_match_the_turtle(generated, graph):
    """The per-source count on the page equals a count made here with rdflib over the sources."""
    page = (generated / "ontology" / "index.html").read_text()
    q = """SELECT (COUNT(DISTINCT ?l) AS ?n) WHERE { ?l a <https://w3id.org/limech/CausalLink> ;
             <https://w3id.org/limech/hasSource>/<https://w3id.org/limech/document> <https://w3id.org/limech/doc004> }"""
    n = int(next(iter(graph.query(q)))[0])
    assert n > 100
    row = re.search(r'<tr id="doc004">.*?</span></td><td>(\d+)</td>', page)
    assert row and int(row.group(1)) == n


def test_emmo_matches_are_named(generated):
    page = (generated / "ontology" / "index.html").read_text()
    if not (PROJECT_DIR.parent / "shared" / "vocabularies").is_dir():
        pytest.skip("EMMO vocabularies not present")
    # lm:SEI skos:exactMatch the EMMO electrochemistry class whose prefLabel is SolidElectrolyteInterphase
    assert re.search(r'electrochemistry_ecf136cb_2584_4cb1_98b7_2d2b3d22e40d">SolidElectrolyteInterphase \(EMMO\)', page)


def test_pylode_schema_page(generated):
    pytest.importorskip("pylode")
    page = (generated / "ontology" / "schema.html").read_text()
    assert "CausalLink" in page and "evidenceLevel" in page


def test_api_reference_covers_every_operation(generated):
    spec = json.loads((generated / "api" / "openapi.json").read_text())
    md = (generated / "api.md").read_text()
    for path in ("/sparql", "/effects", "/checks", "/links/{link_id}"):
        assert path in spec["paths"]
    for path, item in spec["paths"].items():
        for method in item:
            assert f"### {method.upper()} `{path}`" in md, (method, path)
    assert "| `from` | query | string | yes |" in md          # /effects?from=... is required
    assert "### CausalLink" in md and "`application/problem+json`" in md


def test_committed_api_reference_is_rendered_from_the_committed_schema():
    """docs/api.md in the repository is exactly the rendering of docs/api/openapi.json (no hand edits;
    `make docs` rewrites both)."""
    from api.docs_api import render_markdown

    spec = json.loads((PROJECT_DIR / "docs" / "api" / "openapi.json").read_text())
    assert (PROJECT_DIR / "docs" / "api.md").read_text() == render_markdown(spec)
