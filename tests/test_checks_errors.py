"""Malformed chains, parameters and bindings give clear errors; the CLI commands."""
from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner


@pytest.fixture(scope="module")
def store():
    from engine.store import KnowledgeStore

    return KnowledgeStore.in_memory()


@pytest.mark.parametrize("chain, words", [
    ("noSuchChain", ["unknown checkable chain 'noSuchChain'", "fdAnionLiF", "transferenceSand"]),
    ("", ["non-empty", "corrosionTipDendrite"]),
])
def test_unknown_chain(store, chain, words):
    from engine.checks.api import CheckError, run_check

    with pytest.raises(CheckError) as exc:
        run_check(store, chain, record=False)
    assert all(w in str(exc.value) for w in words)


def test_chain_accepted_as_curie_and_iri(store):
    from engine.checks.api import run_check

    a = run_check(store, "lm:check_currentSand", record=False)
    b = run_check(store, "https://w3id.org/limech/check_currentSand", record=False)
    assert a.chain == b.chain == "currentSand"


@pytest.mark.parametrize("params, words", [
    ({"no_such_param": "1"}, ["unknown parameter 'no_such_param'", "depletion.transference_number"]),
    ({"transference_number": "1.5"}, ["'depletion.transference_number' = 1.5", "outside the allowed range [0, 1]"]),
    ({"current_density": "3 V"}, ["wrong dimension", "A/m**2"]),
    ({"current_density": "fast"}, ["neither a number", "current_density"]),
    ({"transference_number": "0.95"}, ["leaves its range", "transference_number"]),   # 0.95 * 1.1 > 1
])
def test_malformed_parameters(store, params, words):
    from engine.checks.api import CheckError, run_check

    with pytest.raises(CheckError) as exc:
        run_check(store, "transferenceSand", params=params, record=False)
    assert all(w in str(exc.value) for w in words), str(exc.value)


def test_computed_input_cannot_be_set(store):
    from engine.checks.api import CheckError, run_check

    with pytest.raises(CheckError, match="computed by the pipeline"):
        run_check(store, "fdAnionLiF", params={"reduction.anion_coordination": "0.3"}, record=False)


def test_bad_samples(store):
    from engine.checks.api import CheckError, run_check

    for bad in (-1, 1, 2.5, True):
        with pytest.raises(CheckError, match="samples"):
            run_check(store, "currentSand", samples=bad, record=False)


def test_malformed_binding_is_caught_by_the_shapes():
    """A checked link whose entity has no bound quantity, a missing knob and low >= high fail SHACL."""
    from pyshacl import validate
    from rdflib import RDF, Graph, URIRef

    from ontology import ONTOLOGY_DIR, SHAPES_FILE

    g = Graph()   # schema, entities and bindings (the full knowledge base is validated by `limech validate`)
    for path in [ONTOLOGY_DIR / "schema.ttl", ONTOLOGY_DIR / "bindings.ttl", *(ONTOLOGY_DIR / "entities").glob("*.ttl")]:
        g.parse(path, format="turtle")
    g.parse(data="""
        @prefix lm: <https://w3id.org/limech/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        lm:check_bad a lm:CheckableChain ; rdfs:label "bad" ; lm:pipeline "sand" ;
            lm:boundQuantity [ a lm:BoundQuantity ; lm:position 1 ; lm:boundEntity lm:CurrentDensity ;
                               lm:model "depletion" ; lm:output "current_density" ] ,
                             [ a lm:BoundQuantity ; lm:position 2 ; lm:boundEntity lm:SandsTime ;
                               lm:model "depletion" ; lm:output "sand_time_numeric" ] ;
            lm:checksLink [ a lm:CheckedLink ; lm:fromEntity lm:CurrentDensity ; lm:toEntity lm:DendriteGrowth ] ;
            lm:rangeParameter [ a lm:ParameterRange ; lm:parameter "x" ; lm:lowValue 2.0e0 ; lm:highValue 1.0e0 ;
                                lm:unitText "1" ; lm:rangeSource "test" ] .
        """, format="turtle")
    ok, report, _ = validate(g, shacl_graph=Graph().parse(SHAPES_FILE), inference="none", advanced=True)
    assert not ok
    sh = "http://www.w3.org/ns/shacl#"
    bad = "https://w3id.org/limech/check_bad"
    msgs = {str(report.value(r, URIRef(sh + "resultMessage"))) for r in report.subjects(RDF.type, URIRef(sh + "ValidationResult"))
            if str(report.value(r, URIRef(sh + "focusNode"))) == bad}
    ranges = {str(report.value(r, URIRef(sh + "resultMessage"))) for r in report.subjects(RDF.type, URIRef(sh + "ValidationResult"))
              if str(report.value(r, URIRef(sh + "sourceShape"))).endswith("ParameterRangeShape")}
    assert "a checkable chain has exactly one root-cause knob" in msgs
    assert "a checked link's cause and effect must both be bound quantities of the chain" in msgs
    assert ranges == {"a parameter range needs low < high"}


