"""cleannews.dask on a real dask.distributed.LocalCluster with two worker processes.

One cluster serves the module (starting one takes seconds on a busy machine); waits are
generous and nothing asserts wall-clock time."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from benchmarks import template_sites
from distributed import Client, LocalCluster

import warcs
from cleannews.cli import cluster as cli_cluster
from cleannews.cli.main import main
from cleannews.dask import output_name, records_bag, run, write_partition
from cleannews.templates import SiteTemplates

#: Seconds the tests wait for the cluster, at most (a busy 2-core machine is slow).
PATIENCE = 300


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    with cluster, Client(cluster, timeout=PATIENCE) as client:
        client.wait_for_workers(2, timeout=PATIENCE)
        yield client


def crawls(folder: Path, count: int = 3, copies: int = 2) -> list[str]:
    """``count`` WARC files, each with every fixture page ``copies`` times (distinct URLs)."""
    paths = []
    for n in range(count):
        entries = [e for c in range(copies) for e in warcs.fixture_entries(f"site{n}-{c}.example")]
        paths.append(str(warcs.write(folder / f"crawl-{n}.warc.gz", entries)))
    return paths


def single_process(sources: list[str], folder: Path) -> dict[str, str]:
    out = {}
    for source in sources:
        result = write_partition(source, str(folder))
        out[source] = Path(result.output).read_text()
    return out


def test_records_equal_a_single_process_run_and_a_rerun_skips(
    client: Client, tmp_path: Path
) -> None:
    sources = crawls(tmp_path)
    results = run(sources, tmp_path / "out", client)
    expected = single_process(sources, tmp_path / "alone")
    assert [r.source for r in results] == sources
    for result in results:
        assert not result.already_done and result.failed == 0
        assert result.records == 2 * len(warcs.fixture_entries())
        assert Path(result.output).read_text() == expected[result.source]
    stamps = {r.output: os.stat(r.output).st_mtime_ns for r in results}
    again = run(sources, tmp_path / "out", client)
    assert all(r.already_done for r in again)
    assert {r.output: os.stat(r.output).st_mtime_ns for r in again} == stamps
    bag = records_bag(sources[:1])
    assert bag.npartitions == 1
    rows = bag.compute()
    assert len(rows) == results[0].records and rows[0]["warc_record_id"]


def test_a_killed_worker_loses_and_doubles_nothing(client: Client, tmp_path: Path) -> None:
    sources = crawls(tmp_path, count=4, copies=4)
    out = str(tmp_path / "out")
    futures = [client.submit(write_partition, s, out, pure=False) for s in sources]
    killed = _kill_a_busy_worker(client)
    results = client.gather(futures)
    assert killed, "no worker was seen at work"
    expected = single_process(sources, tmp_path / "alone")
    for result in results:  # the killed partition ran again elsewhere, from the start
        assert Path(result.output).read_text() == expected[result.source]
    lines = [line for r in results for line in Path(r.output).read_text().splitlines()]
    assert len(lines) == len(set(lines)) == 4 * 4 * len(warcs.fixture_entries())


def _kill_a_busy_worker(client: Client) -> bool:
    """SIGKILL a worker process while it extracts a partition."""
    pids = client.run(os.getpid)
    deadline = time.monotonic() + PATIENCE
    while time.monotonic() < deadline:
        for address, keys in client.processing().items():
            if any("write_partition" in str(key) for key in keys):
                os.kill(pids[address], signal.SIGKILL)
                return True
        time.sleep(0.05)
    return False


def test_a_finished_partition_from_an_interrupted_run_is_kept(
    client: Client, tmp_path: Path
) -> None:
    sources = crawls(tmp_path, count=2, copies=1)
    out = tmp_path / "out"
    out.mkdir()
    done = out / output_name(sources[0], "jsonl")
    done.write_text("finished earlier\n")
    stale = out / f".{output_name(sources[1], 'jsonl')}.abc.part"  # a killed run's temp file
    stale.write_text("half")
    results = run(sources, out, client)
    assert results[0].already_done and done.read_text() == "finished earlier\n"
    assert not results[1].already_done and results[1].records == len(warcs.fixture_entries())


def test_the_cli_runs_parquet_on_a_scheduler(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pyarrow.parquet as pq

    sources = crawls(tmp_path, count=2, copies=1)
    out = tmp_path / "out"
    address = client.scheduler.address
    assert main([*sources, "--dask", address, "--format", "parquet", "-d", str(out)]) == 0
    tables = [pq.read_table(out / output_name(s, "parquet")) for s in sources]
    assert [t.num_rows for t in tables] == [len(warcs.fixture_entries())] * 2
    capsys.readouterr()


def test_an_unreachable_scheduler_exits_with_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli_cluster, "CONNECT_TIMEOUT", 1.0)
    source = crawls(tmp_path, count=1, copies=1)[0]
    code = main([source, "--dask", "tcp://127.0.0.1:9", "-d", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("cleannews: cannot use the Dask cluster tcp://127.0.0.1:9: ")
    assert len(err.strip().splitlines()) == 1


SITE = template_sites.build()
HERALD = [p for p in SITE if p.site == "valleyherald.example"]
NEWSLETTER = "The Morning Herald: the valley's news before breakfast"
BRIEF = [p for p in SITE if p.site == "dailybrief"]
BRIEF_PROMO = "DailyBrief sorts the noise from the news"


def texts(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {r.get("url") or r["path"]: r["text"] for r in map(json.loads, lines)}


def test_saved_site_templates_run_on_the_cluster_as_in_one_process(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = [warcs.response(p.url, p.source.encode()) for p in HERALD if p.url]
    crawl = str(warcs.write(tmp_path / "crawl.warc.gz", entries))
    saved, local = tmp_path / "t.json", tmp_path / "local.jsonl"
    assert main([crawl, "-o", str(local), "--learn-templates", "--templates", str(saved)]) == 0
    address = client.scheduler.address
    out, plain = tmp_path / "out", tmp_path / "plain"
    assert main([crawl, "--dask", address, "-d", str(out), "--templates", str(saved)]) == 0
    assert main([crawl, "--dask", address, "-d", str(plain)]) == 0
    cluster = texts(out / output_name(crawl, "jsonl"))
    assert cluster == texts(local) and len(cluster) == len(entries)
    assert not any(NEWSLETTER in text for text in cluster.values())
    assert all(NEWSLETTER in text for text in texts(plain / output_name(crawl, "jsonl")).values())
    capsys.readouterr()


def test_a_folder_of_pages_counts_under_its_name_on_the_cluster(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "dailybrief"  # plain-text pages without URLs: the folder is the host
    folder.mkdir()
    for page in BRIEF:
        (folder / f"{page.name}.txt").write_text(page.source, encoding="utf-8")
    saved, local = tmp_path / "t.json", tmp_path / "local.jsonl"
    assert (
        main([str(folder), "-o", str(local), "--learn-templates", "--templates", str(saved)]) == 0
    )
    (result,) = run([str(folder)], tmp_path / "out", client, templates=SiteTemplates.load(saved))
    cluster = texts(Path(result.output))
    assert len(cluster) == len(BRIEF) and not any(BRIEF_PROMO in t for t in cluster.values())
    assert sorted(cluster.values()) == sorted(texts(local).values())
    capsys.readouterr()


def test_learning_templates_on_the_cluster_is_refused_with_advice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = crawls(tmp_path, count=1, copies=1)[0]
    with pytest.raises(SystemExit) as exit_:
        main([source, "--dask", "local:1", "-d", str(tmp_path / "out"), "--learn-templates"])
    assert exit_.value.code == 2
    assert "learn first" in capsys.readouterr().err
