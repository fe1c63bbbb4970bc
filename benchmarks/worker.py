"""One benchmark job (one extractor on one corpus) in a fresh, isolated process.

Each job runs in its own ``spawn``-ed process, one at a time, so peak RSS belongs to a single
extractor and timings never overlap with another extractor's work.
"""

from __future__ import annotations

import logging
import multiprocessing
import resource
import socket
import sys
import warnings
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Literal, NoReturn

from benchmarks.corpora import CorpusName, Split, load_corpus, select
from benchmarks.peers import PeerUnavailableError, load_adapter
from benchmarks.scoring import DocResult, run_docs


@dataclass(frozen=True)
class Job:
    peer: str
    corpus: CorpusName
    split: Split | Literal["all"]
    limit: int | None
    corpora_root: Path


@dataclass(frozen=True)
class JobOutcome:
    """What came back from the worker. ``problem`` is set when there are no results."""

    job: Job
    results: list[DocResult] = field(default_factory=list)
    rss_ready_mb: float = 0.0  # peak RSS after importing the peer, before the first page
    rss_peak_mb: float = 0.0  # peak RSS at the end of the job
    problem: str | None = None
    unavailable: bool = False


def run_job(job: Job, timeout: float) -> JobOutcome:
    """Run one job in a fresh spawned process; never raises for worker failures."""
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_worker_main, args=(job, sender), daemon=True)
    process.start()
    sender.close()
    outcome: JobOutcome | None = None
    if receiver.poll(timeout):
        try:
            outcome = receiver.recv()
        except EOFError:  # the worker died without reporting
            outcome = None
    process.join(10)
    if process.is_alive():
        process.kill()
        process.join()
    receiver.close()
    if outcome is None:
        problem = f"worker exited with code {process.exitcode} or timed out after {timeout:.0f}s"
        return JobOutcome(job, problem=problem)
    return outcome


def _worker_main(job: Job, sender: Connection) -> None:
    _quiet_libraries()
    _forbid_network()
    try:
        extractor = load_adapter(job.peer, job.corpus)
    except PeerUnavailableError as exc:
        sender.send(JobOutcome(job, problem=str(exc), unavailable=True))
        return
    docs = select(load_corpus(job.corpus, job.corpora_root), job.split, job.limit)
    rss_ready = peak_rss_mb()
    results = run_docs(extractor, docs)
    sender.send(JobOutcome(job, results, rss_ready, peak_rss_mb()))
    sender.close()


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _quiet_libraries() -> None:
    """Peers log and warn a lot; silence them identically for every extractor."""
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def _refuse_network(*_args: object, **_kwargs: object) -> NoReturn:
    raise OSError("network access is disabled inside benchmark workers")


def _forbid_network() -> None:
    """Extractors must work from the given HTML only: any connection attempt fails (counted
    as that page's error)."""
    socket.socket.connect = _refuse_network  # type: ignore[method-assign]
    socket.socket.connect_ex = _refuse_network  # type: ignore[method-assign]
    socket.create_connection = _refuse_network
    socket.getaddrinfo = _refuse_network
