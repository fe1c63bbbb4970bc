"""Records per second on a WARC built from the dev corpora: a bare FastWARC iteration, the
command line single-process and with --jobs 2, the same pages as separate files, and
cleannews.dask on a two-worker LocalCluster (the WARC split in four, one partition each).

    python -m benchmarks.warc_bench [--limit N] [--workdir DIR]
    python -m benchmarks.warc_bench --rss 10000 [--jobs 2] [--every 500]

``--rss N`` measures memory instead: a WARC of N records (the dev pages repeated, each copy
under its own URL) through the ``--jobs`` worker pool, workers never recycled (the command
line replaces each after 1,000 pages, which would hide growth), sampling every worker's RSS
from /proc every ``--every`` records; it prints the samples, each worker's peak (VmHWM) and
the growth over the second half of the run.

Dev pages only (benchmarks/corpora.py split). Wall-clock time on a shared machine: read the
ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import gzip
import io
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from benchmarks.corpora import CORPUS_NAMES, load_corpus, select
from cleannews.cli.main import main


def build(workdir: Path, limit: int | None) -> tuple[list[Path], Path, int]:
    """The WARC (and the same records in four WARCs, and as page files); the record count."""
    docs = [d for name in CORPUS_NAMES for d in select(load_corpus(name), "dev")]
    docs = docs[:limit] if limit else docs
    members, pages = [], workdir / "pages"
    pages.mkdir(exist_ok=True)
    for n, doc in enumerate(docs):
        raw = doc.raw
        (pages / f"{n:05d}.html").write_bytes(raw)
        members.append(response(doc.url or f"https://example.org/{doc.id}", raw))
    whole = workdir / "corpus.warc.gz"
    whole.write_bytes(b"".join(members))
    parts = []
    for k in range(4):
        part = workdir / f"part-{k}.warc.gz"
        part.write_bytes(b"".join(members[k::4]))
        parts.append(part)
    return [whole, *parts], pages, len(docs)


def response(url: str, raw: bytes) -> bytes:
    """One gzip member holding a WARC response record of ``raw`` (an HTML page) at ``url``."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    record = WarcRecord()
    record.init_headers(WarcRecordType.response)
    record.headers["WARC-Target-URI"] = url
    record.headers["Content-Type"] = "application/http; msgtype=response"
    record.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + raw)
    out = io.BytesIO()
    record.write(out)
    return gzip.compress(out.getvalue(), 6)


def build_repeated(workdir: Path, count: int) -> Path:
    """A WARC of ``count`` records: the dev pages over and over, each copy at its own URL."""
    docs = [d for name in CORPUS_NAMES for d in select(load_corpus(name), "dev")]
    path = workdir / f"repeated-{count}.warc.gz"
    with path.open("wb") as out:
        for n in range(count):
            doc = docs[n % len(docs)]
            url = f"{doc.url or 'https://example.org/' + doc.id}#copy-{n // len(docs)}-{n}"
            out.write(response(url, doc.raw))
    return path


def rss_run(path: Path, jobs: int, every: int) -> list[dict[str, object]]:
    """Samples of the workers' and the parent's RSS while the WARC runs through the pool."""
    from fuzz.memory_soak import status_mb

    from cleannews.batch import Job, Task, WorkerPool
    from cleannews.warc import ArchiveReader

    def tasks() -> Iterator[Task]:
        for record in ArchiveReader(path):
            yield Task(str(path), record.text or b"", url=record.url, fields=record.fields())

    samples: list[dict[str, object]] = []
    peaks: dict[int, float] = {}
    start = time.perf_counter()
    with WorkerPool(Job(format="jsonl"), jobs, max_tasks=10**9) as pool:
        for done, _ in enumerate(pool.run(tasks()), 1):
            if done % every:
                continue
            pids = pool.worker_pids()
            for pid in pids:
                peaks[pid] = max(peaks.get(pid, 0.0), status_mb(pid, "VmHWM"))
            samples.append({
                "records": done, "seconds": round(time.perf_counter() - start, 1),
                "workers_rss_mb": [round(status_mb(pid, "VmRSS"), 1) for pid in pids],
                "workers_peak_mb": [round(peaks[pid], 1) for pid in pids],
                "parent_rss_mb": round(status_mb(os.getpid(), "VmRSS"), 1),
            })  # fmt: skip
            print(samples[-1], flush=True)
    return samples


