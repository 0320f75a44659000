"""The FastAPI application: SPARQL endpoint and (as routers are added) REST resources."""
from __future__ import annotations

from contextlib import asynccontextmanager

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from api import problems, sparql
from api.routers import knowledge


STATIC = Path(__file__).resolve().parent / "static"


def create_app(store=None) -> FastAPI:
    """The app over ``store`` (a KnowledgeStore); the embedded store is opened if none is given."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if getattr(app.state, "store", None) is None:
            from engine.store import KnowledgeStore

            app.state.store = KnowledgeStore.open()
        yield

    app = FastAPI(
        title="limech",
        version="0.1.0",
        description="Lithium-metal anode failure mechanisms: SPARQL and REST over the knowledge base.",
        lifespan=lifespan,
    )
    app.state.store = store
    problems.install(app)
    app.include_router(sparql.router)
    app.include_router(knowledge.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        """The mechanism map."""
        return FileResponse(STATIC / "index.html", media_type="text/html")
    return app
