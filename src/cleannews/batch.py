"""The batch runner under the command line: every input yields exactly one outcome.

A document is extracted and rendered by :func:`run_task`, the one boundary where an unexpected
exception becomes an error record instead of ending the batch. :func:`run` runs the tasks
in-process, or, when a time budget, a memory limit or several jobs are asked for, in a
:class:`WorkerPool` of spawned processes that can be killed: a document over its time budget,
or whose worker dies, is reported and the worker replaced, and the rest of the batch goes on.
Outcomes come back in input order.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import time
import traceback
from collections.abc import Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from cleannews import errors
from cleannews.blocks import SiteFilter, SiteTemplateSet
from cleannews.errors import (
    BatchError,
    CleannewsError,
    MemoryLimitError,
    TimeLimitError,
    WorkerDiedError,
)
from cleannews.input.detect import kind_from_name
from cleannews.input.load import Source, load, read_path
from cleannews.model import Article, Removed
from cleannews.options import InputKind, Options
from cleannews.output.formats import CSV_COLUMNS, SCHEMA_VERSION, Render, render
from cleannews.output.formats import error_record as _error_record
from cleannews.pipeline import extract

if TYPE_CHECKING:  # the worker pool imports multiprocessing when it starts (not for one page)
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

#: A worker process is replaced after this many documents (bounds slow memory growth).
MAX_TASKS_PER_WORKER = 1000
#: Workers failing to start this many times in a row end the batch.
MAX_START_FAILURES = 3
#: Seconds a stopping worker gets to finish before it is killed.
STOP_GRACE = 2.0
#: Seconds between two looks at the workers' resident memory (with a memory limit).
MEMORY_POLL = 0.05


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

    def error(self) -> CleannewsError:
        """The failure as an exception of its class (a :class:`CleannewsError` subclass)."""
        kind = getattr(errors, self.type, None)
        if not (isinstance(kind, type) and issubclass(kind, CleannewsError)):
            kind = errors.InputError if self.type == "OSError" else CleannewsError
        return kind(self.message)


@dataclass(frozen=True, slots=True)
class Task:
    """One input: a file to read, bytes or text, or a failure known up front."""

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
    """What to do with every document of a batch; ``format`` None hands back the Article."""

    options: Options = field(default_factory=Options)
    url: str | None = None
    format: str | None = "json"
    explain: bool = False
    #: The columns of ``csv`` output.
    columns: tuple[str, ...] = CSV_COLUMNS
    #: Site templates to drop (``--templates``, ``--learn-templates``).
    templates: SiteTemplateSet | None = None


@dataclass(frozen=True, slots=True)
class Facts:
    """What batch filters look at, without the article."""

    page_type: str
    language: str | None
    words: int
    #: A key equal for two bodies with the same words (case and spacing aside).
    body_key: str


@dataclass(frozen=True, slots=True)
class Outcome:
    """The rendered output of one document (or the Article itself), or why there is none."""

    rendered: str | None = None
    removed: tuple[Removed, ...] = ()
    failure: Failure | None = None
    #: The worker should be replaced (it ran out of memory).
    restart: bool = False
    article: Article | None = None
    facts: Facts | None = None
    #: Seconds of CPU time the document took (for ``--verbose``).
    seconds: float = 0.0
    #: Why a batch filter left the document out (``"a duplicate of PATH"``), if it did.
    skipped: str | None = None


def run_task(task: Task, job: Job) -> Outcome:
    """Extract and render one document; never raises for the document's sake."""
    if task.failure is not None:
        return Outcome(failure=task.failure)
    started = time.process_time()
    try:
        article = _extract(task, job)
    except CleannewsError as error:
        return Outcome(failure=Failure.of(error))
    except MemoryError:
        message = "ran out of memory extracting the page (--max-memory)"
        return Outcome(failure=Failure("InputTooLargeError", message), restart=True)
    except Exception as error:  # the worker boundary: a bug must become a record, not end a batch
        message = f"internal error (a bug in cleannews, please report it): {error!r}"
        return Outcome(failure=Failure("InternalError", message, traceback.format_exc()))
    removed = article.boilerplate if job.explain else ()
    seconds = time.process_time() - started
    if job.format is None:
        return Outcome(article=article, facts=facts_of(article), seconds=seconds)
    how = Render(path=task.path, explain=job.explain, columns=job.columns, fields=task.fields)
    rendered = render(article, job.format, how)
    return Outcome(rendered, removed, facts=facts_of(article), seconds=seconds)


