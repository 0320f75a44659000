"""Check jobs: queued, run in background threads, persisted in SQLite across restarts.

A job runs one hypothesis check (``engine.checks.api.run_check``). At most ``max_jobs`` jobs are
queued or running at once; a caller who asks for more is told the limit. Job records (status,
progress, result, error) live in ``<data dir>/jobs.sqlite``; figures under
``<data dir>/figures/<job id>/``. Jobs that were queued or running when the server stopped are
queued again when it starts (a job cut short by the shutdown itself is queued, not failed).
Each job keeps a log: lines a runner writes through ``progress.note(text)`` (e.g. that the sweep
cluster was lost and replaced), shown as ``"log"`` in the job's JSON.
"""
from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    chain TEXT NOT NULL,
    params TEXT NOT NULL,
    samples INTEGER NOT NULL,
    status TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    started REAL,
    finished REAL,
    result TEXT,
    error TEXT,
    log TEXT
)"""
ACTIVE = ("queued", "running")


class JobLimitReached(Exception):
    def __init__(self, limit: int):
        super().__init__(f"{limit} check job(s) are already queued or running; the limit is {limit}. "
                         "Wait for one to finish and try again.")
        self.limit = limit


@dataclass
class Job:
    id: str
    chain: str
    params: dict
    samples: int
    status: str
    done: int
    total: int
    created: float
    started: float | None
    finished: float | None
    result: dict | None
    error: str | None
    figures: list[str]
    log: list[str]

    def to_dict(self) -> dict:
        return {
            "id": self.id, "chain": self.chain, "params": self.params, "samples": self.samples,
            "status": self.status, "progress": {"done": self.done, "total": self.total},
            "created": self.created, "started": self.started, "finished": self.finished,
            "verdict": (self.result or {}).get("verdict"), "result": self.result, "error": self.error,
            "figures": self.figures, "log": self.log,
        }


class JobReporter:
    """What a runner is handed as ``progress``: call it with (done, total) to report progress;
    ``note(text)`` appends a line to the job's log."""

    def __init__(self, manager: "JobManager", job_id: str):
        self.manager, self.job_id = manager, job_id

    def __call__(self, done: int, total: int) -> None:
        self.manager._set(self.job_id, done=done, total=total)

    def note(self, text: str) -> None:
        self.manager._note(self.job_id, text)


# run(chain, params, samples, plot_dir, progress: JobReporter) -> JSON-ready dict with at least "verdict"
Runner = Callable[[str, dict, int, Path, Callable[[int, int], None]], dict]


class JobManager:
    def __init__(self, directory: Path, runner: Runner, max_jobs: int = 2):
        self.directory = Path(directory)
        self.directory.mkdir(parents=True, exist_ok=True)
        self.figures = self.directory / "figures"
        self.runner = runner
        self.max_jobs = max_jobs
        self.lock = threading.Lock()
        self.db_path = self.directory / "jobs.sqlite"
        self.closing = False
        with self._db() as db:
            db.execute(SCHEMA)
            if "log" not in {r["name"] for r in db.execute("PRAGMA table_info(jobs)")}:
                db.execute("ALTER TABLE jobs ADD COLUMN log TEXT")   # a jobs.sqlite from before job logs
        self.pool = ThreadPoolExecutor(max_workers=max_jobs, thread_name_prefix="limech-check")
        for job in self.list(statuses=ACTIVE):
            self._set(job.id, status="queued", done=0)
            self.pool.submit(self._run, job.id)

    def _db(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.db_path, timeout=30, isolation_level=None)
        db.row_factory = sqlite3.Row
        return db

    def _set(self, job_id: str, **fields) -> None:
        cols = ", ".join(f"{k} = ?" for k in fields)
        with self._db() as db:
            db.execute(f"UPDATE jobs SET {cols} WHERE id = ?", (*fields.values(), job_id))

    def _note(self, job_id: str, text: str) -> None:
        with self._db() as db:
            row = db.execute("SELECT log FROM jobs WHERE id = ?", (job_id,)).fetchone()
            lines = json.loads(row["log"]) if row and row["log"] else []
            lines.append(f"{time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())} {text}")
            db.execute("UPDATE jobs SET log = ? WHERE id = ?", (json.dumps(lines), job_id))

    def submit(self, chain: str, params: dict, samples: int) -> Job:
        with self.lock:
            with self._db() as db:
                active = db.execute("SELECT COUNT(*) FROM jobs WHERE status IN (?, ?)", ACTIVE).fetchone()[0]
                if active >= self.max_jobs:
                    raise JobLimitReached(self.max_jobs)
                job_id = uuid.uuid4().hex[:12]
                db.execute("INSERT INTO jobs (id, chain, params, samples, status, created) VALUES (?, ?, ?, ?, ?, ?)",
                           (job_id, chain, json.dumps(params), samples, "queued", time.time()))
        self.pool.submit(self._run, job_id)
        return self.get(job_id)

    def _run(self, job_id: str) -> None:
        job = self.get(job_id)
        plot_dir = self.figures / job_id
        plot_dir.mkdir(parents=True, exist_ok=True)
        self._set(job_id, status="running", started=time.time())

        try:
            result = self.runner(job.chain, job.params, job.samples, plot_dir, JobReporter(self, job_id))
            self._set(job_id, status="done", finished=time.time(), result=json.dumps(result, default=str))
        except Exception as exc:  # a failed check is recorded, not lost
            if self.closing:      # cut short by the shutdown (e.g. its sweep cluster was closed): run it again
                self._note(job_id, f"interrupted by the server's shutdown ({type(exc).__name__}); queued again")
                self._set(job_id, status="queued", done=0)
                return
            self._set(job_id, status="failed", finished=time.time(), error=f"{type(exc).__name__}: {exc}")

    def get(self, job_id: str) -> Job | None:
        with self._db() as db:
            row = db.execute("SELECT * FROM jobs WHERE id = ?", (job_id,)).fetchone()
        return self._job(row) if row else None

    def list(self, statuses: tuple[str, ...] | None = None) -> list[Job]:
        with self._db() as db:
            if statuses:
                marks = ", ".join("?" for _ in statuses)
                rows = db.execute(f"SELECT * FROM jobs WHERE status IN ({marks}) ORDER BY created", statuses).fetchall()
            else:
                rows = db.execute("SELECT * FROM jobs ORDER BY created").fetchall()
        return [self._job(r) for r in rows]

    def _job(self, row: sqlite3.Row) -> Job:
        figs = sorted(p.name for p in (self.figures / row["id"]).glob("*.png"))
        return Job(
            id=row["id"], chain=row["chain"], params=json.loads(row["params"]), samples=row["samples"],
            status=row["status"], done=row["done"], total=row["total"], created=row["created"],
            started=row["started"], finished=row["finished"],
            result=json.loads(row["result"]) if row["result"] else None, error=row["error"],
            figures=[f"/checks/{row['id']}/figures/{name}" for name in figs],
            log=json.loads(row["log"]) if row["log"] else [],
        )

    def wait(self, job_id: str, timeout: float = 60.0) -> Job:
        deadline = time.monotonic() + timeout
        while True:
            job = self.get(job_id)
            if job.status not in ACTIVE or time.monotonic() > deadline:
                return job
            time.sleep(0.05)

    def close(self) -> None:
        self.closing = True
        self.pool.shutdown(wait=False, cancel_futures=True)
