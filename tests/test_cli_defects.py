"""Defects of the command line seen by trying it as a new user would (issue 14), each pinned.

The terminal test drives the real ``cleannews`` command in a pseudo-terminal; the others call
``main([...])`` in-process or run ``python -m cleannews`` as a subprocess.
"""

from __future__ import annotations

import gzip
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleannews import Options
from cleannews.cli import inputs
from cleannews.cli.args import build_parser, make_plan
from cleannews.cli.main import main

PROSE = "The council voted on Tuesday to rebuild the old bridge, which closed in March. " * 8


def page(title: str) -> str:
    return (
        f"<html><head><title>{title}</title></head><body>"
        f"<article><h1>{title}</h1><p>{PROSE}</p><p>{PROSE}</p></article></body></html>"
    )


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def records(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def screen(data: bytes) -> list[str]:
    """The lines a terminal shows for ``data``: carriage return goes to column 0, ``ESC [K``
    erases to the end of the line, characters overwrite what is under the cursor."""
    lines: list[str] = []
    line: list[str] = []
    column = 0
    text = data.decode("utf-8", "replace").replace("\x1b[K", "\x00")
    for char in text:
        if char == "\n":
            lines.append("".join(line))
            line, column = [], 0
        elif char == "\r":
            column = 0
        elif char == "\x00":
            del line[column:]
        else:
            if column < len(line):
                line[column] = char
            else:
                line.append(char)
            column += 1
    if line:
        lines.append("".join(line))
    return lines


def in_terminal(args: list[str], timeout: float = 120) -> tuple[int, bytes]:
    """Run ``python -m cleannews ARGS`` with stdin, stdout and stderr on one pseudo-terminal;
    its exit status and everything it wrote."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "cleannews", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        close_fds=True,
    )
    os.close(follower)
    output = bytearray()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 1.0)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the last writer closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    return process.wait(timeout=30), bytes(output)


# --- 1: progress and articles share the terminal -------------------------------------------


def test_progress_never_shows_between_articles_in_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(14):
        (folder / f"p{number:02}.html").write_text(page(f"Story number {number} about bridges"))
    (folder / "broken.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    code, output = in_terminal([str(folder), "--jobs", "2", "-f", "text"])
    assert code == 1
    lines = screen(output)
    leaked = [line for line in lines if "pages, " in line and "failed" in line]
    assert leaked == [], leaked  # no progress line left on the screen
    headers = [line for line in lines if line.startswith("==> ")]
    assert len(headers) == 14  # every article's header starts its own line
    assert any(line.endswith(": input is a PDF document, not a web page or text") for line in lines)
    summary = lines[-1]
    assert summary.startswith("cleannews: 15 pages: 14 extracted, 1 failed, ")
    assert summary.endswith(" s")


# --- 2: an output folder inside the input folder -------------------------------------------


def test_the_output_folder_is_never_read_as_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "r3"
    folder.mkdir()
    (folder / "ok.html").write_text(page("Bridge story"))
    for _ in range(2):
        code, _, err = run([str(folder), "-d", str(folder / "clean"), "-f", "text"], capsys)
        assert (code, err) == (0, "")
    written = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert written == ["clean/ok.txt", "ok.html"]
    assert "never read" in " ".join(build_parser().format_help().split())


def test_the_output_file_is_never_read_as_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "r3"
    folder.mkdir()
    (folder / "ok.html").write_text(page("Bridge story"))
    for _ in range(2):
        assert run([str(folder), "-o", str(folder / "all.txt"), "-f", "text"], capsys)[0] == 0
    assert (folder / "all.txt").read_text().count("Bridge story") == 1


# --- 3: .txt files are text ------------------------------------------------------------


TUTORIAL = (
    "How to break lines in HTML\n\n"
    "Use the <br> tag to break a line inside a paragraph, and wrap each paragraph in <p> and "
    "</p>. A <div> groups blocks, and an <a href> makes a link. Beginners often confuse them, "
    "so this tutorial walks through each of them with small examples you can try yourself.\n\n"
    "Browsers forgive a missing </p>, but a missing closing <div> can break the whole layout "
    "of the page, which is why editors highlight unclosed tags while you type them.\n"
)


@pytest.mark.parametrize("name", ["tutorial.txt", "tutorial.md", "tutorial.txt.gz"])
def test_a_text_file_with_literal_tags_is_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    path = tmp_path / name
    data = TUTORIAL.encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    code, out, _ = run([str(path), "-f", "json"], capsys)
    assert code == 0
    article = json.loads(out)
    assert article["title"] == "How to break lines in HTML"
    assert "Use the <br> tag" in article["text"]


def test_input_kind_overrides_the_extension_and_stdin_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "saved.txt"
    path.write_text(page("Saved as text"))
    result = subprocess.run(
        [sys.executable, "-m", "cleannews", str(path), "--input-kind", "html", "-f", "json"],
        capture_output=True,
        check=False,
    )
    assert json.loads(result.stdout)["text"].startswith("The council")
    result = subprocess.run(
        [sys.executable, "-m", "cleannews", "-", "-f", "json"],
        input=page("From stdin").encode(),
        capture_output=True,
        check=False,
    )
    assert json.loads(result.stdout)["title"] == "From stdin"


def test_the_library_reads_a_txt_path_as_text(tmp_path: Path) -> None:
    import cleannews

    path = tmp_path / "tutorial.txt"
    path.write_text(TUTORIAL)
    assert cleannews.extract(path).title == "How to break lines in HTML"


# --- 4: --resume keys on the file, not on the spelling of its path -------------------------


def test_resume_with_another_spelling_of_the_folder_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("r2").mkdir()
    for name in ("a", "b"):
        Path("r2", f"{name}.html").write_text(page(f"Story {name}"))
    assert run(["r2", "-o", "out.jsonl"], capsys)[0] == 0
    code, _, err = run([f"{tmp_path}/r2/", "-o", "out.jsonl", "--resume"], capsys)
    assert code == 0
    assert "2 inputs already done" in err
    assert len(records(Path("out.jsonl").read_text())) == 2


def test_resume_keeps_one_record_for_an_input_that_always_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "r2"
    folder.mkdir()
    (folder / "a.html").write_text(page("Story a"))
    (folder / "bad.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    log = tmp_path / "out.jsonl"
    assert run([str(folder), "-o", str(log)], capsys)[0] == 1
    for _ in range(2):
        assert run([str(folder), "-o", str(log), "--resume"], capsys)[0] == 1
    found = records(log.read_text())
    assert sorted(Path(str(r["path"])).name for r in found) == ["a.html", "bad.html"]


# --- 5: --max-memory is megabytes of resident memory --------------------------------------


def test_max_memory_takes_megabytes() -> None:
    parser = build_parser()
    plan = make_plan(parser.parse_args(["x.html", "--max-memory", "500"]), parser)
    assert plan.max_memory == 500 * 1024 * 1024
    plan = make_plan(parser.parse_args(["x.html", "--max-memory", "2G"]), parser)
    assert plan.max_memory == 2 * 1024**3
    assert "resident" in " ".join(parser.format_help().split())


def test_max_memory_lets_an_ordinary_page_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.html"
    path.write_text(page("An ordinary page") + "<!-- " + "x" * 39_000 + " -->")
    code, out, err = run([str(path), "-f", "json", "--max-memory", "150"], capsys)
    assert (code, err) == (0, "")
    assert json.loads(out)["title"] == "An ordinary page"


@pytest.mark.slow
def test_max_memory_replaces_a_worker_whose_resident_memory_grows_too_much(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(page("Small story"))
    words = " ".join(f"word{n}" for n in range(60))
    (folder / "b-big.html").write_text("<html><body>" + f"<p>{words}</p>" * 100_000)
    (folder / "c.html").write_text(page("Another small story"))
    code, out, _ = run([str(folder), "-f", "jsonl", "--max-memory", "200"], capsys)
    assert code == 1
    found = {Path(str(r["path"])).name: r for r in records(out)}
    error = found["b-big.html"]["error"]
    assert isinstance(error, dict)
    assert error["type"] == "MemoryLimitError"
    assert "200 MB" in error["message"]
    assert "title" in found["a.html"] and "title" in found["c.html"]


# --- 6: files under --output-dir say where they came from ----------------------------------


def test_output_dir_records_name_their_input_and_failures_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "A.HTML").write_text(page("Upper"))
    (folder / "a.html").write_text(page("Lower"))
    (folder / "a.html.gz").write_bytes(gzip.compress(page("Gzipped").encode()))
    (folder / "bad.html").write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    out = tmp_path / "out"
    code, _, _ = run([str(folder), "-d", str(out), "--url", "https://example.org/x"], capsys)
    assert code == 1
    origin = {}
    for file in out.glob("*.json"):
        data = json.loads(file.read_text())
        assert data["url"] == "https://example.org/x"
        origin[Path(str(data["path"])).name] = data["title"]
    assert origin == {"A.HTML": "Upper", "a.html": "Lower", "a.html.gz": "Gzipped"}
    (error,) = records((out / "errors.jsonl").read_text())
    assert error["path"] == str(folder / "bad.html")
    assert error["error"] == {
        "type": "DecodeError",
        "message": "input is a PDF document, not a web page or text",
    }


# --- 7: saved pages of any extension in a folder -----------------------------------------


def test_a_folder_scan_takes_saved_pages_of_any_extension(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "saved"
    folder.mkdir()
    for name in ("index.php", "story.aspx", "news.shtml", "item.jsp"):
        (folder / name).write_text(page(f"Page {name}"))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    (folder / "data.bin").write_bytes(bytes(range(256)) * 4)
    (folder / "style.css").write_text("body { color: red }\n")
    skipped: list[str] = []
    tasks = inputs.collect([str(folder)], Options(), skipped=skipped)
    assert sorted(Path(t.path).name for t in tasks) == [
        "index.php",
        "item.jsp",
        "news.shtml",
        "story.aspx",
    ]
    assert sorted(Path(p).name for p in skipped) == ["data.bin", "photo.jpg", "style.css"]
    code, out, err = run([str(folder)], capsys)
    assert (code, err) == (0, "")
    assert len(records(out)) == 4


# --- 8: outputs are checked before anything is extracted --------------------------------


def test_output_naming_a_folder_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.html"
    path.write_text(page("Story"))
    with pytest.raises(SystemExit) as exit_info:
        main([str(path), "-o", str(tmp_path)])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"cleannews: error: --output {tmp_path} is a folder"
    assert ".part" not in err


def test_output_under_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.html"
    path.write_text(page("Story"))
    with pytest.raises(SystemExit) as exit_info:
        main([str(path), "-o", str(path / "x.json")])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "cannot create" in err.splitlines()[-1]


def test_output_in_a_new_folder_creates_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.html"
    path.write_text(page("Story"))
    target = tmp_path / "new" / "deeper" / "x.json"
    assert run([str(path), "-o", str(target)], capsys)[0] == 0
    assert json.loads(target.read_text())["title"] == "Story"


# --- 9: workers of a killed command ---------------------------------------------------


def test_workers_exit_quietly_when_the_command_is_killed(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for number in range(60):
        (folder / f"p{number:02}.html").write_text(page(f"Story {number}") * 20)
    process = subprocess.Popen(
        [sys.executable, "-m", "cleannews", str(folder), "--jobs", "2", "-f", "jsonl"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline().startswith(b"{")  # the workers are at work
    # Nobody reads the rest: the command blocks on a full pipe while the workers finish
    # pages and send them, so that it dies with their messages unread.
    time.sleep(2)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    _, err = process.communicate(timeout=60)  # ends when every worker has closed stderr
    assert b"Traceback" not in err, err.decode()
    assert b"Error" not in err, err.decode()


WORKER_LOSES_ITS_PARENT = """
import multiprocessing, sys
from cleannews.batch import Job, Task, _worker_main

if __name__ == "__main__":
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    worker = context.Process(target=_worker_main, args=(theirs, Job(), None))
    worker.start()
    theirs.close()
    ours.recv()  # ready
    ours.send(Task("page", sys.argv[1].encode()))
    assert ours.poll(60)  # the outcome arrived; the parent goes away without reading it
    ours.close()
    worker.join(60)
    print(worker.exitcode)
"""


def test_a_worker_whose_parent_went_away_mid_message_exits_quietly(tmp_path: Path) -> None:
    script = tmp_path / "lose_parent.py"
    script.write_text(WORKER_LOSES_ITS_PARENT)
    result = subprocess.run(
        [sys.executable, str(script), page("Story")],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert result.stdout.decode().strip() == "0"
    assert result.stderr.decode() == ""


# --- 13: help, messages and start-up ------------------------------------------------------


def test_help_explains_every_option_and_shows_defaults() -> None:
    parser = build_parser()
    for action in parser._actions:
        if action.option_strings and action.dest != "help":
            assert action.help, f"{action.option_strings} has no help text"
    text = " ".join(parser.format_help().split())
    assert "(default: auto)" in text  # --input-kind
    assert "(default: balanced)" in text  # --favor


def test_counts_are_pluralised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.html").write_text(page("Story a"))
    (folder / "b.html").write_text(page("Story b"))
    log = tmp_path / "out.jsonl"
    assert run([str(folder / "a.html"), str(folder / "c.html"), "-o", str(log)], capsys)[0] == 1
    _, _, err = run([str(folder), "-o", str(log), "--resume"], capsys)
    assert "cleannews: --resume: 1 input already done\n" in err


def test_limit_errors_name_the_command_line_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "story.html"
    path.write_text(page("Story"))
    code, _, err = run([str(path), "--max-elements", "5"], capsys)
    assert code == 1
    assert "(--max-elements)" in err
    assert "Options." not in err


def test_version_does_not_load_the_extractor() -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cleannews", "--version"],
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0
    assert result.stdout.decode().startswith("cleannews ")
    imported = {line.rsplit("|", 1)[-1].strip() for line in result.stderr.decode().splitlines()}
    assert "cleannews.cli.main" in imported
    assert not {"lxml", "regex", "cleannews.pipeline", "bs4"} & imported
