"""Sign agreement between laws and graph links, and elasticities composed along chains."""
import pytest
import sympy as sp

from engine.laws import (ChainError, chain_for_entities, compose_chain, elasticity, relation_sign,
                         sign_agreement)

LM = "https://w3id.org/limech/"


def pair(a, b):
    return (LM + a, LM + b)


def one(reports, law, cause, effect):
    found = [r for r in reports if r.law == law and r.cause == LM + cause and r.effect == LM + effect]
    assert len(found) == 1, found
    return found[0]


def test_sand_time_links_agree():
    graph = {pair("CurrentDensity", "SandsTime"): [-1], pair("LiIonTransferenceNumber", "SandsTime"): [1]}
    reps = sign_agreement(graph)
    assert one(reps, "sand_time", "CurrentDensity", "SandsTime").verdict == "agree"
    r = one(reps, "sand_time_li_transference", "LiIonTransferenceNumber", "SandsTime")
    assert r.verdict == "agree" and r.law_sign == 1 and r.method == "symbolic"


def test_wrong_graph_sign_is_reported_as_disagree():
    reps = sign_agreement({pair("CurrentDensity", "SandsTime"): [1]})
    assert one(reps, "sand_time", "CurrentDensity", "SandsTime").verdict == "disagree"


def test_positive_surface_depletes_li_in_plain_pb_and_names_adsorption_condition():
    # 000 §3.1: a positive ferroelectric surface binds anions AND enriches Li+ (graph sign +1).
    graph = {pair("BoundSurfaceCharge", "InterfacialLiIonConcentration"): [1],
             pair("BoundSurfaceCharge", "InterfacialAnionConcentration"): [1]}
    reps = sign_agreement(graph)
    li = one(reps, "boltzmann_surface_concentration", "BoundSurfaceCharge", "InterfacialLiIonConcentration")
    assert li.verdict == "disagree" and li.law_sign == -1
    assert "adsorbed anion charge exceeds the bound charge" in li.agrees_if
    assert "boltzmann_surface_concentration_adsorbed" in li.agrees_if
    an = one(reps, "boltzmann_surface_concentration", "BoundSurfaceCharge", "InterfacialAnionConcentration")
    assert an.verdict == "agree"
    ads = one(reps, "boltzmann_surface_concentration_adsorbed", "BoundSurfaceCharge",
              "InterfacialLiIonConcentration")
    assert ads.verdict == "condition-dependent" and "alpha_ads - 1 > 0" in ads.condition


def test_field_selectivity_is_condition_dependent():
    ls = relation_sign("field_lowered_barrier", "E_f", "r_AS")
    assert ls.sign is None and ls.condition_for(1).startswith("the field lowers the anion's barrier more")
    assert relation_sign("field_lowered_barrier", "E_f", "G_A").sign == -1


def test_dielectric_claims_of_000_against_continuum_laws():
    # Higher permittivity weakens ion pairing (Coulomb, Fuoss) and strengthens Born solvation.
    graph = {pair("DielectricConstant", "AnionCoordinationNumber"): [1],
             pair("DielectricConstant", "LiSolventInteraction"): [-1]}
    reps = sign_agreement(graph)
    assert one(reps, "fuoss_ion_pair_association", "DielectricConstant", "AnionCoordinationNumber").verdict \
        == "disagree"
    assert one(reps, "born_solvation", "DielectricConstant", "LiSolventInteraction").verdict == "disagree"


def test_numeric_fallback_and_domain_constraint():
    assert relation_sign("hemiellipsoid_enhancement", "nu", "beta").sign == 1  # sharper tip, more field
    assert relation_sign("bikerman_limit", "psi_0", "c_A_bik").sign == 1  # needs packing fraction < 1


def test_graph_sign_validation():
    with pytest.raises(ValueError, match=r"\+1 or -1"):
        sign_agreement({pair("CurrentDensity", "SandsTime"): [2]})


def test_unlinked_relations_listed_on_request():
    assert sign_agreement({}) == []
    allr = sign_agreement({}, include_unlinked=True)
    assert len(allr) > 40 and {r.verdict for r in allr} == {"no graph link"}


def test_chain_rule_composition_matches_direct_law():
    ch = compose_chain([("anion_transference", "t_Li", "t_a"), ("sand_time", "t_a", "t_sand")])
    direct = elasticity("sand_time_li_transference", "t_sand", "t_Li")
    assert sp.simplify(ch.elasticity - direct) == 0 and ch.sign == 1


def test_chain_for_entities_polarization_to_li_concentration():
    ch = chain_for_entities([LM + "RemanentPolarization", LM + "BoundSurfaceCharge",
                             LM + "InterfacialLiIonConcentration"])
    assert ch.sign == -1 and [s[0] for s in ch.steps] == ["bound_surface_charge", "boltzmann_surface_concentration"]


def test_chain_errors():
    with pytest.raises(ChainError, match="previous step's output"):
        compose_chain([("sand_time", "J", "t_sand"), ("debye_length", "c_0", "lambda_D")])
    with pytest.raises(ChainError, match="no law quantifies"):
        chain_for_entities(["SandsTime", "DebyeLength"])


def test_partial_chain_lists_missing_steps():
    ch = chain_for_entities(["CurrentDensity", "SandsTime", "DendriteGrowth"], strict=False)
    assert ch.missing == [("SandsTime", "DendriteGrowth")] and ch.sign == -1
