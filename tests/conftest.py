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


@pytest.fixture
def cli(store, monkeypatch):
    """The `limech check`/`checks` commands on the requesting module's ``store`` fixture."""
    import typer

    import api.cli
    from api.cli_checks import register

    monkeypatch.setattr(api.cli, "open_store", lambda: store)
    app = typer.Typer()
    register(app)
    return app


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """`limech serve` in a subprocess on a free loopback port, on its own data directory.

    SPARQL timeout 2 s and result limit 2000 rows, so runaway and oversized queries can be tested.
    """
    import subprocess
    import sys
    import time
    import urllib.request

    port = _free_port()
    env = dict(os.environ, LIMECH_DATA_DIR=str(tmp_path_factory.mktemp("live-data")),
               LIMECH_SPARQL_TIMEOUT="2", LIMECH_SPARQL_RESULT_LIMIT="2000")
    proc = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while True:
        try:
            urllib.request.urlopen(url + "/sparql", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError("server exited: " + proc.stderr.read().decode()[-2000:])
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("server did not start within 180 s")
            time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
