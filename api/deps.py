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
    def effect_json(self) -> "_Memo":
        """Serialised /effects answers, memoised: the graph does not change under a State."""
        return _Memo(lambda frm, to, n: self.engine.effect(frm, to, max_length=n).model_dump_json().encode())

    @cached_property
    def links_by_id(self) -> dict[str, CausalLink]:
        return {link.iri.rsplit("/", 1)[-1]: link for link in self.links}


async def get_state(request: Request) -> State:
    app = request.app
    if getattr(app.state, "shared", None) is None or app.state.shared.store is not app.state.store:
        app.state.shared = State(app.state.store)
    return app.state.shared


class _Memo:
    """A thread-safe memo of a pure function, with a lookup that never computes."""

    def __init__(self, fn, maxsize: int = 4096):
        import threading

        self.fn, self.maxsize, self.lock, self.store = fn, maxsize, threading.Lock(), {}

    def cached(self, *key):
        return self.store.get(key)

    def __call__(self, *key):
        value = self.fn(*key)
        with self.lock:
            if len(self.store) >= self.maxsize:
                self.store.pop(next(iter(self.store)))
            self.store[key] = value
        return value
