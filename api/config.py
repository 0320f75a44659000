"""Server configuration from the environment (read once when the app is created)."""
from __future__ import annotations

import os
from dataclasses import dataclass


def _float(name: str, default: float) -> float:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a number") from None
    if value <= 0:
        raise ValueError(f"{name}={raw!r} must be positive")
    return value


@dataclass(frozen=True)
class Settings:
    sparql_timeout: float = 10.0        # seconds a query may run before it is stopped
    sparql_result_limit: int = 100_000  # rows (or triples) a query may return
    sparql_workers: int = 2             # worker processes that run queries for the endpoint
    update_enabled: bool = False        # SPARQL Update accepted at all
    token: str | None = None            # bearer token required for updates
    max_jobs: int = 2                   # check jobs running at once
    sweep_scheduler: str = "local"      # robustness sweeps: dask LocalCluster, tcp://HOST:PORT, or serial;
                                        # one executor for the server's lifetime, started by the first sweep

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            sparql_timeout=_float("LIMECH_SPARQL_TIMEOUT", 10.0),
            sparql_result_limit=int(_float("LIMECH_SPARQL_RESULT_LIMIT", 100_000)),
            sparql_workers=int(_float("LIMECH_SPARQL_WORKERS", 2)),
            update_enabled=os.environ.get("LIMECH_SPARQL_UPDATE", "0").lower() in ("1", "true", "yes"),
            token=os.environ.get("LIMECH_API_TOKEN") or None,
            max_jobs=int(_float("LIMECH_MAX_JOBS", 2)),
            sweep_scheduler=_scheduler("LIMECH_DASK_SCHEDULER"),
        )


def _scheduler(name: str) -> str:
    from engine.executors import check_scheduler

    try:
        return check_scheduler(os.environ.get(name) or "local")
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None
