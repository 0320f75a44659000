"""A small hand-made knowledge graph for the engine tests (schema + sources + toy links).

Toy mechanism (T1..T10, see LINKS):
    Corr -+-> Rough -+-> Field -+-> Dend ;  Field -+-> Tip -+-> Field (a reinforcing loop that
    lm:loopToy declares balancing and calls self-limiting: planted errors)
    Coat -−-> Field ;  Coat -−-> Rough ;  Coat lm:counters Dend
    Rough -+-> Dend (doc000) and Rough -−-> Dend (doc002): a planted opposite-sign contradiction
    Field -+-> Dend "in carbonate electrolytes" after Tip -+-> Field "in ether electrolytes"
    Corr -−-> active Li inventory ;  law lm:lawToy quantifies Corr -> Rough
"""
from __future__ import annotations

import pyoxigraph as ox

from ontology import ASSERTED_GRAPH, ONTOLOGY_DIR

TOY = """
@prefix lm: <https://w3id.org/limech/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix obo: <http://purl.obolibrary.org/obo/> .

lm:Corr a owl:NamedIndividual , lm:ChemicalProcess ; rdfs:label "toy corrosion" ; skos:altLabel "rusting" .
lm:Rough a owl:NamedIndividual , lm:PhysicalQuantity ; rdfs:label "toy roughness" .
lm:Field a owl:NamedIndividual , lm:PhysicalQuantity ; rdfs:label "toy tip field" .
lm:Tip a owl:NamedIndividual , lm:Structure ; rdfs:label "toy tip" .
lm:Dend a owl:NamedIndividual , lm:ElectrochemicalProcess ; rdfs:label "toy dendrite growth" .
lm:Coat a owl:NamedIndividual , lm:FerroelectricStrategy ; rdfs:label "toy coating" ; skos:altLabel "shared name" .
lm:Other a owl:NamedIndividual , lm:Material ; rdfs:label "toy other" ; skos:altLabel "shared name" .
lm:Coat lm:counters lm:Dend .
lm:ActiveLithiumInventory a owl:NamedIndividual , lm:PhysicalQuantity ; rdfs:label "active lithium inventory" .

lm:lawToy a owl:NamedIndividual , lm:Law ; rdfs:label "toy law" ;
    lm:quantifies [ a lm:LawRelation ; lm:fromEntity lm:Corr ; lm:toEntity lm:Rough ] .
"""

_LINK = """
lm:{iri} a owl:NamedIndividual , lm:CausalLink ; lm:cause lm:{c} ; lm:effect lm:{e} ;
    lm:sign lm:{sign} ; lm:mechanism "toy" ; lm:evidenceLevel lm:{ev} ; lm:quote "toy" ;
    {cond} lm:hasSource [ a lm:SourceLocation ; lm:document lm:{doc} ; lm:section "1" ] .
"""

LINKS = [  # iri, cause, effect, sign, evidence, document, condition
    ("T1", "Corr", "Rough", "Increases", "ExperimentalDirect", "doc000", None),
    ("T2", "Rough", "Field", "Increases", "EstablishedPhysics", "doc000", None),
    ("T3", "Field", "Tip", "Increases", "PlausibleHypothesis", "doc000", None),
    ("T4", "Tip", "Field", "Increases", "UncitedAssertion", "doc000", "in ether electrolytes"),
    ("T5", "Coat", "Field", "Decreases", "ProposedConcept", "doc000", None),
    ("T6", "Field", "Dend", "Increases", "ExperimentalIndirect", "doc000", "in carbonate electrolytes"),
    ("T7", "Coat", "Rough", "Decreases", "WorkingHypothesis", "doc000", None),
    ("T8", "Rough", "Dend", "Increases", "LiteratureCitedAssertion", "doc000", None),
    ("T9", "Rough", "Dend", "Decreases", "UncitedAssertion", "doc002", None),
    ("T10", "Corr", "ActiveLithiumInventory", "Decreases", "EstablishedPhysics", "doc000", None),
]

LOOP = """
lm:loopToy a owl:NamedIndividual , lm:FeedbackLoop ; rdfs:label "toy field loop" ;
    lm:polarity lm:Balancing ; rdfs:comment "the paper calls it self-limiting" ;
    lm:hasStep [ a lm:ChainStep ; lm:position 1 ; lm:stepLink lm:T3 ] ,
               [ a lm:ChainStep ; lm:position 2 ; lm:stepLink lm:T4 ] .
"""


def toy_turtle(links=LINKS, loop: bool = True) -> str:
    text = TOY
    for iri, c, e, sign, ev, doc, cond in links:
        text += _LINK.format(iri=iri, c=c, e=e, sign=sign, ev=ev, doc=doc,
                             cond=f'lm:condition "{cond}" ;' if cond else "")
    return text + (LOOP if loop else "")


def toy_store(links=LINKS, loop: bool = True, materialise: bool = True) -> ox.Store:
    """An in-memory store: schema, sources and the toy graph in the asserted graph."""
    store = ox.Store()
    g = ox.NamedNode(ASSERTED_GRAPH)
    for name in ("schema.ttl", "sources.ttl"):
        store.load(path=str(ONTOLOGY_DIR / name), format=ox.RdfFormat.TURTLE, to_graph=g)
    store.load(toy_turtle(links, loop).encode(), format=ox.RdfFormat.TURTLE, to_graph=g)
    if materialise:
        from engine.inference import materialise as run
        run(store)
    return store
