"""The FastAPI application: SPARQL endpoint and (as routers are added) REST resources."""
from __future__ import annotations

from contextlib import asynccontextmanager

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from api import problems, sparql
from api.config import Settings
from api.routers import checks, knowledge, laws, reasoning


STATIC = Path(__file__).resolve().parent / "static"


class _AppRequest:
    """Just enough of a request for dependencies that need only the app."""

    def __init__(self, app):
        self.app = app


def create_app(store=None, settings: Settings | None = None, jobs_dir: Path | None = None) -> FastAPI:
    """The app over ``store`` (a KnowledgeStore); the embedded store is opened if none is given.

    SPARQL queries over an on-disk store run in worker processes with a timeout; an in-memory
    store is queried in-process. Check jobs persist in ``jobs_dir`` (default: the data directory).
    """
    settings = settings or Settings.from_env()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if getattr(app.state, "store", None) is None:
            from engine.remote_store import open_store

            app.state.store = open_store()
        if app.state.store.path is not None:
            from api.query_pool import QueryPool

            app.state.query_pool = QueryPool(str(app.state.store.path), settings.sparql_workers)
        checks.get_jobs(_AppRequest(app))   # resume jobs interrupted by the last shutdown
        try:
            yield
        finally:
            if app.state.query_pool is not None:
                app.state.query_pool.close()
            if app.state.jobs is not None:
                app.state.jobs.close()
            checks.close_sweeps(app)       # the one sweep cluster of this server

    app = FastAPI(
        title="limech",
        version="0.1.0",
        description="Lithium-metal anode failure mechanisms: SPARQL and REST over the knowledge base.",
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    app.state.generation = 0     # bumped whenever the store changes; query workers reopen it
    app.state.query_pool = None
    app.state.jobs = None
    app.state.sweeps = None      # engine.executors.SharedExecutor, made with the job manager
    app.state.jobs_dir = jobs_dir
    problems.install(app)
    errors = problems.RESPONSES
    app.include_router(sparql.router, responses={**errors, 406: problems.documented("No acceptable media type"),
                                                  503: problems.documented("The query ran past the timeout")})
    app.include_router(knowledge.router, responses=errors)
    app.include_router(reasoning.router, responses=errors)
    app.include_router(laws.router, responses=errors)
    app.include_router(checks.router, responses={**errors, 429: problems.documented("Too many check jobs at once")})
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/health", summary="Liveness: the server answers (touches no store)", tags=["meta"],
             response_model=dict[str, str])
    async def health() -> Response:
        """Constant answer; also the benchmark's baseline for the cost of the HTTP stack itself."""
        return Response(b'{"status":"ok"}', media_type="application/json")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        """The mechanism map."""
        return FileResponse(STATIC / "index.html", media_type="text/html")
    return app
