"""Property-based run over the OpenAPI schema (schemathesis): no generated request makes the
server fail with a 5xx, and every error is problem+json."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from api.app import create_app
from engine.store import KnowledgeStore


# built at collection: schemathesis parametrizes one test per operation from the schema
_JOBS = tempfile.mkdtemp(prefix="limech-schemathesis-jobs-")
APP = create_app(KnowledgeStore.in_memory(), jobs_dir=Path(_JOBS))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    if APP.state.jobs is not None:
        APP.state.jobs.close()
    shutil.rmtree(_JOBS, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    case.validate_response(response, checks=[not_a_server_error])
    if response.status_code >= 400:
        ctype = response.headers["content-type"]
        ctype = ctype[0] if isinstance(ctype, list) else ctype
        assert ctype.startswith("application/problem+json"), response.text[:200]
        assert response.json()["detail"]
