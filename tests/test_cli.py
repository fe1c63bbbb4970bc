"""The command line: inputs, formats, outputs, batches, limits and exit codes.

Most tests call ``main([...])`` in-process; a few run ``python -m cleannews`` as a subprocess.
"""

from __future__ import annotations

import gzip
import io
import json
import multiprocessing
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cleannews import Options, batch
from cleannews.batch import Job, Task, WorkerPool
from cleannews.cli import inputs, sinks
from cleannews.cli import progress as reporting
from cleannews.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SEED = next(
    (
        p
        for p in (
            ROOT.parent / "shared" / "seed" / "met-police-call-handler.txt",
            ROOT / "fixtures" / "golden" / "met-police-call-handler" / "source.txt",
        )
        if p.exists()
    ),
    None,
)
PROSE = "The council voted on Tuesday to rebuild the old bridge, which closed in March. " * 8
TITLE = "Council votes to rebuild the bridge"


def html(title: str = TITLE) -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1><p>{PROSE}</p><p>{PROSE}</p></article>"
        '<div class="share">Share this on Facebook</div></body></html>'
    )


#: After this many seconds a never-ending page ends after all, so that a broken --timeout
#: fails its test (the page is then extracted) instead of hanging the suite.
RELEASE_AFTER = 120.0


def _release(path: Path, stop: threading.Event) -> None:
    """From RELEASE_AFTER on, give any reader of the pipe ``path`` a page and an end of file."""
    stop.wait(RELEASE_AFTER)
    while not stop.wait(0.2):
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader yet (ENXIO), or the pipe is gone
            continue
        with os.fdopen(descriptor, "w") as pipe:
            pipe.write(html("Released page"))