def _extract(task: Task, job: Job) -> Article:
    source, options = task.source, job.options
    if isinstance(source, Path):  # read here: messages then never repeat the path
        if options.input_kind is InputKind.AUTO:
            options = replace(options, input_kind=kind_from_name(source.name))
        source = read_path(source, options)
    return extract(
        source, url=task.url or job.url, options=options, templates=site_filter(task, job)
    )


def site_filter(task: Task, job: Job) -> SiteFilter | None:
    """The job's templates; a page whose URLs name no host (nor ``--url``) takes its folder's
    name for one."""
    return None if job.templates is None else job.templates.bound(fallback_host(task))


def fallback_host(task: Task) -> str | None:
    """The host of a page file whose URLs name none: its folder's name."""
    if isinstance(task.source, Path):
        return task.source.resolve().parent.name or None
    return None


def facts_of(article: Article) -> Facts:
    """The filterable facts of an article."""
    key = hashlib.blake2b(" ".join(article.text.casefold().split()).encode(), digest_size=12)
    return Facts(article.page_type.value, article.language, article.word_count, key.hexdigest())


def error_record(path: str, failure: Failure, fields: Mapping[str, Any] | None = None) -> str:
    """The JSON line reporting a failed document."""
    record = _error_record(path, failure.record(), fields)
    return json.dumps(record, ensure_ascii=False) + "\n"


def skipped_record(path: str, reason: str, fields: Mapping[str, Any] | None = None) -> str:
    """The JSON line of a document a batch filter left out, and why."""
    record = {"schema_version": SCHEMA_VERSION, "path": path} | dict(fields or {})
    record["skipped"] = reason
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


def _worker_main(conn: Connection, job: Job, _max_memory: int | None = None) -> None:
    """A worker process: announce readiness, then extract each task it is sent. The parent
    watches its resident memory; when the parent goes away, the worker ends without a word."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the parent, which stops us
    run_task(Task("warm-up", _WARM_UP), job)  # rules load now, not on the first page's clock
    try:
        conn.send(None)
        while (task := conn.recv()) is not None:
            outcome = run_task(task, job)
            conn.send(outcome)
            if outcome.restart:
                return
    except (EOFError, OSError):  # BrokenPipe, ConnectionReset: the parent went away
        return


#: A page each worker extracts before it says it is ready, so that loading the rules and
#: the model is not charged to the first page's time budget.
_WARM_UP = (
    "<html lang='en'><head><title>Warm-up</title></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Warm-up</h1><p>By A. Writer, May 30, 2025. A sentence, with a comma, of "
    "prose long enough to be scored as the body of an article.</p></article></body></html>"
)


def resident_bytes(pid: int) -> int | None:
    """The resident memory of process ``pid`` in bytes (Linux ``/proc``; None elsewhere)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


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
        import multiprocessing

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
        for _, task, outcome in self.numbered(tasks):
            yield task, outcome

    def numbered(
        self, tasks: Iterable[Task], *, ordered: bool = True
    ) -> Iterator[tuple[int, Task, Outcome]]:
        """Every task with its number (from 0) and outcome, in input order or as finished."""
        self._pending, self._next, self._exhausted = enumerate(tasks), 0, False
        window = 64 * self.size  # at most this many outcomes wait for an earlier one
        finished: dict[int, tuple[Task, Outcome]] = {}
        emitted = 0
        while len(self._workers) < self.size:
            self._workers.append(self._spawn())
        while True:
            self._dispatch(emitted + window if ordered else self._next + self.size)
            if self._exhausted and not any(w.task for w in self._workers):
                return
            for number, task, outcome in self._collect():
                if not ordered:
                    yield number, task, outcome
                    continue
                finished[number] = (task, outcome)
            while emitted in finished:
                yield emitted, *finished.pop(emitted)
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
        process = self._context.Process(target=_worker_main, args=(theirs, self.job), daemon=True)
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
        from multiprocessing.connection import wait

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
        if self.max_memory is not None:
            results += self._check_memory(self.max_memory)
        return results

    def _wait_time(self) -> float | None:
        deadlines = [w.deadline for w in self._workers if w.deadline is not None]
        wait_for = max(0.0, min(deadlines) - time.monotonic()) if deadlines else None
        if self.max_memory is not None:
            return MEMORY_POLL if wait_for is None else min(wait_for, MEMORY_POLL)
        return wait_for

    def _check_memory(self, limit: int) -> list[tuple[int, Task, Outcome]]:
        """Replace each worker whose resident memory is over ``limit``; its page failed."""
        results: list[tuple[int, Task, Outcome]] = []
        for worker in list(self._workers):
            used = resident_bytes(worker.process.pid or 0) if worker.ready else None
            if used is None or used <= limit:
                continue
            megabytes = f"{limit / 2**20:g} MB"
            if worker.task is None and worker.done == 0:
                raise BatchError(
                    f"a worker at rest uses {used / 2**20:.0f} MB, over --max-memory {megabytes}"
                )
            error = MemoryLimitError(
                f"used more than {megabytes} of resident memory (--max-memory); "
                "the worker was replaced"
            )
            results += self._replace(worker, Failure.of(error))
        return results

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
                code = worker.process.exitcode
                raise BatchError(f"worker processes fail to start (exit status {code})")
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


