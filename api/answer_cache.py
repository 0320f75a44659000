"""Memoised serialised answers: the JSON bytes of a pure function of the store, kept per
normalised question, bounded in bytes (least recently used out first), with concurrent first
asks of one question coalesced into one computation.

Used from the event loop only: ``hit`` is a dictionary look-up that never computes; ``get``
computes a miss in the thread pool (name resolution and the engine may be slow), and every
request that asks the same question meanwhile awaits that one computation. Errors (unknown
names, bad values) are raised to every waiter and never memoised.

A cache belongs to one state of the store (see api.deps.State): a new store, fingerprint or
generation gets a new, empty cache, so stale bytes are never served.
"""
from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable

from fastapi.concurrency import run_in_threadpool


class AnswerCache:
    """``normalise(*asked) -> key`` (e.g. names resolved to IRIs) and ``compute(key) -> bytes``.

    ``asked`` (the parameters as the client spelled them) maps to its normalised key, so that
    "Sand's time" and "lm:SandsTime" share one serialised answer; at most ``max_aliases``
    spellings and ``max_bytes`` of answers are kept.
    """

    def __init__(self, normalise: Callable[..., Hashable], compute: Callable[[Hashable], bytes],
                 max_bytes: int = 64 * 2**20, max_aliases: int = 65_536):
        if max_bytes <= 0 or max_aliases <= 0:
            raise ValueError(f"max_bytes and max_aliases must be positive, got {max_bytes}, {max_aliases}")
        self.normalise, self.compute = normalise, compute
        self.max_bytes, self.max_aliases = max_bytes, max_aliases
        self.answers: OrderedDict[Hashable, bytes] = OrderedDict()
        self.aliases: OrderedDict[tuple, Hashable] = OrderedDict()
        self.size = 0            # bytes held in ``answers``
        self.computed = 0        # answers computed (misses that ran ``compute``)
        self._flights: dict[tuple, asyncio.Future] = {}

    def hit(self, *asked) -> bytes | None:
        """The memoised answer to ``asked``, or None; never computes."""
        key = self.aliases.get(asked)
        if key is None:
            return None
        body = self.answers.get(key)
        if body is not None:
            self.answers.move_to_end(key)
        return body

    async def get(self, *asked) -> bytes:
        """The answer to ``asked``: memoised, or computed once however many ask at the same time."""
        body = self.hit(*asked)
        if body is not None:
            return body
        flight = self._flights.get(asked)
        if flight is None:
            flight = self._flights[asked] = asyncio.ensure_future(self._fill(asked))
            flight.add_done_callback(lambda _f: self._flights.pop(asked, None))
        # shielded: a client that disconnects must not cancel the computation others await
        return await asyncio.shield(flight)

    async def _fill(self, asked: tuple) -> bytes:
        key, body, fresh = await run_in_threadpool(self._resolve_and_compute, asked)
        self.computed += fresh
        self._remember(asked, key, body)
        return body

    def _resolve_and_compute(self, asked: tuple) -> tuple[Hashable, bytes, bool]:
        key = self.normalise(*asked)
        body = self.answers.get(key)   # another spelling of the same question may be memoised
        if body is not None:
            return key, body, False
        body = self.compute(key)
        if not isinstance(body, bytes):
            raise TypeError(f"compute must return bytes, got {type(body).__name__}")
        return key, body, True

    def _remember(self, asked: tuple, key: Hashable, body: bytes) -> None:
        self.aliases[asked] = key
        self.aliases.move_to_end(asked)
        while len(self.aliases) > self.max_aliases:
            self.aliases.popitem(last=False)
        if key not in self.answers:
            if len(body) > self.max_bytes:
                return              # served, not kept: one answer larger than the whole budget
            self.answers[key] = body
            self.size += len(body)
        self.answers.move_to_end(key)
        while self.size > self.max_bytes:
            _, old = self.answers.popitem(last=False)
            self.size -= len(old)
