"""Records per second on a WARC built from the dev corpora: a bare FastWARC iteration, the
command line single-process and with --jobs 2, the same pages as separate files, and
cleannews.dask on a two-worker LocalCluster (the WARC split in four, one partition each).

    python -m benchmarks.warc_bench [--limit N] [--workdir DIR]

Dev pages only (benchmarks/corpora.py split). Wall-clock time on a shared machine: read the
ratios, not the absolute numbers.
"""

from __future__ import annotations

import argparse
import gzip
import io
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.corpora import CORPUS_NAMES, load_corpus, select
from cleannews.cli.main import main


def build(workdir: Path, limit: int | None) -> tuple[list[Path], Path, int]:
    """The WARC (and the same records in four WARCs, and as page files); the record count."""
    from fastwarc.warc import WarcRecord, WarcRecordType

    docs = [d for name in CORPUS_NAMES for d in select(load_corpus(name), "dev")]
    docs = docs[:limit] if limit else docs
    members, pages = [], workdir / "pages"
    pages.mkdir(exist_ok=True)
    for n, doc in enumerate(docs):
        raw = doc.raw
        (pages / f"{n:05d}.html").write_bytes(raw)
        record = WarcRecord()
        record.init_headers(WarcRecordType.response)
        record.headers["WARC-Target-URI"] = doc.url or f"https://example.org/{doc.id}"
        record.headers["Content-Type"] = "application/http; msgtype=response"
        record.set_bytes_content(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + raw)
        out = io.BytesIO()
        record.write(out)
        members.append(gzip.compress(out.getvalue(), 6))
    whole = workdir / "corpus.warc.gz"
    whole.write_bytes(b"".join(members))
    parts = []
    for k in range(4):
        part = workdir / f"part-{k}.warc.gz"
        part.write_bytes(b"".join(members[k::4]))
        parts.append(part)
    return [whole, *parts], pages, len(docs)


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

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
    with cluster, Client(cluster) as client:
        run([str(p) for p in parts], out, client)


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, help="first N dev pages (default: all)")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="warc-bench-"))
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
