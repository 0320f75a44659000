"""REST resources of the rule engine: signed effects, loops, conflicts, hypotheses, strategies,
explanations of inferred facts."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from api.deps import State, get_state
from api.problems import Problem
from engine.api import NameResolutionError
from engine.conflicts import Conflict
from engine.explain import Explanation
from engine.hypotheses import Hypothesis
from engine.interventions import StrategyRank
from engine.loops import LoopReport
from engine.paths import EffectResult

router = APIRouter(tags=["reasoning"])
Name = Annotated[str, Query(min_length=1, max_length=300, description="label, synonym, lm:Id or IRI")]


def _names(exc: NameResolutionError) -> Problem:
    return Problem(404 if exc.reason != "ambiguous" else 400,
                   "Unknown entity" if exc.reason != "ambiguous" else "Ambiguous entity", str(exc),
                   candidates=[c.label for c in exc.candidates])


@router.get("/effects", response_model=EffectResult, summary="Signed paths FROM -> TO and the net effect")
async def effects(
    state: Annotated[State, Depends(get_state)],
    frm: Annotated[str, Query(alias="from", min_length=1, max_length=300)],
    to: Name,
    max_length: Annotated[int, Query(ge=1, le=8)] = 6,
):
    """The serialised answer is memoised per (source IRI, target IRI, max_length) and per state of
    the store: a repeated question is served as ready JSON bytes on the event loop (no thread hop,
    no model validation or serialisation: the bytes are EffectResult.model_dump_json of the engine's
    answer); a new one is computed once in the thread pool, however many ask it at the same time."""
    cache = state.effects
    try:
        body = cache.hit(frm, to, max_length) or await cache.get(frm, to, max_length)
    except NameResolutionError as exc:
        raise _names(exc) from None
    except ValueError as exc:
        raise Problem(400, "Bad Request", str(exc)) from None
    return Response(body, media_type="application/json")


@router.get("/loops", response_model=LoopReport, summary="Feedback loops: found cycles and the papers' named loops")
def loops(state: Annotated[State, Depends(get_state)], max_length: Annotated[int, Query(ge=2, le=8)] = 6):
    return state.engine.loops(max_length=max_length)


@router.get("/conflicts", response_model=list[Conflict], summary="Contradictions within and between sources")
def conflicts(state: Annotated[State, Depends(get_state)]):
    return state.engine.conflicts()


@router.get("/hypotheses", response_model=list[Hypothesis],
            summary="Effects the composition implies where no paper states a direct link, best first")
def hypotheses(
    state: Annotated[State, Depends(get_state)],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    max_length: Annotated[int, Query(ge=2, le=4)] = 3,
    frm: Annotated[str | None, Query(alias="from", max_length=300)] = None,
    to: Annotated[str | None, Query(max_length=300)] = None,
):
    try:
        return state.engine.hypotheses(limit=limit, max_length=max_length, frm=frm or None, to=to or None)
    except NameResolutionError as exc:
        raise _names(exc) from None


@router.get("/strategies", response_model=list[StrategyRank],
            summary="Strategies ranked by the failure routes they cut, with evidence")
def strategies(state: Annotated[State, Depends(get_state)], max_length: Annotated[int, Query(ge=1, le=6)] = 5):
    return state.engine.rank_strategies(max_length=max_length)


@router.get("/explain", response_model=Explanation, summary="Why a triple holds: asserted, or inferred by which rule from what")
def explain(
    state: Annotated[State, Depends(get_state)],
    s: Annotated[str, Query(min_length=1, max_length=300)],
    p: Annotated[str, Query(min_length=1, max_length=300)],
    o: Annotated[str, Query(min_length=1, max_length=300)],
):
    try:
        return state.engine.explain(s, p, o)
    except NameResolutionError as exc:
        raise _names(exc) from None
    except ValueError as exc:
        raise Problem(400, "Bad Request", str(exc)) from None
