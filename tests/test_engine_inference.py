"""Rule materialisation: inferred graph separation, derivation records, explanations."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from engine.api import Engine
from engine.inference import materialise
from engine.rules import RuleError, load_rule, load_rules
from engine.statement import load_links
from engine.store import KnowledgeStore
from engine_toy import toy_store
from ontology import ASSERTED_GRAPH, INFERRED_GRAPH

LM = "https://w3id.org/limech/"
OBO = "http://purl.obolibrary.org/obo/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RECORD_PREFIXES = (LM + "derivation/", LM + "statement/", LM + "rule/")


def nn(local: str) -> ox.NamedNode:
    return ox.NamedNode(local if local.startswith("http") else LM + local)


def triples(store, graph: str) -> set:
    return {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, nn(graph))}


def content(store) -> set:
    """Inferred triples that are facts, not derivation records."""
    return {t for t in triples(store, INFERRED_GRAPH)
            if not (isinstance(t[0], ox.NamedNode) and t[0].value.startswith(RECORD_PREFIXES))}


@pytest.fixture(scope="module")
def toy():
    return toy_store()


def test_law_rule_attaches_law_to_link(toy):
    fact = (nn("T1"), nn("quantifiedBy"), nn("lawToy"))
    assert ox.Quad(*fact, nn(INFERRED_GRAPH)) in toy
    assert ox.Quad(*fact, nn(ASSERTED_GRAPH)) not in toy
    links = {lk.iri: lk for lk in load_links(KnowledgeStore(toy, None, ""))}
    assert links[LM + "T1"].laws == (LM + "lawToy",)
    assert links[LM + "T2"].laws == ()          # the law quantifies Corr -> Rough only


def test_inferred_triples_never_in_asserted_graph():
    store = toy_store(materialise=False)
    before = triples(store, ASSERTED_GRAPH)
    materialise(store)
    assert triples(store, ASSERTED_GRAPH) == before   # the asserted graph is untouched
    inferred = content(store)
    assert len(inferred) > 50
    assert not inferred & before


def test_every_inferred_fact_has_a_derivation_with_rule(toy):
    derived = {(r["s"], r["p"], r["o"]) for r in toy.query(f"""
        PREFIX lm: <{LM}> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?s ?p ?o WHERE {{ GRAPH <{INFERRED_GRAPH}> {{
          ?d a lm:Derivation ; lm:byRule ?r ; lm:derivedStatement ?st .
          ?r a lm:InferenceRule . ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }} }}""")}
    assert content(toy) == derived


def test_explanation_names_rule_and_premises(toy):
    ex = Engine(toy).explain("lm:T1", "lm:quantifiedBy", "toy law")
    assert ex.status == "inferred"
    assert ex.rule.name == "law_quantifies_link"
    assert ex.rule.file == "ontology/rules/law_quantifies_link.rq"
    premises = {(p.subject, p.predicate, p.object): p.status for p in ex.premises}
    assert premises[("lm:T1", "lm:cause", "lm:Corr")] == "asserted"
    assert premises[("lm:T1", "lm:effect", "lm:Rough")] == "asserted"
    assert any(p == "lm:quantifies" and s == "lm:lawToy" for s, p, _ in premises)


def test_explanation_recurses_through_inferred_premises(toy):
    # RO_0002411 follows (OWL 2 RL prp-spo1) from RO_0002304, itself inferred by the direct-edge rule.
    ex = Engine(toy).explain("toy corrosion", f"<{OBO}RO_0002411>", "toy roughness")
    assert ex.rule.name == "owl2rl-prp-spo1"
    inner = next(p for p in ex.premises if p.predicate.endswith("RO_0002304"))
    assert inner.status == "inferred" and inner.rule.name == "direct_causal_edge"
    assert ("lm:T1", "lm:sign", "lm:Increases") in {(p.subject, p.predicate, p.object) for p in inner.premises}


def test_asserted_and_absent_facts_are_told_apart(toy):
    eng = Engine(toy)
    assert eng.explain("lm:T1", "lm:cause", "lm:Corr").status == "asserted"
    assert eng.explain("lm:T1", "lm:cause", "lm:Rough").status == "absent"
    with pytest.raises(ValueError, match="not an IRI or a CURIE"):
        eng.explain("lm:T1", "causes", "lm:Rough")


def test_class_hierarchy_via_owl_rl_and_rule(toy):
    # "all processes that consume active lithium", through subclasses: Corr is typed only as a
    # ChemicalProcess; the rule types it from T10 (it decreases the active Li inventory).
    rows = {r["p"].value for r in toy.query(f"""PREFIX lm: <{LM}>
        SELECT ?p WHERE {{ ?p a lm:ActiveLithiumConsumingProcess }}""", use_default_graph_as_union=True)}
    assert rows == {LM + "Corr"}
    ex = Engine(toy).explain("lm:Corr", "a", "lm:ActiveLithiumConsumingProcess")
    assert ex.rule.name == "active_lithium_consumer"
    # subclass typing from OWL 2 RL, with its premises
    ex = Engine(toy).explain("lm:Coat", "a", "lm:Strategy")
    assert ex.rule.name == "owl2rl-cax-sco"
    assert ("lm:Coat", "rdf:type", "lm:FerroelectricStrategy") in {(p.subject, p.predicate, p.object) for p in ex.premises}


def test_materialise_is_idempotent(toy):
    store = toy_store()
    first = content(store)
    stats = materialise(store)
    assert content(store) == first
    assert stats["inferred_triples"] == len(first)
    assert stats["owl_rl_untraced"] == 0
    assert stats["per_rule"]["law_quantifies_link"] == 1


def test_rule_files_are_valid():
    names = {r.name for r in load_rules()}
    assert {"law_quantifies_link", "direct_causal_edge", "active_lithium_consumer"} <= names


@pytest.mark.parametrize("text, message", [
    ("PREFIX lm: <https://w3id.org/limech/>\nCONSTRUCT { ?a lm:x ?b } WHERE { ?a lm:y ?b }", "header"),
    ("# name: bad\n# infers: x\nPREFIX lm: <https://w3id.org/limech/>\nSELECT * WHERE { ?a lm:y ?b }", "CONSTRUCT"),
    ("# name: bad\n# infers: x\nPREFIX lm: <https://w3id.org/limech/>\nCONSTRUCT { ?a lm:x [ lm:z ?b ] } WHERE { ?a lm:y ?b }",
     "blank nodes"),
    ("# name: bad\n# infers: x\nCONSTRUCT { ?a lm:x ?b } WHERE { ?a lm:y ?b }", "does not parse"),
])
def test_bad_rule_files_are_rejected(tmp_path, text, message):
    path = tmp_path / "bad.rq"
    path.write_text(text)
    with pytest.raises(RuleError, match=message):
        load_rule(path)


def test_real_graph_inferred_facts_all_derived_and_separate(kb):
    store = kb.store
    inferred = content(store)
    assert inferred, "materialisation produced nothing on the real graph"
    assert not inferred & triples(store, ASSERTED_GRAPH)
    n_derivations = sum(1 for _ in store.quads_for_pattern(None, RDF_TYPE, nn("Derivation"), nn(INFERRED_GRAPH)))
    assert n_derivations == len(inferred)


def test_reasonable_and_owlrl_agree_on_the_toy_graph():
    from engine.owl_rl import owl_rl_closure
    store = toy_store(materialise=False)
    base = {(q.subject, q.predicate, q.object) for q in store}
    ref = owl_rl_closure(base, "owlrl")
    fast = owl_rl_closure(base, "reasonable")
    schema_only = {"scm-dom1", "scm-rng1"}               # not implemented by reasonable
    assert {t for t, (r, _) in ref.derived.items() if r not in schema_only} == set(fast.derived)
    assert ref.untraced == fast.untraced == 0
    with pytest.raises(ValueError, match="unknown OWL 2 RL reasoner"):
        owl_rl_closure(base, "hermit")


def test_inference_summary_counts_derivations(toy):
    summary = Engine(toy).inference_summary()
    assert summary["inferred_facts"] == len(content(toy))
    assert summary["per_rule"]["law_quantifies_link"] == 1
    assert summary["per_rule"]["direct_causal_edge"] == 10       # one RO edge per toy link
    assert summary["per_rule"]["active_lithium_consumer"] == 1
