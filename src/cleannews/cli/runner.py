"""The batch runner behind the command line: every input yields exactly one outcome.

A document is extracted and rendered by :func:`run_task`, the one boundary where an unexpected
exception becomes an error record instead of ending the batch. :func:`run` runs the tasks
in-process, or, when a time budget, a memory limit or several jobs are asked for, in a
:class:`WorkerPool` of spawned processes that can be killed: a document over its time budget,
or whose worker dies, is reported and the worker replaced, and the rest of the batch goes on.
Outcomes come back in input order.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import signal
import time
import traceback
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from pathlib import Path
from types import TracebackType
from typing import Any, Literal

from cleannews.errors import BatchError, CleannewsError, TimeLimitError, WorkerDiedError
from cleannews.input.load import read_path
from cleannews.model import Article, Removed
from cleannews.options import Options
from cleannews.pipeline import extract

Format = Literal["json", "jsonl", "markdown", "text"]

#: A worker process is replaced after this many documents (bounds slow memory growth).
MAX_TASKS_PER_WORKER = 1000
#: Workers failing to start this many times in a row end the batch.
MAX_START_FAILURES = 3
#: Seconds a stopping worker gets to finish before it is killed.
STOP_GRACE = 2.0


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a document has no output: the error's class name and its one-line message."""

    type: str
    message: str
    traceback: str | None = None

    @classmethod
    def of(cls, error: CleannewsError) -> Failure:
        """The failure for a cleannews error."""
        return cls(type(error).__name__, str(error))

    def record(self) -> dict[str, str]:
        """The ``error`` object of a JSON record."""
        found = {"type": self.type, "message": self.message}
        return found | ({"traceback": self.traceback} if self.traceback else {})


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a file to read, or bytes (standard input), or a failure known up front."""

    path: str
    #: A file to read, bytes, or text already decoded (a web archive's record).
    source: Path | bytes | str
    #: Where the output goes, relative to the output folder (``--output-dir`` only).
    output: str | None = None
    failure: Failure | None = None
    #: The page's address, when the input knows it (a web archive record's target URI).
    url: str | None = None
    #: Fields that lead the document's JSON record (a web archive record's id, date...).
    fields: Mapping[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """What to do with every document of a batch."""

    options: Options = field(default_factory=Options)
    url: str | None = None
    format: Format = "json"
    explain: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """The rendered output of one document, or why there is none."""

    rendered: str | None = None
    removed: tuple[Removed, ...] = ()
    failure: Failure | None = None
    #: The worker should be replaced (it ran out of memory).
    restart: bool = False


def run_task(task: Task, job: Job) -> Outcome:
    """Extract and render one document; never raises for the document's sake."""
    if task.failure is not None:
        return Outcome(failure=task.failure)
    try:
        source = task.source
        if isinstance(source, Path):  # read here: messages then never repeat the path
            source = read_path(source, job.options)
        article = extract(source, url=task.url or job.url, options=job.options)
        rendered = render(article, task.path, job, task.fields)
        return Outcome(rendered, article.boilerplate if job.explain else ())
    except CleannewsError as error:
        return Outcome(failure=Failure.of(error))
    except MemoryError:
        message = "ran out of memory extracting the page (--max-memory)"
        return Outcome(failure=Failure("InputTooLargeError", message), restart=True)
    except Exception as error:  # the worker boundary: a bug must become a record, not end a batch
        message = f"internal error (a bug in cleannews, please report it): {error!r}"
        return Outcome(failure=Failure("InternalError", message, traceback.format_exc()))


def render(article: Article, path: str, job: Job, fields: Mapping[str, Any] | None = None) -> str:
    """The article in the job's format, ending with one newline (JSON records start with
    the ``path`` and ``fields``)."""
    if job.format == "markdown":
        return article.to_markdown().rstrip("\n") + "\n"
    if job.format == "text":
        return article.to_text().rstrip("\n") + "\n"
    data = article.to_dict()
    if not job.explain:
        del data["boilerplate"]
    if job.format == "jsonl":
        return json.dumps({"path": path} | dict(fields or {}) | data, ensure_ascii=False) + "\n"
    return json.dumps(dict(fields or {}) | data, ensure_ascii=False, indent=2) + "\n"


