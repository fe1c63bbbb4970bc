"""Bad text and Markdown input (issue 16): each case gives a sensible Article or a
CleannewsError with a one-line message, within bounded time and memory, and in a batch costs
only its own record.

Every input is generated here. Each extraction runs in a forked child process under
``resource.setrlimit``: RLIMIT_CPU (CPU seconds, at least 5 times what the case takes on the
development machine) and RLIMIT_AS (the address space the child inherits plus a budget). A
busy machine stretches wall-clock time, not CPU time or memory, so these bounds do not fail
there; a quadratic loop or a runaway allocation still does (the child is killed or gets a
MemoryError). Nothing here reads a clock.
"""

from __future__ import annotations

import multiprocessing
import resource
import signal
import traceback
from collections.abc import Callable, Iterator
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
import regex

import cleannews
from cleannews import (
    Article,
    CleannewsError,
    DecodeError,
    InputKind,
    InputTooLargeError,
    Options,
)
from test_robustness import CONTROL, sound

SENTENCE = "The council voted on Tuesday to rebuild the old bridge, which closed in March. "
PROSE = SENTENCE * 6
TITLE = "Council votes to rebuild the bridge"
#: Every way a text or Markdown source is read: forced either way, and told apart.
KINDS = [InputKind.TEXT, InputKind.MARKDOWN, InputKind.AUTO]
MB = 1 << 20


# --- the bounds ----------------------------------------------------------------------------


