"""Corpus runs on a Dask cluster: one partition per input, each committed atomically.

>>> from distributed import Client, LocalCluster
>>> from cleannews.dask import run
>>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
...     summary = run(["crawl-0.warc.gz", "crawl-1.warc.gz"], "out/", client)  # doctest: +SKIP

An input is a WARC or ARC file, a jsonl file of pages (``{"url": ..., "html": ...}`` per
line) or a folder of page files, as a local path or an fsspec URL (``s3://...``). Each input
is one partition, whose records are written to one file under the output folder (jsonl, or
parquet with typed columns), to a temporary name first and renamed when the partition is done:
a partition whose output exists is finished, and a rerun skips it. A worker that dies
mid-partition leaves no output; the scheduler runs the partition again on another worker, so
no record is lost or written twice. One bad record gives an error record and never fails its
partition. Workers keep no state between records (memory stays flat over a long run).
Site templates learned before (:class:`cleannews.templates.SiteTemplates`, ``--templates
FILE``) are sent to every worker once and dropped from each page, as in a local run.

Needs the ``dask`` extra: ``pip install 'cleannews[dask]'`` (and ``warc``/``parquet`` for
WARC input and parquet output).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import tempfile
import traceback
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from cleannews.errors import CleannewsError, InputError, MissingExtraError
from cleannews.input.load import read_path
from cleannews.options import Options
from cleannews.parquet import ParquetOutput, umask
from cleannews.pipeline import extract
from cleannews.warc import ArchiveReader, Record, archive_kind

if TYPE_CHECKING:
    from cleannews.templates import SiteTemplates

MISSING_DASK = "running on Dask needs dask and distributed: pip install 'cleannews[dask]'"
OutputFormat = Literal["jsonl", "parquet"]
_PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".txt")


@dataclass(frozen=True, slots=True)
class PartitionResult:
    """What one partition did: its output file, its record counts, or that it was done."""

    source: str
    output: str
    records: int = 0
    failed: int = 0
    #: The output was there already (a finished partition of an earlier run).
    already_done: bool = False


def output_name(source: str, fmt: OutputFormat) -> str:
    """The output file of the partition of ``source``: its name and a hash of the whole
    path (two ``crawl.warc.gz`` in different folders do not clash)."""
    where = source if "://" in source else os.path.abspath(source)
    base = where.rstrip("/").rsplit("/", 1)[-1] or "input"
    digest = hashlib.sha1(where.encode("utf-8")).hexdigest()[:10]
    return f"{base}-{digest}.{fmt}"


def records(
    source: str, options: Options | None = None, templates: SiteTemplates | None = None
) -> Iterator[dict[str, Any]]:
    """The JSON records of one input, as the command line writes them in jsonl: ``path``,
    where the page came from, then the article (or an ``error``); with ``templates``, each
    page's site templates dropped (a folder's pages without a URL count under its name)."""
    job = _Job(options or Options(), templates)
    if "://" in source or archive_kind(source) is not None:
        reader = ArchiveReader(source, job.options)
        try:
            for record in reader:
                yield _archive_record(source, record, job)
        except CleannewsError as error:  # not an archive after all, FastWARC missing...
            yield _error({"path": source}, error)
    elif Path(source).is_dir():
        for page in sorted(Path(source).rglob("*")):
            if page.is_file() and page.name.lower().removesuffix(".gz").endswith(_PAGE_SUFFIXES):
                read = functools.partial(read_path, page, job.options)
                yield _page({"path": str(page)}, read, job, host=page.resolve().parent.name)
    else:
        yield from _jsonl_records(source, job)


@dataclass(frozen=True)
class _Job:
    """What every record of a partition is extracted with."""

    options: Options
    templates: SiteTemplates | None = None


def _archive_record(source: str, record: Record, job: _Job) -> dict[str, Any]:
    head = {"path": source} | record.fields()
    if record.error is not None or record.text is None:
        return _error(head, record.error or InputError("the record has no payload"))
    text = record.text
    return _page(head, lambda: text, job, url=record.url)


def _jsonl_records(source: str, job: _Job) -> Iterator[dict[str, Any]]:
    try:  # closed by the with below; a file that cannot be opened is an error record
        handle = Path(source).open(encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as error:
        yield _error({"path": source}, InputError(f"cannot read: {error.strerror or error}"))
        return
    with handle:
        for number, line in enumerate(handle, 1):
            head: dict[str, Any] = {"path": source, "line": number}
            try:
                item = json.loads(line)
                html, url = item.get("html") or item.get("content"), item.get("url")
            except (ValueError, AttributeError):
                yield _error(head, InputError("not a JSON object with an html field"))
                continue
            head["url"] = url if isinstance(url, str) else None
            if not isinstance(html, str):
                yield _error(head, InputError("no html field"))
                continue
            yield _page(head, lambda h=html: h, job, url=head["url"])


def _page(
    head: dict[str, Any], source: Any, job: _Job, url: str | None = None, host: str | None = None
) -> dict[str, Any]:
    """The record of one page; its error record when it cannot be extracted. This is a worker
    boundary, like the command line's: a bug becomes an error record, never a failed
    partition (a failed partition would be retried, and fail again, forever)."""
    site = None if job.templates is None else job.templates.bound(host)
    try:
        data = extract(source(), url=url, options=job.options, templates=site).to_dict()
    except CleannewsError as error:
        return _error(head, error)
    except MemoryError:
        return _error(head, InputError("ran out of memory extracting the page"))
    except Exception as error:  # the worker boundary (see above)
        message = f"internal error (a bug in cleannews, please report it): {error!r}"
        failure = {"type": "InternalError", "message": message, "traceback": traceback.format_exc()}
        return head | {"error": failure}
    del data["boilerplate"]
    return head | data


def _error(head: dict[str, Any], error: CleannewsError) -> dict[str, Any]:
    return head | {"error": {"type": type(error).__name__, "message": str(error)}}


def write_partition(
    source: str,
    output_dir: str,
    fmt: OutputFormat = "jsonl",
    options: Options | None = None,
    templates: SiteTemplates | None = None,
) -> PartitionResult:
    """Extract one input and commit its output file; nothing to do when it exists."""
    target = Path(output_dir) / output_name(source, fmt)
    if target.exists():
        return PartitionResult(source, str(target), already_done=True)
    counts: Counter[str] = Counter()
    rows = _counted(records(source, options, templates), counts)
    if fmt == "parquet":
        with ParquetOutput(target) as output:
            output.write(rows)
    else:
        _write_jsonl(target, rows)
    return PartitionResult(source, str(target), counts["records"], counts["failed"])


def _counted(rows: Iterator[dict[str, Any]], counts: Counter[str]) -> Iterator[dict[str, Any]]:
    for row in rows:
        counts["records"] += 1
        counts["failed"] += "error" in row
        yield row


def _write_jsonl(target: Path, rows: Iterator[dict[str, Any]]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        os.chmod(temp, 0o666 & ~umask())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def records_bag(
    sources: Sequence[str], options: Options | None = None, templates: SiteTemplates | None = None
) -> Any:
    """A ``dask.bag`` of the JSON records of ``sources``, one partition per input."""
    try:
        import dask.bag
        from dask.delayed import delayed
    except ImportError:
        raise MissingExtraError(MISSING_DASK) from None
    parts = [delayed(_record_list)(source, options, templates) for source in sources]
    return dask.bag.from_delayed(parts)  # type: ignore[no-untyped-call]


def _record_list(
    source: str, options: Options | None, templates: SiteTemplates | None
) -> list[dict[str, Any]]:
    return list(records(source, options, templates))


def run(
    sources: Sequence[str],
    output_dir: str | os.PathLike[str],
    client: Any,
    *,
    fmt: OutputFormat = "jsonl",
    options: Options | None = None,
    templates: SiteTemplates | None = None,
) -> list[PartitionResult]:
    """Write every input's partition under ``output_dir`` on the cluster of ``client``
    (finished partitions are skipped); the results in input order. ``templates`` are sent
    to the workers once, not with every partition."""
    folder = os.fspath(output_dir)
    Path(folder).mkdir(parents=True, exist_ok=True)
    shared = None if templates is None else client.scatter(templates, broadcast=True)
    futures = [
        client.submit(write_partition, source, folder, fmt, options, shared, pure=False)
        for source in sources
    ]
    return list(client.gather(futures))