@pytest.fixture
def never_ending_page() -> Iterator[Callable[[Path], Path]]:
    """Make pages that never finish: named pipes nobody writes to, so reading one blocks.
    Unlike a page that is merely slow to extract, it outlasts any time budget, however fast
    or busy the machine is."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("needs named pipes (os.mkfifo)")
    stop = threading.Event()

    def make(path: Path) -> Path:
        os.mkfifo(path)
        threading.Thread(target=_release, args=(path, stop), daemon=True).start()
        return path

    yield make
    stop.set()


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    """A folder of pages: nested, gzipped, no extension, plus files a folder run skips."""
    root = tmp_path / "pages"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.html").write_text(html("Alpha story about the bridge vote"))
    (root / "sub" / "b.htm.gz").write_bytes(gzip.compress(html("Beta story").encode()))
    (root / "sub" / "deeper" / "c").write_text(html("Gamma story"))
    (root / "d.txt").write_text(f"Delta story\n\n{PROSE}\n\n{PROSE}\n")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / ".hidden.html").write_text(html())
    (root / ".git").mkdir()
    (root / ".git" / "x.html").write_text(html())
    return root


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def records(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def subprocess_run(
    args: list[str], stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cleannews", *args],
        input=stdin,
        capture_output=True,
        timeout=60,
        check=False,
    )


# --- usage and exit codes -------------------------------------------------------------


def test_help_documents_the_exit_codes() -> None:
    result = subprocess_run(["--help"])
    assert result.returncode == 0
    text = result.stdout.decode()
    assert "exit status:" in text
    for line in ("0    every input", "1    some inputs failed", "2    usage error", "130"):
        assert line in text


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option", "x"],
        [],
        ["--format", "yaml", "x"],
        ["--jobs", "-1", "x"],
        ["--timeout", "0", "x"],
        ["--max-bytes", "lots", "x"],
        ["--resume", "x"],
        ["-o", "a.jsonl", "-d", "out", "x"],
    ],
)
def test_usage_errors_exit_with_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert "usage: cleannews" in capsys.readouterr().err


def test_usage_error_in_a_subprocess_prints_no_traceback() -> None:
    result = subprocess_run(["--resume", "page.html"])
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr
    assert b"--resume needs --output-dir" in result.stderr


# --- formats --------------------------------------------------------------------------


def test_one_file_prints_json_when_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "story.html"
    page.write_text(html())
    code, out, err = run([str(page)], capsys)
    assert (code, err) == (0, "")
    article = json.loads(out)
    assert article["title"] == TITLE
    assert "boilerplate" not in article  # only with --explain


@pytest.mark.parametrize(
    ("fmt", "start"), [("markdown", f"# {TITLE}\n"), ("text", f"{TITLE}\n\n"), ("jsonl", "{")]
)
def test_each_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, start: str
) -> None:
    page = tmp_path / "story.html"
    page.write_text(html())
    code, out, _ = run([str(page), "--format", fmt], capsys)
    assert code == 0
    assert out.startswith(start)
    assert "rebuild the old bridge" in out
    if fmt == "jsonl":
        (record,) = records(out)
        assert record["path"] == str(page)


@pytest.mark.skipif(SEED is None, reason="the seed sample is absent")
def test_the_seed_sample_as_markdown(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([str(SEED), "-f", "markdown"], capsys)
    assert code == 0
    assert out.startswith("# Met Police Call Handler")


def test_url_and_input_kind(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "story.html"
    page.write_text(html())
    code, out, _ = run(
        [str(page), "--url", "https://example.com/s", "--input-kind", "text"], capsys
    )
    assert code == 0
    article = json.loads(out)
    assert article["url"] == "https://example.com/s"
    assert "<article>" in article["text"]  # read as plain text: the markup is text


# --- inputs ---------------------------------------------------------------------------


def test_folder_is_searched_recursively(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([str(pages)], capsys)  # several inputs: json becomes one line each
    assert code == 0
    found = [Path(str(r["path"])).relative_to(pages).as_posix() for r in records(out)]
    assert found == ["a.html", "d.txt", "sub/b.htm.gz", "sub/deeper/c"]


def test_several_markdown_articles_are_divided_by_their_paths(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run([str(pages / "a.html"), str(pages / "d.txt"), "-f", "markdown"], capsys)
    assert code == 0
    assert out.startswith(f"==> {pages / 'a.html'} <==\n# Alpha story")
    assert f"\n\n==> {pages / 'd.txt'} <==\n# Delta story" in out


def test_glob_is_expanded_by_cleannews(pages: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([f"{pages}/**/*.htm*", "-f", "jsonl"], capsys)
    assert code == 0
    assert [Path(str(r["path"])).name for r in records(out)] == ["a.html", "b.htm.gz"]


def test_a_glob_matching_nothing_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run([f"{tmp_path}/*.html", "-f", "jsonl"], capsys)
    assert code == 1
    assert records(out)[0]["error"] == {"type": "InputError", "message": "no files match"}
    assert err == f"cleannews: {tmp_path}/*.html: no files match\n"


def test_standard_input_and_gzip() -> None:
    result = subprocess_run(["-", "-f", "json"], stdin=gzip.compress(html().encode("utf-16")))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == TITLE


def test_the_same_file_twice_is_extracted_once(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = str(pages / "a.html")
    code, out, _ = run([page, page, str(pages / "sub" / ".." / "a.html")], capsys)
    assert code == 0
    assert len(records(out)) == 1


# --- errors ---------------------------------------------------------------------------


def test_a_bad_file_does_not_stop_the_batch(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "broken.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    missing = pages / "missing.html"
    code, out, err = run([str(pages), str(missing)], capsys)
    assert code == 1
    found = {str(r["path"]): r for r in records(out)}
    assert len(found) == 6
    assert found[str(pages / "broken.html")]["error"] == {
        "type": "DecodeError",
        "message": "input is a PDF document, not a web page or text",
    }
    assert found[str(missing)]["error"] == {"type": "InputError", "message": "no such file"}
    assert err.splitlines() == [
        f"cleannews: {pages / 'broken.html'}: input is a PDF document, not a web page or text",
        f"cleannews: {missing}: no such file",
    ]
    assert found[str(pages / "a.html")]["title"] == "Alpha story about the bridge vote"


def test_one_missing_file_exits_with_1_without_a_traceback(tmp_path: Path) -> None:
    result = subprocess_run([str(tmp_path / "nope.html")])
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.decode() == f"cleannews: {tmp_path / 'nope.html'}: no such file\n"


def test_an_unexpected_exception_is_an_internal_error_record(
    pages: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = batch.extract

    def buggy(source: object, **kwargs: object) -> object:
        if isinstance(source, bytes) and b"Gamma" in source:
            raise ZeroDivisionError("a bug")
        return real(source, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "extract", buggy)
    code, out, err = run([str(pages)], capsys)
    assert code == 1
    (bad,) = [r for r in records(out) if "error" in r]
    error = bad["error"]
    assert isinstance(error, dict)
    assert error["type"] == "InternalError"
    assert "a bug in cleannews" in error["message"]
    assert "ZeroDivisionError('a bug')" in error["message"]
    assert "Traceback" in error["traceback"]  # in the record, for the bug report
    assert "Traceback" not in err  # not on the terminal
    assert len(records(out)) == 4


def test_an_unreadable_folder_is_reported(
    pages: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    locked, scandir = pages / "sub" / "deeper", os.scandir

    def guarded(path: str) -> object:  # as for a folder with mode 000 (root reads those)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    code, out, err = run([str(pages)], capsys)
    assert code == 1
    assert err == f"cleannews: {locked}: cannot read the folder: Permission denied\n"
    assert len(records(out)) == 4


def test_max_bytes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "story.html"
    page.write_text(html())
    code, _, err = run([str(page), "--max-bytes", "1K"], capsys)
    assert code == 1
    assert "over the 1,024-byte limit" in err


def test_ctrl_c_exits_with_130(
    pages: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object, **kwargs: object) -> object:
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "run_task", interrupted)
    code, _, err = run([str(pages)], capsys)
    assert code == 130
    assert "interrupted" in err


# --- outputs --------------------------------------------------------------------------


def test_output_dir_mirrors_the_folders(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    code, out, _ = run([str(pages), "--output-dir", str(out_dir)], capsys)
    assert (code, out) == (0, "")
    written = sorted(p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*"))
    assert written == ["a.json", "d.json", "sub", "sub/b.json", "sub/deeper", "sub/deeper/c.json"]
    assert json.loads((out_dir / "sub" / "b.json").read_text())["title"] == "Beta story"


def test_output_names_never_clash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.html").write_text(html())
    (tmp_path / "x" / "story.txt").write_text(PROSE)
    code, _, _ = run([f"{tmp_path}/*/story.*", "-d", str(tmp_path / "out"), "-f", "text"], capsys)
    assert code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "story-2.txt",
        "story-3.txt",
        "story.txt",
    ]


def test_output_files_are_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "story.json"
    sinks.write_atomic(target, "first\n")
    with pytest.raises(RuntimeError), sinks._atomic(target) as handle:
        handle.write("half of the seco")
        raise RuntimeError("interrupted while writing")
    assert target.read_text() == "first\n"  # the old file, whole
    assert [p.name for p in tmp_path.iterdir()] == ["story.json"]  # no temporary file left


def test_resume_skips_files_already_in_the_output_dir(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_dir = tmp_path / "out"
    assert run([str(pages), "-d", str(out_dir)], capsys)[0] == 0
    (out_dir / "a.json").write_text("kept")
    (out_dir / "d.json").unlink()
    code, _, err = run([str(pages), "-d", str(out_dir), "--resume"], capsys)
    assert code == 0
    assert err == "cleannews: --resume: 3 inputs already done\n"
    assert (out_dir / "a.json").read_text() == "kept"
    assert json.loads((out_dir / "d.json").read_text())["title"] == "Delta story"


def test_resume_continues_a_jsonl_output(
    pages: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "out.jsonl"
    first = [str(pages / "a.html"), str(pages / "d.txt")]
    assert run([*first, "-o", str(log)], capsys)[0] == 0
    failed = next(t.path for t in inputs.collect([str(pages)], Options()) if "b.htm" in t.path)
    with log.open("a") as handle:
        handle.write(json.dumps({"path": failed, "error": {"type": "x", "message": "y"}}) + "\n")
        handle.write('{"path": "torn by a kill')  # an interrupted write
    code, _, err = run([str(pages), "-o", str(log), "--resume"], capsys)
    assert code == 0
    assert "2 inputs already done" in err  # the failed one is tried again
    found = records(log.read_text())
    paths = [r["path"] for r in found if "error" not in r]
    assert sorted(paths) == sorted(t.path for t in inputs.collect([str(pages)], Options()))
    assert len(paths) == len(set(paths)) == 4
    assert [r for r in found if "error" in r] == []  # its new record took the error's place


def test_explain_reports_what_was_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "story.html"
    page.write_text(html())
    code, out, err = run([str(page), "-f", "markdown", "--explain"], capsys)
    assert code == 0
    assert out.startswith(f"# {TITLE}")
    assert err.startswith(f"cleannews: {page}: removed ")
    assert "Share this on Facebook" in err
    code, out, _ = run([str(page), "-f", "json", "--explain"], capsys)
    assert any("Share this" in str(r["text"]) for r in json.loads(out)["boilerplate"])


def test_progress_counter_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Terminal()
    progress = reporting.Progress(20, stream)
    for number in range(20):
        progress.step(failed=number == 3)
    progress.clear()
    assert stream.getvalue().endswith("\rcleannews: 20/20 pages, 1 failed\r\x1b[K")
    assert not reporting.Progress(5, stream).enabled  # a few pages: no counter
    assert not reporting.Progress(500, io.StringIO()).enabled  # not a terminal


# --- worker processes -----------------------------------------------------------------


def test_jobs_give_the_same_records_in_the_same_order(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one = run([str(pages), "-f", "jsonl"], capsys)
    two = run([str(pages), "-f", "jsonl", "--jobs", "2"], capsys)
    assert one == two
    assert one[0] == 0


def test_timeout_reports_the_slow_page_and_goes_on(
    pages: Path,
    capsys: pytest.CaptureFixture[str],
    never_ending_page: Callable[[Path], Path],
) -> None:
    never_ending_page(pages / "b-slow.html")  # in the middle: pages before and after it
    # A generous budget: a fresh worker's first page also loads the rules (about 0.2 s of CPU).
    code, out, err = run([str(pages), "-f", "jsonl", "--timeout", "5"], capsys)
    assert code == 1
    found = {Path(str(r["path"])).name: r for r in records(out)}
    assert found["b-slow.html"]["error"] == {
        "type": "TimeLimitError",
        "message": "took longer than the 5-second time budget (--timeout)",
    }
    assert all("title" in found[n] for n in ("a.html", "d.txt", "b.htm.gz", "c"))
    assert (
        err == f"cleannews: {pages / 'b-slow.html'}: {found['b-slow.html']['error']['message']}\n"
    )  # type: ignore[index]
    assert not multiprocessing.active_children()  # the stuck worker was killed and reaped


def test_a_killed_worker_loses_only_its_page(
    tmp_path: Path, never_ending_page: Callable[[Path], Path]
) -> None:
    slow = never_ending_page(tmp_path / "slow.html")
    good = tmp_path / "good.html"
    good.write_text(html())
    tasks = [Task(str(slow), slow), Task(str(good), good)]
    with WorkerPool(Job(format="jsonl"), 1) as pool:

        def kill_the_busy_worker() -> None:
            while not any(w.task for w in pool._workers):
                time.sleep(0.01)
            os.kill(pool._workers[0].process.pid or 0, 9)

        threading.Thread(target=kill_the_busy_worker, daemon=True).start()
        outcomes = list(pool.run(tasks))
    (_, lost), (_, kept) = outcomes
    assert lost.failure is not None
    assert lost.failure.type == "WorkerDiedError"
    assert "killed by SIGKILL" in lost.failure.message
    assert kept.rendered is not None and TITLE in kept.rendered


def test_workers_are_replaced_after_max_tasks(pages: Path) -> None:
    tasks = inputs.collect([str(pages)], Options())
    with WorkerPool(Job(), 1, max_tasks=1) as pool:
        pids = set()
        for _ in pool.run(tasks):
            pids.add(pool._workers[0].process.pid)
    assert len(pids) == len(tasks)


@pytest.mark.slow
def test_max_memory_stops_a_page_that_needs_too_much(
    pages: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (pages / "huge.html").write_text("<html><body>" + "<p>x</p>" * 1_000_000)
    code, out, _ = run([str(pages), "-f", "jsonl", "--max-memory", "400M"], capsys)
    assert code == 1
    found = {Path(str(r["path"])).name: r for r in records(out)}
    error = found["huge.html"]["error"]
    assert isinstance(error, dict)
    assert error["type"] in ("InputTooLargeError", "WorkerDiedError")
    assert "title" in found["a.html"]
