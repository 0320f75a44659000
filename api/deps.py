"""Shared state of the HTTP API, handed to routers as FastAPI dependencies."""
from __future__ import annotations

from functools import cached_property

from fastapi import Request

from api.answer_cache import AnswerCache

from engine.statement import CausalLink, load_links


class State:
    """What the routers share: the store and what is derived from it once.

    ``version`` names the state of the store it was derived from: the store object, its
    fingerprint (the ontology sources and build code) and the app's generation (bumped by SPARQL
    Update and by check jobs that write results). get_state replaces a State whose version is
    no longer the app's, so nothing memoised here outlives the data it came from."""

    def __init__(self, store, version: tuple | None = None):
        self.store = store
        self.version = version if version is not None else _version(store, 0)

    @cached_property
    def links(self) -> list[CausalLink]:
        return load_links(self.store)

    @cached_property
    def engine(self):
        from engine.api import Engine

        return Engine(self.store)

    @cached_property
    def effects(self) -> AnswerCache:
        """Serialised /effects answers per (source IRI, target IRI, max_length): the graph does not
        change under a State, and the answer depends on the names only through what they resolve to."""
        engine = self.engine
        return AnswerCache(
            lambda frm, to, n: (engine.resolve(frm).iri, engine.resolve(to).iri, n),
            lambda key: engine.effect(key[0], key[1], max_length=key[2]).model_dump_json().encode())

    @cached_property
    def links_by_id(self) -> dict[str, CausalLink]:
        return {link.iri.rsplit("/", 1)[-1]: link for link in self.links}


def _version(store, generation: int) -> tuple:
    return (id(store), getattr(store, "fingerprint", None), generation)


async def get_state(request: Request) -> State:
    app = request.app
    state = getattr(app.state, "shared", None)
    version = _version(app.state.store, getattr(app.state, "generation", 0))
    if state is None or state.store is not app.state.store or state.version != version:
        state = app.state.shared = State(app.state.store, version)
    return state