def test_cli_checks_lists_chains(cli):
    out = CliRunner().invoke(cli, ["checks", "--json"])
    assert out.exit_code == 0, out.output
    assert "fdAnionLiF" in {c["id"] for c in json.loads(out.output)}


def test_cli_check_json_and_plot(cli, tmp_path):
    out = CliRunner().invoke(cli, ["check", "currentSand", "--param", "current_density=20", "--json",
                                   "--plot", str(tmp_path)])
    assert out.exit_code == 0, out.output
    res = json.loads(out.output)
    assert res["verdict"] == "supported" and res["links"][0]["elasticity"] == pytest.approx(-2.0, rel=1e-3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["currentSand_chain.png", "currentSand_states.png"]


def test_cli_check_text_with_sweep(cli):
    out = CliRunner().invoke(cli, ["check", "transferenceSand", "--samples", "4"])
    assert out.exit_code == 0, out.output
    assert "verdict: supported" in out.output and "robustness: 4/4 samples evaluated" in out.output


def test_cli_check_errors(cli):
    out = CliRunner().invoke(cli, ["check", "nope"])
    assert out.exit_code == 2 and "unknown checkable chain 'nope'" in out.output
    out = CliRunner().invoke(cli, ["check", "currentSand", "--param", "current_density"])
    assert out.exit_code == 2 and "NAME=VALUE" in out.output


def test_cli_check_hypotheses(cli):
    out = CliRunner().invoke(cli, ["check", "hypotheses", "--limit", "4", "--json"])
    assert out.exit_code == 0, out.output
    hs = json.loads(out.output)
    assert len(hs) == 4 and all(h["verdict"] in ("supported", "not supported", "not evaluated") for h in hs)


def test_every_binding_names_outputs_its_pipeline_computes():
    """Bindings are data: a typo in a model output, knob, setting or range name must not pass."""
    from engine.checks.bindings import specs_from_file
    from engine.checks.evaluate import STATES, evaluate_states, pipeline_of
    from engine.checks.pipelines import parse_params

    specs = specs_from_file()
    assert len(specs) >= 8
    for spec in specs.values():
        pipe = pipeline_of(spec)
        parse_params(pipe, {spec.knob_parameter: pipe.table()[spec.knob_parameter].default})
        for r in spec.ranges:
            parse_params(pipe, {r.parameter: r.low})
            assert r.source and r.unit
        states = evaluate_states(spec, {})
        for s in STATES[spec.knob_mode]:
            assert not states[s]["_errors"], (spec.id, states[s]["_errors"])
            missing = [q.key for q in spec.quantities if q.key not in states[s]]
            assert not missing, (spec.id, missing)
            assert all(k in states[s] for k in spec.report_outputs), spec.id