def _address_space() -> int:
    """This process's virtual memory size in bytes (Linux ``VmSize``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmSize in /proc/self/status")


def _child(conn: Connection, check: Callable[[], None], cpu: int, memory: int) -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory, resource.RLIM_INFINITY))
    try:
        check()
    except BaseException:  # the child reports everything, the parent fails the test with it
        conn.send(traceback.format_exc())
    else:
        conn.send(None)
    conn.close()


def bounded(check: Callable[[], None], *, cpu: int = 30, memory_mb: int = 1500) -> None:
    """Run ``check`` (an extraction and its assertions) in a forked child limited to ``cpu``
    seconds of CPU time and ``memory_mb`` MB of address space beyond what it inherits."""
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender, check, cpu, memory_mb * MB))
    child.start()
    sender.close()
    try:
        report = receiver.recv()
    except EOFError:  # the child died without a word: killed over the CPU limit, or crashed
        report = "the child process died"
    child.join()
    if child.exitcode in (-signal.SIGXCPU, -signal.SIGKILL):
        report = f"over the CPU bound of {cpu} s (exit status {child.exitcode})"
    if report is not None:
        pytest.fail(f"{report}\n(bounds: {cpu} s of CPU, {memory_mb} MB of memory)")


def extract(source: str | bytes | Path, kind: InputKind, **options: int) -> Article:
    """The Article of ``source`` read as ``kind``, checked sound (no control characters)."""
    return sound(cleannews.extract(source, options=Options(input_kind=kind, **options)))  # type: ignore[arg-type]


def one_line(error: CleannewsError) -> CleannewsError:
    message = str(error)
    assert message and "\n" not in message.strip(), f"not a one-line message: {message!r}"
    return error


def story(separator: str = "\n") -> str:
    """A small titled story: heading, paragraphs, a list; lines separated by ``separator``."""
    lines = [
        f"# {TITLE}",
        "",
        PROSE,
        "",
        "Residents said the closure had doubled their journeys to work and to school.",
        "",
        "- the bridge reopens next spring",
        "- tolls stay as they are",
        "",
        PROSE.replace("March", "April"),
    ]
    return separator.join(lines)


# --- size and shape ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
def test_twenty_megabyte_single_line(kind: InputKind) -> None:
    def check() -> None:
        source = SENTENCE * (20 * MB // len(SENTENCE))
        article = extract(source, kind)  # about 6 s and 500 MB on the development machine
        assert article.text.startswith(SENTENCE.strip())
        assert article.word_count >= 0.99 * len(source.split())

    bounded(check, cpu=60, memory_mb=3000)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r", "\u2028", "\x85"], ids=repr)
def test_a_million_short_lines_are_over_the_line_limit(kind: InputKind, ending: str) -> None:
    def check() -> None:
        with pytest.raises(InputTooLargeError, match=r"1,000,000 lines, over the .*limit") as e:
            extract(f"Short line here.{ending}" * 1_000_000, kind)
        one_line(e.value)

    bounded(check, cpu=10)  # refused before any work: a few hundredths of a second


@pytest.mark.slow
@pytest.mark.parametrize("kind", [InputKind.TEXT, InputKind.MARKDOWN], ids=lambda k: k.value)
def test_a_million_short_lines_under_a_raised_line_limit(kind: InputKind) -> None:
    def check() -> None:
        article = extract("Short line here.\n" * 1_000_000, kind, max_elements=2_000_000)
        paragraphs = article.text.split("\n\n")
        assert paragraphs and set(paragraphs) == {"Short line here."}

    bounded(check, cpu=150, memory_mb=4000)  # about 21 s (20 microseconds a line)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
def test_a_paragraph_of_200000_continued_lines(kind: InputKind) -> None:
    """Each line continues the sentence of the one before (no sentence end, a lower-case
    start), so all are joined into one paragraph: joined line by line, that was quadratic
    (3,000 such lines took 5 s, 200,000 would take hours)."""

    def check() -> None:
        article = extract("the council said that work would start next year and\n" * 200_000, kind)
        assert article.word_count == 2_000_000 and "\n" not in article.text

    bounded(check, cpu=60, memory_mb=2000)


def _deep_lists() -> Iterator[object]:
    deepest = "The deepest item of the list is still read"
    yield pytest.param("markers", "- " * 10_000 + deepest, id="markers")
    staircase = "\n".join(" " * i + f"- item {i}" for i in range(10_000))  # 50 MB
    yield pytest.param("staircase", staircase, id="staircase")
    mixed = "".join(f"{'-*+'[i % 3]} " for i in range(10_000)) + deepest
    yield pytest.param("mixed", mixed, id="mixed-markers")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize(("shape", "source"), list(_deep_lists()))
def test_ten_thousand_deep_list(kind: InputKind, shape: str, source: str) -> None:
    def check() -> None:
        article = extract(source, kind)
        if shape == "staircase":  # which items the line model keeps is its choice: some
            items = article.text.split("\n")
            assert len(items) > 1000 and all(regex.fullmatch(r"item \d+", i) for i in items)
            return
        last = source.rsplit("- ", 1)[-1].strip()
        assert last in article.text
        if kind is InputKind.MARKDOWN:
            assert article.text == last  # the nested markers are list syntax

    bounded(check, cpu=60, memory_mb=2000)


def _deep_quotes() -> Iterator[object]:
    yield pytest.param(">" * 10_000 + " " + SENTENCE, id="together")
    yield pytest.param("> " * 10_000 + SENTENCE, id="spaced")
    yield pytest.param(f"{'> ' * 10_000}{SENTENCE}\n" * 200, id="200-lines")
    yield pytest.param("- " * 5_000 + "> " * 5_000 + SENTENCE, id="in-a-list")


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("source", list(_deep_quotes()))
def test_ten_thousand_deep_blockquote(kind: InputKind, source: str) -> None:
    def check() -> None:
        article = extract(source, kind)
        assert SENTENCE.strip() in article.text
        if kind is InputKind.MARKDOWN:
            assert ">" not in article.text  # quote markers are syntax

    bounded(check, cpu=60)


# --- unterminated syntax -------------------------------------------------------------------


def _open_fences() -> Iterator[str]:
    code = "".join(f"x{n} = compute({n})\n" for n in range(30))
    yield f"# {TITLE}\n\n{PROSE}\n\n```python\n{code}"
    yield f"# {TITLE}\n\n{PROSE}\n\n~~~~\n{code}```\n"  # a backtick fence cannot close ~~~
    yield f"{PROSE}\n\n" + "```\n" * 10_000  # every other line opens a fence
    yield f"{PROSE}\n\n    ```\n{code}"  # an indented fence


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("source", list(_open_fences()), ids=["open", "tilde", "many", "indent"])
def test_unterminated_code_fence(kind: InputKind, source: str) -> None:
    def check() -> None:
        article = extract(source, kind)
        assert SENTENCE.strip() in article.text
        if kind is InputKind.MARKDOWN and "x29" in source and "    ```" not in source:
            assert "x29 = compute(29)" in article.to_markdown()  # the open fence's code

    bounded(check)


_OPEN_LINKS = {
    "brackets": "[" * 100_000 + PROSE,
    "images": "![" * 100_000 + PROSE,
    "link-starts": "[a](" * 100_000 + PROSE,
    "angle-targets": "[a](<" * 100_000 + PROSE,
    "titles": '[a](b "' * 100_000 + PROSE,
    "nested": "[[x]" * 100_000 + PROSE,
    "long-target": f"{PROSE}[a link](https://example.com/{'a' * 5 * MB}",
    "long-text": f"{PROSE}[{'word ' * MB}",
    "per-line": f"# {TITLE}\n\n" + f"{PROSE} [read more](https://e.com/x\n" * 20_000,
}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("source", _OPEN_LINKS.values(), ids=_OPEN_LINKS.keys())
def test_unterminated_links_and_images(kind: InputKind, source: str) -> None:
    def check() -> None:
        article = extract(source, kind)
        assert SENTENCE.strip() in article.text

    bounded(check, cpu=60, memory_mb=2000)


# --- characters ----------------------------------------------------------------------------

C0 = "".join(chr(c) for c in range(32) if chr(c) not in "\t\n\r\x0b\x0c") + "\x7f"
C1 = "".join(chr(c) for c in range(0x80, 0xA0) if c != 0x85)  # U+0085 is a line break
ODD = {"nul": "\x00", "c0": C0, "c1": C1, "surrogates": "\ud800\udbff\udc00\udfff"}
ODD |= {"nonchars": "\ufffe\uffff", "all": "\x00" + C0 + C1 + "\ud800\ufffe\uffff"}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("odd", ODD.values(), ids=ODD.keys())
def test_nul_and_control_characters(kind: InputKind, odd: str) -> None:
    def check() -> None:
        source = story().replace("old bridge", f"old {odd}bridge").replace("to sch", f"to{odd} sch")
        article = extract(source, kind)  # sound(): none of them reaches the output
        left = regex.sub(r"\p{Cs}", "\ufffd", regex.sub(r"[^\p{Cs}]", "", odd))
        assert f"rebuild the old {left}bridge, which closed" in article.text  # (U+FFFD)
        assert f"to work and to{left} school." in article.text
        assert article.title == TITLE

    bounded(check)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
def test_control_characters_as_utf8_bytes(kind: InputKind) -> None:
    def check() -> None:
        sparse = story().replace("old bridge", "old \x00\x01\x1b\x9b\ud800\ufffebridge")
        article = extract(sparse.encode("utf-8", "surrogatepass"), kind)
        assert "rebuild the old" in article.text and "bridge, which closed" in article.text
        assert not CONTROL.search(article.to_json())
        dense = story().replace("old bridge", f"old {ODD['all']}bridge")
        with pytest.raises(DecodeError, match="binary data") as error:  # refused on purpose
            extract(dense.encode("utf-8", "surrogatepass"), kind)
        one_line(error.value)

    bounded(check)


ENDINGS = ["\r\n", "\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]
#: All of them in one text, in an order where no CR is followed by a LF (that is one break).
MIXED = ["\r\n", "\n", "\u2028", "\r", "\x0b", "\x85", "\u2029", "\x0c"]


def _mixed(text: str) -> str:
    lines = text.split("\n")
    return "".join(line + MIXED[n % len(MIXED)] for n, line in enumerate(lines[:-1])) + lines[-1]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("ending", [*ENDINGS, "mixed"], ids=repr)
def test_mixed_line_endings_give_the_article_of_line_feeds(kind: InputKind, ending: str) -> None:
    def check() -> None:
        expected = extract(story(), kind)
        assert expected.title == TITLE and "tolls stay as they are" in expected.text
        source = _mixed(story()) if ending == "mixed" else story(ending)
        assert extract(source, kind).to_dict() == expected.to_dict()
        data = source.encode("utf-8")
        assert extract(data, kind).to_dict() == expected.to_dict()

    bounded(check)


ARABIC = "صوّت المجلس يوم الثلاثاء على إعادة بناء الجسر القديم الذي أغلق في مارس. " * 6
HEBREW = "מועצת העיר הצביעה ביום שלישי על בנייה מחדש של הגשר הישן שנסגר במרץ. " * 6
CHINESE = "市议会周二投票决定重建这座在三月关闭的旧桥，居民对此表示欢迎。" * 10
JAPANESE = "市議会は火曜日、三月に閉鎖された古い橋の再建を決めた。住民は歓迎している。" * 10
SCRIPTS = {
    "arabic": ("المجلس يصوت على إعادة بناء الجسر", ARABIC, "إعادة بناء الجسر القديم"),
    "hebrew": ("המועצה מצביעה על הגשר", HEBREW, "בנייה מחדש של הגשר הישן"),
    "chinese": ("市议会投票重建旧桥", CHINESE, "市议会周二投票决定重建"),
    "japanese": ("市議会が橋の再建を決定", JAPANESE, "古い橋の再建を決めた"),
}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
@pytest.mark.parametrize("script", SCRIPTS, ids=str)
def test_right_to_left_and_cjk_text_keeps_its_text(kind: InputKind, script: str) -> None:
    def check() -> None:
        title, paragraph, phrase = SCRIPTS[script]
        article = extract(f"# {title}\n\n{paragraph}\n\n{paragraph}\n", kind)
        # the headline is kept, as the title or (no case to tell a title by) as a heading
        assert title in (article.title, article.sections[0].heading)
        assert phrase in article.text
        assert article.text.count(phrase) == paragraph.count(phrase)  # the repeat kept once
        assert not any("\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069" for c in article.text)

    bounded(check)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.value)
def test_a_megabyte_of_cjk_without_spaces_or_line_breaks(kind: InputKind) -> None:
    def check() -> None:
        source = CHINESE * (MB // len(CHINESE.encode()) * 3)
        article = extract(source, kind)
        assert article.text == source

    bounded(check, cpu=60)


# --- one kind in another's clothes ---------------------------------------------------------

HTML_PAGE = (
    "<!DOCTYPE html><html><head><title>{title}</title></head><body>"
    '<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>'
    f"<article><h1>{TITLE}</h1><p>{PROSE}</p><p>{PROSE}</p></article>"
    "<footer>Copyright 2024 The Town Paper</footer></body></html>"
).format(title=TITLE)
MARKDOWN_PAGE = (
    f"# {TITLE}\n\n**By Jane Smith**\n\n{PROSE}\n\n"
    "See [the plan](https://example.com/plan) and [the vote](https://example.com/vote).\n\n"
    f"## What happens next\n\n{PROSE}\n"
)
TEXT_PAGE = f"{TITLE}\n\n{PROSE}\n\n{PROSE}\n"


def _read_as_html(article: Article) -> None:
    assert article.title == TITLE
    assert SENTENCE.strip() in article.text
    assert "<" not in article.text and "Copyright" not in article.text


@pytest.mark.parametrize("name", ["story.md", "story.markdown", "story.md.gz"])
def test_a_markdown_file_that_is_really_html(tmp_path: Path, name: str) -> None:
    import gzip

    path = tmp_path / name
    data = HTML_PAGE.encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)

    def check() -> None:
        _read_as_html(sound(cleannews.extract(path)))
        _read_as_html(extract(HTML_PAGE, InputKind.MARKDOWN))  # Markdown holds raw HTML
        ((_, result),) = cleannews.extract_many([path])
        assert isinstance(result, Article)
        _read_as_html(result)

    bounded(check)


@pytest.mark.parametrize("content", ["markdown", "text"])
@pytest.mark.parametrize("name", ["story.html", "story.htm", "story.html.gz", "story"])
def test_an_html_file_that_is_really_markdown_or_text(
    tmp_path: Path, name: str, content: str
) -> None:
    import gzip

    source = MARKDOWN_PAGE if content == "markdown" else TEXT_PAGE
    path = tmp_path / name
    path.write_bytes(gzip.compress(source.encode()) if name.endswith(".gz") else source.encode())

    def check() -> None:
        results = [sound(cleannews.extract(path))]
        results += [r for _, r in cleannews.extract_many([path])]  # type: ignore[misc]
        for article in results:
            assert isinstance(article, Article)
            assert article.title == TITLE
            assert SENTENCE.strip() in article.text
            assert not any(mark in article.text for mark in ("**", "](", "# "))
        if content == "markdown":
            assert "https://example.com/plan" in results[0].to_json()  # a link, kept

    bounded(check)


# --- in a batch ----------------------------------------------------------------------------


def _bad_records(tmp_path: Path) -> list[str | bytes | Path]:
    html_as_md = tmp_path / "html.md"
    html_as_md.write_text(HTML_PAGE)
    md_as_html = tmp_path / "md.html"
    md_as_html.write_text(MARKDOWN_PAGE)
    return [
        SENTENCE * (20 * MB // len(SENTENCE)),
        "Short line here.\r" * 1_000_000,
        "- " * 10_000 + "The deepest item",
        "> " * 10_000 + SENTENCE,
        f"{PROSE}\n\n```\n" + "code\n" * 1000,
        "[a](" * 100_000 + PROSE,
        story().replace("old bridge", f"old {ODD['all']}bridge"),
        _mixed(story()),
        (CHINESE * 3).encode("utf-8"),
        f"# {SCRIPTS['arabic'][0]}\n\n{ARABIC}",
        html_as_md,
        md_as_html,
    ]


def _same(result: Article | CleannewsError, expected: Article | CleannewsError) -> None:
    if isinstance(expected, Article):
        assert isinstance(result, Article), f"{result!r} where the page gives an Article"
        assert result.to_dict() == expected.to_dict()
    else:
        assert type(result) is type(expected) and str(result) == str(expected)
        one_line(result)


def _alone(source: str | bytes | Path) -> Article | CleannewsError:
    try:
        return cleannews.extract(source)
    except CleannewsError as error:
        return error


@pytest.mark.slow
def test_in_a_batch_each_bad_record_costs_only_its_own_record(tmp_path: Path) -> None:
    good = [f"# Story {n}\n\n{PROSE}" for n in range(3)]
    bad = _bad_records(tmp_path)
    sources = [good[0], *bad[:6], good[1], *bad[6:], good[2]]
    results = list(cleannews.extract_many(sources, jobs=2, max_memory=3000 * MB))
    assert [source for source, _ in results] == sources  # one result each, in order
    for source, result in results:
        _same(result, _alone(source))  # what the record gives alone, nothing else
    titles = [r.title for s, r in results if s in good and isinstance(r, Article)]
    assert titles == ["Story 0", "Story 1", "Story 2"]


def test_in_a_batch_a_record_over_the_memory_limit_costs_only_its_own_record() -> None:
    big = SENTENCE * (20 * MB // len(SENTENCE))  # needs several hundred MB to extract
    sources = [f"# Story 0\n\n{PROSE}", big, f"# Story 1\n\n{PROSE}"]
    results = [r for _, r in cleannews.extract_many(sources, jobs=2, max_memory=250 * MB)]
    assert isinstance(results[1], CleannewsError)
    one_line(results[1])
    assert [r.title for r in results if isinstance(r, Article)] == ["Story 0", "Story 1"]
