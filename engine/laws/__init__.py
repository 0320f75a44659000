"""Symbolic derivation engine: physical laws as sympy models, derived from governing equations.

Public API (used by the CLI and HTTP API)::

    list_laws() -> list[Law]                      # law_summary(law, with_forms=True) -> dict
    get_law(law_id) -> Law                         # UnknownLawError (a KeyError) if unknown
    derive(law_id) -> Derivation                   # .steps, .results, .latex(), .text(), .to_dict(); cached
    elasticities(law_id) -> tuple[Elasticity, ...] # d ln Y / d ln X, each with .to_dict()
    check_dimensions(law_id) -> dict[str, str]     # raises DimensionError
    relation_sign(law_id, input, output) -> LawSign
    sign_agreement(graph_signs, include_unlinked=False) -> list[SignReport]   # pure; .to_dict(), .text()
    graph_signs_from_rows(rows) / GRAPH_SIGNS_SPARQL  # build graph_signs from the store
    compose_chain([(law_id, input, output), ...]) -> ChainResult
    chain_for_entities([iri_or_name, ...]) -> ChainResult
    list_rules() -> list[Rule]; rule_summary(rule) -> dict
    evaluate_rule(name, {param: "value unit"}) -> RuleResult   # QuantityError on bad input; cached
    laws_turtle() -> str                           # the content of ontology/laws.ttl

Set LIMECH_LAWS_CACHE_DIR to keep derivations and sign analyses on disk between processes.
"""
from __future__ import annotations

from .base import Derivation, Law, Relation, Var
from .chain import ChainError, ChainResult, chain_for_entities, compose_chain
from .ontology_export import laws_turtle
from .registry import (Elasticity, UnknownLawError, check_dimensions, derive, elasticities, elasticity,
                       expression, get_law, list_laws)
from .rules import Rule, RuleResult, UnknownRuleError, evaluate_rule, get_rule, list_rules, solved
from .signs import (GRAPH_SIGNS_SPARQL, LawSign, SignReport, all_relation_signs, graph_signs_from_rows,
                    relation_sign, sign_agreement)
from .units import DimensionError, QuantityError


def law_summary(law: Law, with_forms: bool = True) -> dict:
    """JSON-ready description of a law (variables, outputs, relations).

    With ``with_forms`` the outputs carry their derived LaTeX/plain forms (derives the law, cached);
    without, the summary needs no derivation (fast listing).
    """
    import sympy as sp
    names = law.latex_names()
    if with_forms:
        d = derive(law.id)
        outputs = {o: {"latex": f"{law.var(o).latex} = {sp.latex(d.results[o], symbol_names=names)}",
                       "text": f"{o} = {sp.sstr(d.results[o])}"} for o in law.outputs}
    else:
        outputs = {o: {"meaning": law.var(o).meaning, "unit": law.var(o).unit} for o in law.outputs}
    return {
        "id": law.id, "label": law.label, "family": law.family, "iri": f"https://w3id.org/limech/law_{law.id}",
        "variables": [v.to_dict() for v in law.variables],
        "outputs": outputs,
        "assumptions": list(law.assumptions), "validity": list(law.validity), "source": law.source,
        "relations": [{"from": r.from_iri, "to": r.to_iri, "input": r.input, "output": r.output,
                       "note": r.note} for r in law.relations],
    }


def rule_summary(rule: Rule) -> dict:
    return {"name": rule.name, "description": rule.description, "law": rule.law,
            "solves_for": rule.solve_for, "display_unit": rule.display_unit, "source": rule.source,
            "params": [{"name": p.var.name, "meaning": p.var.meaning, "unit": p.var.unit, "what": p.what,
                        "domain": p.var.domain, "default": p.default, "default_source": p.default_source,
                        "aliases": list(p.aliases)}
                       for p in rule.params],
            "notes": list(rule.notes)}


__all__ = [
    "GRAPH_SIGNS_SPARQL", "graph_signs_from_rows", "ChainError", "ChainResult", "Derivation", "DimensionError", "Elasticity", "Law", "LawSign",
    "QuantityError", "Relation", "Rule", "RuleResult", "SignReport", "UnknownLawError", "UnknownRuleError",
    "Var", "all_relation_signs", "chain_for_entities", "check_dimensions", "compose_chain", "derive",
    "elasticities", "elasticity", "evaluate_rule", "expression", "get_law", "get_rule", "law_summary",
    "laws_turtle", "list_laws", "list_rules", "relation_sign", "rule_summary", "sign_agreement", "solved",
]
