"""ontology/laws.ttl is the registry's export, and every entity it names exists in the knowledge base."""
from rdflib import Graph, Namespace, RDF
from rdflib.compare import isomorphic

from engine.laws import expression, laws_turtle, list_laws
from ontology import ONTOLOGY_DIR, load_graph

LM = Namespace("https://w3id.org/limech/")
FIXED_IDS = {"sand_time", "anion_transference", "limiting_current", "space_charge_field",
             "dendrite_front_velocity", "sphere_field", "hemisphere_boss_enhancement",
             "hemiellipsoid_enhancement", "sei_ionic_resistance", "parallel_patch_current_split",
             "tunneling_transmission", "sei_growth_tunneling", "sei_growth_diffusion", "sei_growth_reaction",
             "debye_length", "grahame", "boltzmann_surface_concentration", "bikerman_limit", "born_solvation",
             "coulomb_ion_pair", "field_lowered_barrier", "critical_nucleus_radius", "monroe_newman",
             "voigt_reuss", "linear_stability"}


def test_fixed_law_ids_present():
    assert FIXED_IDS <= {law.id for law in list_laws()}


def test_laws_ttl_is_up_to_date():
    committed = Graph().parse(ONTOLOGY_DIR / "laws.ttl", format="turtle")
    generated = Graph().parse(data=laws_turtle(), format="turtle")
    assert isomorphic(committed, generated), "regenerate ontology/laws.ttl from engine.laws.laws_turtle() (see docs/laws.md)"


def test_every_related_entity_is_declared():
    g = load_graph()
    for law in list_laws():
        assert (LM[f"law_{law.id}"], LM.lawId, None) in g
        for r in law.relations:
            for ent in (r.from_entity, r.to_entity):
                assert (LM[ent], RDF.type, None) in g, f"{law.id}: lm:{ent} is not declared in ontology/"
        for v in law.variables:
            if v.entity:
                assert (LM[v.entity], RDF.type, None) in g, f"{law.id}.{v.name}: lm:{v.entity} undeclared"


def test_relations_carry_symbols_of_the_law():
    for law in list_laws():
        names = {v.name for v in law.variables}
        for r in law.relations:
            assert r.input in names and r.output in law.outputs
            # the cause really enters the effect's expression (no relation with a zero derivative)
            assert law.var(r.input).sym in expression(law.id, r.output).free_symbols, (law.id, r)
