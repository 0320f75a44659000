"""Check jobs over HTTP: POST /checks starts one, GET /checks/{id} shows progress, then the
verdicts and figure URLs; the chains that can be checked are at /checks/chains.

A job checks either one bound chain (``{"chain": ID}``) or the part FROM -> TO of every bound
chain that computes both entities (``{"from": ..., "to": ...}``, answered by
``engine.checks.api.run_subchain``). A FROM -> TO job is stored with ``chain`` set to
``"lm:From → lm:To"`` (the resolved entities), which is how its runner tells the two apart."""
from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator

from api.deps import State, get_state
from api.jobs import JobLimitReached, JobManager
from api.problems import Problem

router = APIRouter(tags=["checks"])


SUBCHAIN = " → "     # in a job's chain: "lm:From → lm:To" (chain ids never contain it)


class CheckRequest(BaseModel):
    """Exactly one form: ``chain``, or ``from`` and ``to``."""
    model_config = ConfigDict(populate_by_name=True, json_schema_extra={"oneOf": [
        {"required": ["chain"], "not": {"anyOf": [{"required": ["from"]}, {"required": ["to"]}]}},
        {"required": ["from", "to"], "not": {"required": ["chain"]}}]})

    chain: str | None = Field(default=None, min_length=1, max_length=200,
                              description="checkable chain id (GET /checks/chains); or give from/to instead")
    frm: str | None = Field(default=None, alias="from", min_length=1, max_length=300,
                            description="with to, instead of chain: check FROM → TO in every bound chain that "
                                        "computes both (label, synonym, lm:Id or IRI); the result lists each "
                                        "covering chain's links on the way, its verdict and the net sign")
    to: str | None = Field(default=None, min_length=1, max_length=300, description="the effect entity of from")
    params: dict[str, str] = Field(default={}, description="parameter overrides, values with units as strings")
    samples: int = Field(default=0, ge=0, le=2000, description="robustness samples (0: no sweep)")

    @model_validator(mode="after")
    def _one_form(self):
        given = self.model_fields_set      # a key given as null still counts as given
        if "chain" in given and ({"frm", "to"} & given):
            raise ValueError("give either 'chain' or 'from' and 'to', not both")
        if self.chain is None and (self.frm is None or self.to is None):
            raise ValueError("give 'chain' (a checkable chain id), or both 'from' and 'to' (two entities)")
        return self


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
        from engine.checks.api import run_check, run_subchain

        executor = app.state.sweeps.get(note=getattr(progress, "note", None)) if samples else None
        kw = {"params": params, "samples": samples, "plot_dir": plot_dir, "progress": progress, "executor": executor}
        if SUBCHAIN in chain:
            frm, to = chain.split(SUBCHAIN, 1)
            result = run_subchain(app.state.store, frm, to, **kw)
        else:
            result = run_check(app.state.store, chain, **kw)
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
    """``{"chain": ID}`` checks a whole bound chain (the job's result is a CheckResult);
    ``{"from": X, "to": Y}`` checks X → Y in every bound chain that computes both (a SubchainResult;
    404 with ``from_chains``/``to_chains`` when no chain covers the pair). Exactly one form (422)."""
    from engine.checks.api import list_checkable

    if body.chain is None:
        chain = _subchain_key(state, body.frm, body.to)
    else:
        chain = body.chain
        known = [_result_dict(c)["id"] for c in list_checkable(state.store)]
        if chain not in known:
            raise Problem(404, "Unknown chain", f"no checkable chain '{chain}'; available: {', '.join(known)}")
    try:
        job = jobs.submit(chain, body.params, body.samples)
    except JobLimitReached as exc:
        raise Problem(429, "Too Many Requests", str(exc), limit=exc.limit,
                      headers={"Retry-After": "10"}) from None
    response.headers["Location"] = f"/checks/{job.id}"
    return job.to_dict()


def _subchain_key(state: State, frm: str, to: str) -> str:
    """'lm:From → lm:To' for a pair some bound chain covers; else the problem to answer."""
    from engine.api import NameResolutionError
    from engine.checks.api import CheckError, NotCoveredError, find_covering
    from engine.statement import short

    try:
        src, dst = state.engine.resolve(frm), state.engine.resolve(to)
        find_covering(state.store, src.iri, dst.iri)
    except NameResolutionError as exc:
        ambiguous = exc.reason == "ambiguous"
        raise Problem(400 if ambiguous else 404, "Ambiguous entity" if ambiguous else "Unknown entity", str(exc),
                      candidates=[c.label for c in exc.candidates]) from None
    except NotCoveredError as exc:
        raise Problem(404, "No covering chain", str(exc), from_chains=exc.from_chains,
                      to_chains=exc.to_chains) from None
    except CheckError as exc:
        raise Problem(400, "Bad Request", str(exc)) from None
    return f"{short(src.iri)}{SUBCHAIN}{short(dst.iri)}"


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