def extract_many(
    sources: Iterable[Source],
    *,
    jobs: int = 1,
    timeout: float | None = None,
    max_memory: int | None = None,
    url: str | None = None,
    options: Options | None = None,
    ordered: bool = True,
) -> Iterator[tuple[Source, Article | CleannewsError]]:
    """Extract many pages; yield each source with its Article, or the error it raised.

    Parameters:
        sources: what :func:`cleannews.extract` accepts, typically ``pathlib.Path`` objects
            (read in the workers). Trees, soups and file objects are serialised first.
        jobs: worker processes; 1 (the default) without limits extracts in this process.
        timeout: seconds per page; a page over it is stopped (its worker replaced) and
            yields a :class:`~cleannews.errors.TimeLimitError`.
        max_memory: bytes of resident memory per worker (Linux); a worker over it is
            replaced and its page yields a :class:`~cleannews.errors.MemoryLimitError`.
        url: the address every page resolves against (one per source: call per source).
        options: as for :func:`cleannews.extract`.
        ordered: yield in input order (the default), or as pages finish.

    A page never ends the batch: a worker that dies yields a
    :class:`~cleannews.errors.WorkerDiedError` for its page only, and a bug in cleannews an
    :class:`~cleannews.errors.InternalError` (``CleannewsError`` subclasses all). The pool
    is the command line's: ``cleannews --jobs/--timeout/--max-memory`` runs on it.

    Example:
        >>> from pathlib import Path
        >>> for path, result in cleannews.extract_many(Path("saved").glob("*.html"), jobs=2):
        ...     if isinstance(result, cleannews.CleannewsError):
        ...         print(path, "failed:", result)
        ...     else:
        ...         print(path, result.title)
    """
    job = Job(options=options or Options(), url=url, format=None)
    originals: list[Source] = []
    tasks = (_task(source, len(originals), originals, job.options) for source in sources)
    if jobs == 1 and timeout is None and max_memory is None:
        for number, task in enumerate(tasks):
            yield originals[number], _result(run_task(task, job))
        return
    with WorkerPool(job, jobs, timeout=timeout, max_memory=max_memory) as pool:
        for number, _, outcome in pool.numbered(tasks, ordered=ordered):
            yield originals[number], _result(outcome)


def _task(source: Source, number: int, originals: list[Source], options: Options) -> Task:
    originals.append(source)
    if isinstance(source, Path):
        return Task(str(source), source)
    if isinstance(source, str | bytes):
        return Task(f"<source {number}>", source)
    try:  # a tree, a soup or a file object cannot travel to a worker: its text does
        return Task(f"<source {number}>", load(source, options).text)
    except CleannewsError as error:
        return Task(f"<source {number}>", b"", failure=Failure.of(error))


def _result(outcome: Outcome) -> Article | CleannewsError:
    if outcome.failure is not None:
        return outcome.failure.error()
    assert outcome.article is not None, "an outcome without an article or a failure"
    return outcome.article
