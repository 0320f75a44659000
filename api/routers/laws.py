"""REST resources of the derivation engine: laws (derived, LaTeX and text), design rules
evaluated for values with units, and sign agreement with the graph."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.cli_laws import graph_sign_reports, parse_given
from api.deps import State, get_state
from api.problems import Problem
from engine import laws as L

router = APIRouter(tags=["laws"])


@router.get("/laws", summary="Every law: variables with units, relations it quantifies, source")
def list_laws() -> list[dict]:
    return [L.law_summary(law, with_forms=False) for law in L.list_laws()]


@router.get("/laws/{law_id}", summary="One law with its derivation steps (LaTeX and plain text) and elasticities")
def get_law(law_id: str) -> dict:
    try:
        law = L.get_law(law_id)
    except L.UnknownLawError as exc:
        raise Problem(404, "Not Found", str(exc.args[0])) from None
    d = L.derive(law.id)
    return {**L.law_summary(law, with_forms=True), "derivation": d.to_dict(), "latex": d.latex(),
            "text": d.text(), "elasticities": [e.to_dict() for e in L.elasticities(law.id)]}


@router.get("/rules", summary="Design rules and the inputs each needs")
def list_rules() -> list[dict]:
    return [L.rule_summary(r) for r in L.list_rules()]


@router.get("/rules/{rule_id}", summary="Evaluate a design rule for given values with units")
def evaluate_rule(
    rule_id: str,
    given: Annotated[list[str], Query(max_length=300, description="NAME=VALUE with a unit, e.g. current_density=3 mA/cm^2; repeat")] = [],  # noqa: B006
) -> dict:
    try:
        return L.evaluate_rule(rule_id, parse_given(given)).to_dict()
    except L.UnknownRuleError as exc:
        raise Problem(404, "Not Found", str(exc.args[0])) from None
    except (L.QuantityError, L.DimensionError, ValueError) as exc:
        raise Problem(400, "Bad Request", str(exc)) from None


@router.get("/signs", summary="Each law's sign of d(effect)/d(cause) against the graph's sign")
def signs(state: Annotated[State, Depends(get_state)], all: bool = False) -> list[dict]:
    return [r.to_dict() for r in graph_sign_reports(state.store, include_unlinked=all)]
