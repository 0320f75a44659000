"""Check jobs over HTTP: POST /checks starts one, GET /checks/{id} shows progress, then the
verdicts and figure URLs; the chains that can be checked are at /checks/chains."""
from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field

from api.deps import State, get_state
from api.jobs import JobLimitReached, JobManager
from api.problems import Problem

router = APIRouter(tags=["checks"])


class CheckRequest(BaseModel):
    chain: str = Field(min_length=1, max_length=200, description="checkable chain id (GET /checks/chains)")
    params: dict[str, str] = Field(default={}, description="parameter overrides, values with units as strings")
    samples: int = Field(default=0, ge=0, le=2000, description="robustness samples (0: no sweep)")


_JOBS_LOCK = threading.Lock()


def get_jobs(request: Request) -> JobManager:
    """The app's job manager, started on first use (the server's lifespan starts it at once),
    with the app's sweep executor holder (its cluster starts with the first sweep)."""
    app = request.app
    with _JOBS_LOCK:
        if getattr(app.state, "sweeps", None) is None:
            from engine.executors import SharedExecutor

            app.state.sweeps = SharedExecutor(app.state.settings.sweep_scheduler)
        if app.state.jobs is None:
            from engine.store import data_dir

            app.state.jobs = JobManager(app.state.jobs_dir or data_dir(), make_runner(app),
                                        app.state.settings.max_jobs)
    return app.state.jobs


def close_sweeps(app) -> None:
    """Stop the app's sweep cluster (lifespan shutdown); a later sweep in this app is refused."""
    with _JOBS_LOCK:
        sweeps = getattr(app.state, "sweeps", None)
    if sweeps is not None:
        sweeps.close()


def _result_dict(result) -> dict:
    return result.model_dump(mode="json") if hasattr(result, "model_dump") else result.to_dict()


def make_runner(app):
    """The job runner: one hypothesis check over the app's store; afterwards the store's
    generation is bumped so that SPARQL workers and cached views see the new results. A sweep runs
    on the app's one shared executor (``app.state.sweeps``), which is never closed here; starting
    it, or replacing a lost cluster, is written to the job's log."""

    def run(chain, params, samples, plot_dir, progress):
        from engine.checks.api import run_check

        executor = app.state.sweeps.get(note=getattr(progress, "note", None)) if samples else None
        result = run_check(app.state.store, chain, params=params, samples=samples, plot_dir=plot_dir,
                           progress=progress, executor=executor)
        app.state.generation += 1
        app.state.shared = None
        return _result_dict(result)

    return run


@router.get("/checks/chains", summary="Chains of the knowledge graph that can be checked by simulation")
def checkable(state: Annotated[State, Depends(get_state)]) -> list[dict]:
    from engine.checks.api import list_checkable

    return [_result_dict(c) for c in list_checkable(state.store)]


@router.post("/checks", status_code=202, summary="Start a check job")
def start_check(body: CheckRequest, response: Response, state: Annotated[State, Depends(get_state)],
                jobs: Annotated[JobManager, Depends(get_jobs)]) -> dict:
    from engine.checks.api import list_checkable

    known = [_result_dict(c)["id"] for c in list_checkable(state.store)]
    if body.chain not in known:
        raise Problem(404, "Unknown chain", f"no checkable chain '{body.chain}'; available: {', '.join(known)}")
    try:
        job = jobs.submit(body.chain, body.params, body.samples)
    except JobLimitReached as exc:
        raise Problem(429, "Too Many Requests", str(exc), limit=exc.limit,
                      headers={"Retry-After": "10"}) from None
    response.headers["Location"] = f"/checks/{job.id}"
    return job.to_dict()


@router.get("/checks", summary="All check jobs, oldest first")
def list_checks(jobs: Annotated[JobManager, Depends(get_jobs)]) -> list[dict]:
    return [j.to_dict() for j in jobs.list()]


@router.get("/checks/{job_id}", summary="A check job: status, progress, verdicts, figure URLs")
def get_check(job_id: str, jobs: Annotated[JobManager, Depends(get_jobs)]) -> dict:
    job = jobs.get(job_id)
    if job is None:
        raise Problem(404, "Not Found", f"no check job '{job_id}'")
    return job.to_dict()


@router.get("/checks/{job_id}/figures/{name}", summary="A figure of a check job (PNG)",
            response_class=FileResponse)
def get_figure(job_id: str, name: str, jobs: Annotated[JobManager, Depends(get_jobs)]):
    path = jobs.figures / job_id / name
    if "/" in name or ".." in name or not name.endswith(".png") or not path.is_file():
        raise Problem(404, "Not Found", f"no figure '{name}' for check job '{job_id}'")
    return FileResponse(path, media_type="image/png")
