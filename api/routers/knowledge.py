"""REST resources over the asserted knowledge: entities, causal links, sources."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api.deps import State, get_state
from api.problems import Problem
from engine import catalog
from engine.chains import Chain, chains
from engine.verdicts import LinkVerdict, link_verdicts
from engine.statement import CausalLink

router = APIRouter(tags=["knowledge"])
SIGNS = ("increases", "decreases", "enables", "prevents", "converts to")


@router.get("/entities", response_model=list[catalog.Entity], summary="Search entities by label or synonym")
def list_entities(
    state: Annotated[State, Depends(get_state)],
    q: Annotated[str | None, Query(max_length=200, description="substring of a label or synonym")] = None,
    category: Annotated[str | None, Query(max_length=100, description="class id or label, e.g. Anion")] = None,
):
    return catalog.entities(state.store, search=q, category=category)


@router.get("/entities/{entity_id}", response_model=catalog.Entity, summary="One entity")
def get_entity(entity_id: str, state: Annotated[State, Depends(get_state)]):
    found = catalog.entity(state.store, entity_id)
    if found is None:
        raise Problem(404, "Not Found", f"no entity '{entity_id}'; search with /entities?q=")
    return found


@router.get("/links", response_model=list[CausalLink], summary="Causal links, filtered")
def list_links(
    state: Annotated[State, Depends(get_state)],
    cause: Annotated[str | None, Query(max_length=300, description="entity IRI, lm:Id or id")] = None,
    effect: Annotated[str | None, Query(max_length=300)] = None,
    sign: Annotated[str | None, Query(max_length=20, description="|".join(SIGNS))] = None,
    evidence: Annotated[str | None, Query(max_length=100, description="evidence level id or label")] = None,
    source: Annotated[str | None, Query(max_length=100, description="document id, e.g. doc000")] = None,
):
    if sign is not None and sign not in SIGNS:
        raise Problem(400, "Bad Request", f"sign must be one of {', '.join(SIGNS)}; got '{sign}'")
    links = state.links
    if cause:
        links = [k for k in links if k.cause == catalog.to_iri(cause)]
    if effect:
        links = [k for k in links if k.effect == catalog.to_iri(effect)]
    if sign:
        links = [k for k in links if k.sign == sign]
    if evidence:
        e = evidence.lower()
        links = [k for k in links if e in (k.evidence.label.lower(), k.evidence.level.rsplit("/", 1)[-1].lower())]
    if source:
        links = [k for k in links if catalog.to_iri(source) in k.documents]
    return links


@router.get("/links/{link_id}", response_model=CausalLink, summary="One causal link with its provenance")
def get_link(link_id: str, state: Annotated[State, Depends(get_state)]):
    link = state.links_by_id.get(link_id.removeprefix("lm:").rsplit("/", 1)[-1])
    if link is None:
        raise Problem(404, "Not Found", f"no causal link '{link_id}'; list them with /links")
    return link


@router.get("/chains", response_model=list[Chain], summary="Mechanism chains and loops as the papers state them")
def list_chains(
    state: Annotated[State, Depends(get_state)],
    headline: Annotated[bool | None, Query(description="only the headline chains (true) or the others (false)")] = None,
    loops: Annotated[bool | None, Query(description="only feedback loops (true) or only open chains (false)")] = None,
):
    out = chains(state.store, state.links)
    if headline is not None:
        out = [c for c in out if c.headline == headline]
    if loops is not None:
        out = [c for c in out if c.loop == loops]
    return out


@router.get("/verdicts", response_model=dict[str, list[LinkVerdict]],
            summary="Simulation verdicts per causal link (IRI), from the check runs' PROV records")
def verdicts(state: Annotated[State, Depends(get_state)]):
    return link_verdicts(state.store)


@router.get("/sources", response_model=list[catalog.Source], summary="Source documents with counts")
def list_sources(state: Annotated[State, Depends(get_state)]):
    return catalog.sources(state.store)
