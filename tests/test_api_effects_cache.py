"""/effects serves memoised JSON bytes: they must be the answer the uncached path gives, and a
changed store (new fingerprint, new store object, SPARQL Update) must never get stale bytes."""
from __future__ import annotations

import asyncio
import threading

import pytest
from fastapi.testclient import TestClient

from api.answer_cache import AnswerCache
from api.app import create_app
from api.config import Settings
from engine.api import Engine
from engine.paths import EffectResult
from engine.store import KnowledgeStore
from engine_toy import LINKS, toy_store

LM = "https://w3id.org/limech/"
CORR_TO_DEND = {"from": "toy corrosion", "to": "toy dendrite growth", "max_length": 4}


def _uncached(store, frm: str, to: str, n: int) -> dict:
    """What FastAPI's response_model path makes of the engine's answer (validated, by alias)."""
    result = Engine(store).effect(frm, to, max_length=n)
    return EffectResult.model_validate(result.model_dump()).model_dump(mode="json", by_alias=True)


def _signed_links(answer: dict) -> dict[int, set[str]]:
    """Link IRIs on the increasing (1) and decreasing (-1) paths of an /effects answer."""
    out: dict[int, set[str]] = {1: set(), -1: set()}
    for path in answer["paths"]:
        out[path["sign"]].update(link for step in path["steps"] for link in step["links"])
    return out


def _kb(links=LINKS, fingerprint="toy-a") -> KnowledgeStore:
    return KnowledgeStore(toy_store(links), None, fingerprint)


def test_memoised_bytes_equal_the_uncached_answer_for_every_spelling():
    kb = _kb()
    c = TestClient(create_app(kb))
    first = c.get("/effects", params=CORR_TO_DEND)
    again = c.get("/effects", params=CORR_TO_DEND)
    other_spelling = c.get("/effects", params={"from": "rusting", "to": f"{LM}Dend", "max_length": 4})
    assert first.status_code == again.status_code == other_spelling.status_code == 200
    assert first.headers["content-type"] == "application/json"
    assert first.content == again.content == other_spelling.content
    expected = _uncached(kb, "toy corrosion", "toy dendrite growth", 4)
    assert first.json() == expected
    # the toy graph's planted contradiction: Rough -> Dend is stated with both signs (T8 +, T9 -)
    assert (expected["increasing"], expected["decreasing"]) == (2, 1)
    cache = c.app.state.shared.effects
    assert cache.computed == 1            # three spellings, one computation
    shorter = c.get("/effects", params={**CORR_TO_DEND, "max_length": 2}).json()
    assert shorter == _uncached(kb, "toy corrosion", "toy dendrite growth", 2)
    assert shorter["max_length"] == 2 and shorter != expected
    assert cache.computed == 2


def test_errors_are_problems_and_are_not_memoised():
    c = TestClient(create_app(_kb()))
    for _ in range(2):
        r = c.get("/effects", params={"from": "toy corosion", "to": "toy dendrite growth"})
        assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem+json")
        assert "toy corosion" in r.json()["detail"]
        r = c.get("/effects", params={"from": "shared name", "to": "toy dendrite growth"})
        assert r.status_code == 400 and r.json()["title"] == "Ambiguous entity"
        r = c.get("/effects", params={"from": "toy corrosion", "to": "rusting"})
        assert r.status_code == 400 and "same entity" in r.json()["detail"]
    assert c.app.state.shared.effects.computed == 0 and not c.app.state.shared.effects.answers


def _flipped(links=LINKS):
    """The toy links with Rough -> Dend (doc000) decreasing instead of increasing."""
    return [(i, c, e, "Decreases" if i == "T8" else s, ev, d, cond) for i, c, e, s, ev, d, cond in links]


def test_a_new_fingerprint_or_store_is_never_served_stale_bytes():
    kb = _kb()
    app = create_app(kb)
    c = TestClient(app)
    before = c.get("/effects", params=CORR_TO_DEND).json()
    # the same store object, its content and fingerprint changed (a rebuild in place)
    kb.store = toy_store(_flipped())
    kb.fingerprint = "toy-b"
    after = c.get("/effects", params=CORR_TO_DEND).json()
    assert after == _uncached(kb, "toy corrosion", "toy dendrite growth", 4)
    assert _signed_links(before)[1] >= {f"{LM}T8"} and f"{LM}T8" not in _signed_links(after)[1]
    assert (after["increasing"], after["decreasing"]) == (1, 1)
    # a different store object with the original content
    app.state.store = _kb(fingerprint="toy-a")
    assert c.get("/effects", params=CORR_TO_DEND).json() == before


def test_sparql_update_invalidates_memoised_answers():
    kb = _kb()
    c = TestClient(create_app(kb, settings=Settings(update_enabled=True, token="t")))
    before = c.get("/effects", params=CORR_TO_DEND).json()
    assert f"{LM}T8" in _signed_links(before)[1]
    r = c.post("/sparql", data={"update": f"DELETE WHERE {{ GRAPH ?g {{ <{LM}T8> ?p ?o }} }}"},
               headers={"authorization": "Bearer t"})
    assert r.status_code == 204, r.text
    after = c.get("/effects", params=CORR_TO_DEND).json()
    assert after == _uncached(kb, "toy corrosion", "toy dendrite growth", 4)
    assert f"{LM}T8" not in set().union(*_signed_links(after).values())
    assert (after["increasing"], after["decreasing"]) == (1, 1)


def test_concurrent_first_asks_compute_once_and_share_the_answer():
    started, release, calls = threading.Event(), threading.Event(), []

    def compute(key):
        calls.append(key)
        started.set()
        release.wait(10)
        return f'{{"key": "{key}"}}'.encode()

    cache = AnswerCache(lambda a: a.strip().lower(), compute)

    async def ask_many():
        tasks = [asyncio.ensure_future(cache.get(s)) for s in ("X", "X", "X")]
        tasks.append(asyncio.ensure_future(cache.get(" x ")))   # another spelling, same key
        await asyncio.get_running_loop().run_in_executor(None, started.wait, 10)
        release.set()
        return await asyncio.gather(*tasks)

    bodies = asyncio.run(ask_many())
    assert bodies == [b'{"key": "x"}'] * 4
    assert calls.count("x") <= 2 and cache.computed == len(calls)   # "X" coalesced; " x " may race it
    assert cache.hit("X") == cache.hit(" x ") == b'{"key": "x"}'


def test_budget_evicts_least_recently_used_answers():
    cache = AnswerCache(lambda a: a, lambda k: k.encode() * 10, max_bytes=25)
    asyncio.run(cache.get("a"))
    asyncio.run(cache.get("b"))
    assert cache.hit("a") == b"a" * 10                  # "a" is now the most recently used
    asyncio.run(cache.get("c"))                          # 30 bytes > 25: "b" goes
    assert cache.hit("b") is None and cache.hit("a") and cache.hit("c")
    assert cache.size == 20
    with pytest.raises(ValueError, match="max_bytes"):
        AnswerCache(lambda a: a, lambda k: b"", max_bytes=0)
