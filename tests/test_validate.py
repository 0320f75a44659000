"""`limech validate`: the real knowledge base passes every check, and each check catches
the fault it is there for."""
from __future__ import annotations

import json

import pytest
from rdflib import Graph
from typer.testing import CliRunner

from engine import validate as v
from ontology import load_graph

PREFIXES = """
@prefix lm: <https://w3id.org/limech/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix obo: <http://purl.obolibrary.org/obo/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
GOOD_QUOTE = "spontaneous chemical corrosion between the Li anode and electrolyte"


def _link(iri: str, cause="lm:ChemicalCorrosion", effect="lm:SurfaceRoughness", sign="lm:Increases",
          quote=GOOD_QUOTE, edge=True, extra="") -> str:
    edge_triple = f"{cause} obo:RO_0002304 {effect} ." if edge else ""
    literal = "'''" + quote + "'''"
    return f"""
{iri} a owl:NamedIndividual , lm:CausalLink ; lm:cause {cause} ; lm:effect {effect} ; lm:sign {sign} ;
  lm:mechanism "m" ; lm:evidenceLevel lm:PlausibleHypothesis ; lm:quote {literal} ;
  lm:hasSource [ a lm:SourceLocation ; lm:document lm:doc000 ; lm:section "1" ] {extra} .
{edge_triple}
"""


@pytest.fixture(scope="module")
def base() -> Graph:
    return load_graph()


def _with(base: Graph, turtle: str) -> Graph:
    g = Graph()
    for t in base:
        g.add(t)
    g.parse(data=PREFIXES + turtle, format="turtle")
    return g


@pytest.fixture(scope="module")
def report():
    return v.validate(hermit=True)


def test_real_knowledge_base_passes_every_check(report):
    failed = {c.name: c.details[:10] for c in report.checks if not c.passed}
    assert not failed, failed


def test_report_counts_what_the_knowledge_base_holds(report):
    c = report.counts
    assert c["links"] >= 100 and c["entities"] >= 100
    assert c["quotes_verified"] >= c["links"], "every link's quote is verified"
    assert c["loops"] >= 2 and c["chains"] >= 2
    assert report.per_source["doc000"]["links"] >= 100


def test_shacl_accepts_a_well_formed_link(base):
    assert v.check_shacl(_with(base, _link("lm:Lok"))).passed


def test_shacl_rejects_missing_edge_second_cause_and_missing_quote(base):
    bad = (_link("lm:Lnoedge", cause="lm:Nucleation", effect="lm:NucleationDensity", edge=False)
           + _link("lm:Ltwocauses", extra="; lm:cause lm:SEIGrowth")
           + """
lm:Lnoquote a lm:CausalLink ; lm:cause lm:SEIGrowth ; lm:effect lm:SEIThickness ; lm:sign lm:Increases ;
  lm:mechanism "m" ; lm:evidenceLevel lm:PlausibleHypothesis ;
  lm:hasSource [ a lm:SourceLocation ; lm:document lm:doc000 ; lm:section "1" ] .
lm:SEIGrowth obo:RO_0002304 lm:SEIThickness .
""")
    result = v.check_shacl(_with(base, bad))
    text = "\n".join(result.details)
    assert not result.passed
    assert "Lnoedge: the direct RO edge" in text
    assert "Ltwocauses: a causal link has exactly one cause" in text
    assert "Lnoquote: a causal link has a verbatim quote" in text


def test_quote_check_rejects_invented_and_overlong_quotes(base):
    long_quote = " ".join(["word"] * 31)
    g = _with(base, _link("lm:Lfake", quote="corrosion is good for batteries")
              + _link("lm:Llong", quote=long_quote) + _link("lm:Lgood"))
    verified, problems = v.verify_quotes(g)
    by_subject = {p.subject.rsplit("/", 1)[-1]: p.problem for p in problems}
    assert "not found verbatim in 000_496ac75481c66ea5.txt" in by_subject["Lfake"]
    assert "31 words" in by_subject["Llong"]
    assert "Lgood" not in by_subject


def test_quote_check_normalises_whitespace_only(base):
    spaced = GOOD_QUOTE.replace(" ", "\n   ")
    altered = GOOD_QUOTE.replace("Li anode", "Li-anode")
    _, problems = v.verify_quotes(_with(base, _link("lm:Lspaced", quote=spaced) + _link("lm:Lalt", quote=altered)))
    assert [p.subject.rsplit("/", 1)[-1] for p in problems] == ["Lalt"]


def test_hermit_finds_an_entity_that_is_both_a_process_and_a_quantity(base):
    assert not v.check_hermit(_with(base, "lm:ChemicalCorrosion a lm:PhysicalQuantity .")).passed


def test_duplicate_labels_across_entities_are_reported(base):
    g = _with(base, 'lm:LithiumFluoride2 a owl:NamedIndividual , lm:InorganicSEIComponent ; rdfs:label "lithium fluoride" .')
    result = v.check_unique_labels(g)
    assert not result.passed
    assert any("lithium fluoride" in d and "LiF" in d for d in result.details)


def test_cli_validate_json_and_exit_code(report, monkeypatch):
    from api.cli import app

    monkeypatch.setattr(v, "validate", lambda hermit=True: report)
    res = CliRunner().invoke(app, ["validate", "--json"])
    data = json.loads(res.stdout)
    assert res.exit_code == (0 if report.passed else 1)
    assert set(data["counts"]) >= {"links", "entities", "chains", "loops", "quotes_verified"}
