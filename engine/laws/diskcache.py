"""Optional on-disk cache of derivations and sign analyses, for short-lived processes (the CLI).

Off unless ``LIMECH_LAWS_CACHE_DIR`` names a directory. Entries are pickles keyed by a hash of the
engine/laws sources, simulator/constants.py (the laws' numeric constants) and the sympy version,
so any code change invalidates them; an unreadable entry is ignored and recomputed. Writes are atomic (temporary file + rename).
"""
from __future__ import annotations

import hashlib
import os
import pickle
from functools import lru_cache
from pathlib import Path

import sympy

_HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def _code_key() -> str:
    h = hashlib.sha256(sympy.__version__.encode())
    from simulator import constants  # numeric constants of the laws (engine.laws.base) come from here
    for p in [*sorted(_HERE.glob("*.py")), Path(constants.__file__)]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


def _dir() -> Path | None:
    root = os.environ.get("LIMECH_LAWS_CACHE_DIR")
    return Path(root) / _code_key() if root else None


def _path(kind: str, key: str) -> Path | None:
    d = _dir()
    if d is None:
        return None
    safe = hashlib.sha256(key.encode()).hexdigest()[:24]
    return d / f"{kind}-{safe}.pkl"


def load(kind: str, key: str):
    p = _path(kind, key)
    if p is None or not p.exists():
        return None
    try:
        with p.open("rb") as f:
            return pickle.load(f)
    except Exception:  # a stale or truncated entry: recompute
        return None


def store(kind: str, key: str, obj) -> None:
    p = _path(kind, key)
    if p is None:
        return
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        tmp = p.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as f:
            pickle.dump(obj, f)
        os.replace(tmp, p)
    except OSError:
        pass  # a read-only cache directory only costs speed