def rss_table(samples: list[dict[str, object]]) -> str:
    lines = ["| records | seconds | worker RSS (MB) | worker peak so far (MB) | parent RSS (MB) |",
             "|---:|---:|---|---|---:|"]  # fmt: skip
    for s in samples:
        rss = ", ".join(f"{v:.1f}" for v in s["workers_rss_mb"])  # type: ignore[attr-defined]
        peak = ", ".join(f"{v:.1f}" for v in s["workers_peak_mb"])  # type: ignore[attr-defined]
        lines.append(f"| {s['records']:,} | {s['seconds']} | {rss} | {peak} "
                     f"| {s['parent_rss_mb']} |")  # fmt: skip
    half = next(s for s in samples if s["records"] >= samples[-1]["records"] // 2)  # type: ignore[operator]
    pairs = zip(half["workers_rss_mb"], samples[-1]["workers_rss_mb"], strict=False)  # type: ignore[call-overload]
    growth = ", ".join(f"{b - a:+.1f}" for a, b in pairs)
    return "\n".join(lines) + f"\n\nGrowth over the second half (MB per worker): {growth}"


def bare(path: Path) -> int:
    from fastwarc.warc import ArchiveIterator

    count = 0
    for record in ArchiveIterator(str(path), parse_http=False):
        record.reader.read()
        count += 1
    return count


def timed(step: Callable[[], object]) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def on_cluster(parts: list[Path], out: Path) -> None:
    from distributed import Client, LocalCluster

    from cleannews.dask import run

    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=2, threads_per_worker=1, dashboard_address=None
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        run([str(p) for p in parts], out, client)


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="first N dev pages (default: all)")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--rss", type=int, metavar="N", help="measure RSS over N records")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (--rss)")
    parser.add_argument("--every", type=int, default=500, help="sample every N records")
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="warc-bench-"))
    if args.rss:
        path = build_repeated(workdir, args.rss)
        print(f"{args.rss:,} records, {path.stat().st_size / 1e6:.1f} MB gzipped WARC")
        print(rss_table(rss_run(path, args.jobs, args.every)))
        return
    (whole, *parts), pages, count = build(workdir, args.limit)
    times = {
        "bare FastWARC iteration": timed(lambda: bare(whole)),
        "cleannews WARC, 1 process": timed(
            lambda: main([str(whole), "-o", str(workdir / "1.jsonl")])
        ),
        "cleannews WARC, --jobs 2": timed(
            lambda: main([str(whole), "-o", str(workdir / "2.jsonl"), "--jobs", "2"])
        ),
        "cleannews page files, 1 process": timed(
            lambda: main([str(pages), "-o", str(workdir / "p.jsonl")])
        ),
        "cleannews.dask, LocalCluster of 2 (4 WARCs)": timed(
            lambda: on_cluster(parts, workdir / "dask")
        ),
    }
    base, files = times["bare FastWARC iteration"], times["cleannews page files, 1 process"]
    print(f"{count} records, {whole.stat().st_size / 1e6:.1f} MB gzipped WARC\n")
    print("| run | seconds | records/s | vs bare FastWARC | vs page files |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds in times.items():
        print(f"| {name} | {seconds:.1f} | {count / seconds:,.0f} | {base / seconds:.4f} "
              f"| {files / seconds:.2f} |")  # fmt: skip


if __name__ == "__main__":
    main_bench()
