"""Shared fixtures: a hermetic data directory and one in-memory knowledge store per session."""
from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(scope="session", autouse=True)
def _data_dir(tmp_path_factory):
    """Keep every store the tests build out of the working tree."""
    path = tmp_path_factory.mktemp("limech-data")
    old = os.environ.get("LIMECH_DATA_DIR")
    os.environ["LIMECH_DATA_DIR"] = str(path)
    yield path
    if old is None:
        os.environ.pop("LIMECH_DATA_DIR", None)
    else:
        os.environ["LIMECH_DATA_DIR"] = old


@pytest.fixture(scope="session")
def kb():
    """The real knowledge base in an in-memory store (asserted + inferred graphs)."""
    from engine.store import KnowledgeStore

    return KnowledgeStore.in_memory()
