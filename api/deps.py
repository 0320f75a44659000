"""Shared state of the HTTP API, handed to routers as FastAPI dependencies."""
from __future__ import annotations

from functools import cached_property

from fastapi import Request

from engine.statement import CausalLink, load_links


class State:
    """What the routers share: the store and what is derived from it once."""

    def __init__(self, store):
        self.store = store

    @cached_property
    def links(self) -> list[CausalLink]:
        return load_links(self.store)

    @cached_property
    def engine(self):
        from engine.api import Engine

        return Engine(self.store)

    @cached_property
    def effect_json(self):
        """Serialised /effects answers, memoised: the graph does not change under a State."""
        from functools import lru_cache

        @lru_cache(maxsize=4096)
        def answer(frm: str, to: str, max_length: int) -> bytes:
            return self.engine.effect(frm, to, max_length=max_length).model_dump_json().encode()

        return answer

    @cached_property
    def links_by_id(self) -> dict[str, CausalLink]:
        return {link.iri.rsplit("/", 1)[-1]: link for link in self.links}


def get_state(request: Request) -> State:
    app = request.app
    if getattr(app.state, "shared", None) is None or app.state.shared.store is not app.state.store:
        app.state.shared = State(app.state.store)
    return app.state.shared
