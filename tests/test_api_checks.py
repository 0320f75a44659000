"""Check jobs over HTTP: started by POST, progress and verdict by GET, figures served, a bounded
number at once (the limit is reported), and persisted across restarts (SQLite)."""
from __future__ import annotations

import sqlite3
import time

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.config import Settings
from api.jobs import JobManager

SERIAL = Settings(sweep_scheduler="serial")  # sweeps in-process here; dask is tested in test_distributed


def _wait(c, job_id: str, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = c.get(f"/checks/{job_id}").json()
        if job["status"] not in ("queued", "running") or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_a_check_job_runs_to_a_verdict_with_figures(tmp_path):
    from engine.store import KnowledgeStore

    with TestClient(create_app(KnowledgeStore.in_memory(), SERIAL, jobs_dir=tmp_path)) as c:
        chains = {ch["id"] for ch in c.get("/checks/chains").json()}
        assert {"transferenceSand", "fdAnionLiF"} <= chains
        r = c.post("/checks", json={"chain": "transferenceSand", "samples": 8})
        assert r.status_code == 202 and r.headers["location"] == f"/checks/{r.json()['id']}"
        job = _wait(c, r.json()["id"])
        assert job["status"] == "done", job["error"]
        assert job["verdict"] == "supported"
        assert job["progress"]["done"] == job["progress"]["total"] == 8
        assert job["figures"]
        png = c.get(job["figures"][0])
        assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
        assert c.get(f"/checks/{job['id']}/figures/../../etc/passwd.png").status_code == 404
        # the run's PROV record gives the checked links their verdicts
        verdicts = c.get("/verdicts").json()
        sand_links = [k["iri"] for k in c.get("/links", params={"cause": "LiIonTransferenceNumber",
                                                                "effect": "SandsTime"}).json()]
        assert sand_links and all(any(v["verdict"] == "supported" for v in verdicts[iri]) for iri in sand_links)


def test_bad_check_requests(kb, tmp_path):
    with TestClient(create_app(kb, jobs_dir=tmp_path)) as c:
        r = c.post("/checks", json={"chain": "perpetualMotion"})
        assert r.status_code == 404 and "available:" in r.json()["detail"]
        assert c.post("/checks", json={"chain": "fdAnionLiF", "samples": -1}).status_code == 422
        assert c.get("/checks/nope").status_code == 404


def test_concurrent_jobs_are_bounded_and_the_limit_is_reported(kb, tmp_path):
    with TestClient(create_app(kb, Settings(max_jobs=1, sweep_scheduler="serial"), jobs_dir=tmp_path)) as c:
        # ~100 x 60 ms serial: still running when the second request arrives a few ms later
        first = c.post("/checks", json={"chain": "fdAnionLiF", "samples": 100})
        assert first.status_code == 202
        second = c.post("/checks", json={"chain": "transferenceSand"})
        assert second.status_code == 429
        assert second.json()["limit"] == 1 and "limit is 1" in second.json()["detail"]
        assert second.headers["retry-after"]
        _wait(c, first.json()["id"], timeout=120)


def test_jobs_persist_and_interrupted_jobs_resume_after_a_restart(kb, tmp_path):
    with TestClient(create_app(kb, jobs_dir=tmp_path)) as c:
        done = _wait(c, c.post("/checks", json={"chain": "currentSand"}).json()["id"])
    # a job the previous server was running when it stopped
    db = sqlite3.connect(tmp_path / "jobs.sqlite")
    db.execute("INSERT INTO jobs (id, chain, params, samples, status, created) "
               "VALUES ('interrupted1', 'transferenceSand', '{}', 0, 'running', 0)")
    db.commit()
    db.close()
    with TestClient(create_app(kb, jobs_dir=tmp_path)) as c:
        listed = {j["id"]: j for j in c.get("/checks").json()}
        assert listed[done["id"]]["verdict"] == done["verdict"] and listed[done["id"]]["status"] == "done"
        resumed = _wait(c, "interrupted1")
        assert resumed["status"] == "done" and resumed["verdict"] == "supported"


def test_a_failing_job_is_recorded_not_lost(tmp_path):
    def runner(chain, params, samples, plot_dir, progress):
        raise RuntimeError("solver diverged")

    jobs = JobManager(tmp_path, runner, max_jobs=1)
    try:
        job = jobs.wait(jobs.submit("anything", {}, 0).id)
        assert job.status == "failed" and job.error == "RuntimeError: solver diverged"
    finally:
        jobs.close()