def error_record(path: str, failure: Failure, fields: Mapping[str, Any] | None = None) -> str:
    """The JSON line reporting a failed document."""
    record = {"path": path} | dict(fields or {}) | {"error": failure.record()}
    return json.dumps(record, ensure_ascii=False) + "\n"


def run(
    tasks: Iterable[Task],
    job: Job,
    *,
    jobs: int = 1,
    timeout: float | None = None,
    max_memory: int | None = None,
) -> Generator[tuple[Task, Outcome], None, None]:
    """Every task with its outcome, in input order.

    In-process when one job without time or memory limits is asked for; otherwise in worker
    processes (``timeout`` in seconds per document, ``max_memory`` in bytes per worker).
    """
    if jobs == 1 and timeout is None and max_memory is None:
        for task in tasks:
            yield task, run_task(task, job)
        return
    with WorkerPool(job, jobs, timeout=timeout, max_memory=max_memory) as pool:
        yield from pool.run(tasks)


def _worker_main(conn: Connection, job: Job, max_memory: int | None) -> None:
    """A worker process: announce readiness, then extract each task it is sent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the parent, which stops us
    if max_memory is not None:
        import resource  # Unix only: the rest of the batch runner works without it

        resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    try:
        conn.send(None)
        while (task := conn.recv()) is not None:
            outcome = run_task(task, job)
            conn.send(outcome)
            if outcome.restart:
                return
    except (EOFError, BrokenPipeError):
        return  # the parent went away


@dataclass(eq=False)
class _Worker:
    """A worker process, its end of the pipe, and the task it is working on."""

    process: BaseProcess
    conn: Connection
    ready: bool = False
    task: tuple[int, Task] | None = None
    deadline: float | None = None
    done: int = 0


class WorkerPool:
    """Worker processes that each extract one document at a time, and can be killed.

    Unlike :class:`concurrent.futures.ProcessPoolExecutor`, which fails every pending
    future when one worker dies, each worker here has its own pipe, so a death or a time-out
    is charged to exactly the document that worker was working on.
    """

    def __init__(
        self,
        job: Job,
        size: int,
        *,
        timeout: float | None = None,
        max_memory: int | None = None,
        max_tasks: int = MAX_TASKS_PER_WORKER,
    ) -> None:
        self.job, self.size, self.timeout = job, max(1, size), timeout
        self.max_memory, self.max_tasks = max_memory, max_tasks
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._start_failures = 0
        self._pending: Iterator[tuple[int, Task]] = iter(())
        self._next = 0
        self._exhausted = False

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(graceful=kind is None)

    def run(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Outcome]]:
        """Every task with its outcome, in input order."""
        self._pending, self._next, self._exhausted = enumerate(tasks), 0, False
        window = 64 * self.size  # at most this many outcomes wait for an earlier one
        finished: dict[int, tuple[Task, Outcome]] = {}
        emitted = 0
        while len(self._workers) < self.size:
            self._workers.append(self._spawn())
        while True:
            self._dispatch(emitted + window)
            if self._exhausted and not any(w.task for w in self._workers):
                return
            for number, task, outcome in self._collect():
                finished[number] = (task, outcome)
            while emitted in finished:
                yield finished.pop(emitted)
                emitted += 1

    def worker_pids(self) -> list[int]:
        """Process ids of the current workers (for memory sampling)."""
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    def close(self, *, graceful: bool = True) -> None:
        """Stop every worker: ask politely when ``graceful``, then kill what is left."""
        for worker in self._workers:
            if graceful and worker.task is None:
                _send(worker.conn, None)
        deadline = time.monotonic() + (STOP_GRACE if graceful else 0.0)
        for worker in self._workers:
            worker.process.join(max(0.0, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.conn.close()
        self._workers = []

    def _spawn(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=_worker_main, args=(theirs, self.job, self.max_memory), daemon=True
        )
        process.start()
        theirs.close()
        return _Worker(process, ours)

    def _dispatch(self, limit: int) -> None:
        for worker in self._workers:
            if not worker.ready or worker.task is not None or self._next >= limit:
                continue
            item = next(self._pending, None)
            if item is None:
                self._exhausted = True
                return
            self._next += 1
            worker.task = item
            worker.deadline = None if self.timeout is None else time.monotonic() + self.timeout
            _send(worker.conn, item[1])  # a dead worker is found by _collect

    def _collect(self) -> list[tuple[int, Task, Outcome]]:
        """Wait for a message, a death or a time-out; the outcomes that came of it."""
        objects: list[Any] = [w.conn for w in self._workers]
        objects += [w.process.sentinel for w in self._workers]
        ready = set(wait(objects, self._wait_time()))
        results: list[tuple[int, Task, Outcome]] = []
        for worker in list(self._workers):
            if worker.conn in ready or worker.process.sentinel in ready:
                results += self._receive(worker)
        now = time.monotonic()
        for worker in list(self._workers):
            if worker.deadline is not None and worker.deadline <= now:
                budget = f"{self.timeout:g}-second" if self.timeout else "time"
                error = TimeLimitError(f"took longer than the {budget} time budget (--timeout)")
                results += self._replace(worker, Failure.of(error))
        return results

    def _wait_time(self) -> float | None:
        deadlines = [w.deadline for w in self._workers if w.deadline is not None]
        return max(0.0, min(deadlines) - time.monotonic()) if deadlines else None

    def _receive(self, worker: _Worker) -> list[tuple[int, Task, Outcome]]:
        message: Outcome | type[EOFError] | None = EOFError
        with contextlib.suppress(EOFError, OSError):
            if worker.conn.poll():
                message = worker.conn.recv()
        if message is EOFError:  # the pipe closed: the process is gone or going
            worker.process.join(1.0)
            return self._replace(worker, Failure.of(WorkerDiedError(_death(worker.process))))
        if isinstance(message, Outcome):
            return self._finish(worker, message)
        worker.ready, self._start_failures = True, 0  # the worker's "ready" message
        return []

    def _finish(self, worker: _Worker, outcome: Outcome) -> list[tuple[int, Task, Outcome]]:
        assert worker.task is not None, "a worker sent an outcome without a task"
        (number, task), worker.task, worker.deadline = worker.task, None, None
        worker.done += 1
        if outcome.restart or worker.done >= self.max_tasks:
            self._retire(worker)
        return [(number, task, outcome)]

    def _replace(self, worker: _Worker, failure: Failure) -> list[tuple[int, Task, Outcome]]:
        """Kill ``worker`` and start another; its current task, if any, failed."""
        lost = worker.task
        if not worker.ready:
            self._start_failures += 1
            if self._start_failures >= MAX_START_FAILURES:
                hint = "; is --max-memory too low?" if self.max_memory else ""
                code = worker.process.exitcode
                raise BatchError(f"worker processes fail to start (exit status {code}){hint}")
        self._retire(worker, kill=True)
        return [] if lost is None else [(lost[0], lost[1], Outcome(failure=failure))]

    def _retire(self, worker: _Worker, *, kill: bool = False) -> None:
        if kill:
            worker.process.kill()
        else:
            _send(worker.conn, None)
        worker.process.join(None if kill else STOP_GRACE)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()
        self._workers[self._workers.index(worker)] = self._spawn()


def _send(conn: Connection, message: object) -> None:
    with contextlib.suppress(OSError):  # BrokenPipeError: the worker died, _collect sees it
        conn.send(message)


def _death(process: BaseProcess) -> str:
    code = process.exitcode
    if code is None:
        how = "stopped responding"
    elif code < 0:
        try:
            how = f"was killed by {signal.Signals(-code).name}"
        except ValueError:
            how = f"was killed by signal {-code}"
        how += " (out of memory?)" if code == -getattr(signal, "SIGKILL", 9) else ""
    else:
        how = f"exited with status {code}"
    return f"the worker process {how}; the batch went on without this page"
