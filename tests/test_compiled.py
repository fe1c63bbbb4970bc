"""The compiled tree walks (``cleannews.html._walk``) against the pure-Python reference walks.

Both paths run on every golden case and on a sample of dev pages (skipped when the corpora
are absent): the walks must find the same elements, and the extracted articles must be the
same to the byte. The fallback (no compiled module) and the switch that forces the pure path
are tested too, and the golden, HTML-stage and comparison tests run again in a child pytest
on the pure path, so one ``python -m pytest`` tests both paths.

The extension must be built wherever an install could have built it (a C compiler, Python's
and lxml's headers, no ``CLEANNEWS_NO_COMPILE``): a build that silently fell back fails here.
``CLEANNEWS_REQUIRE_COMPILED=1`` requires it everywhere, ``=0`` nowhere (a deliberately pure
install).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import etree

import cleannews
from cleannews.blocks import Block
from cleannews.dom import Element, text_length
from cleannews.html import clean, compiled
from cleannews.html.parse import parse_html
from cleannews.html.segment import segment
from cleannews.options import PURE_PYTHON_ENV
from cleannews.text import linemodel

PROJECT_ROOT = Path(__file__).resolve().parents[1]

from benchmarks.add_golden import GOLDEN, source_of  # noqa: E402
from benchmarks.corpora import (  # noqa: E402
    CORPUS_NAMES,
    CorpusMissingError,
    convention_of,
    decode_html,
    load_corpus,
)

CASES = sorted(p for p in GOLDEN.iterdir() if p.is_dir())
HTML_CASES = [c for c in CASES if source_of(c).suffix in (".html", ".htm")]
#: Every Nth dev page of each corpus is compared.
DEV_EVERY = 15
#: The tests that run again on the pure path (in a child pytest).
PURE_PATH_TESTS = ("tests/test_golden.py", "tests/test_html_stage.py", "tests/test_compiled.py")


def _machine_can_build() -> bool:
    """True when installing here would have built the extension (see ``setup.py``)."""
    import lxml

    if os.environ.get("CLEANNEWS_NO_COMPILE", "") not in ("", "0"):
        return False
    compiler = shlex.split(sysconfig.get_config_var("CC") or "cc")[:1]
    has_compiler = bool(compiler) and shutil.which(compiler[0]) is not None
    python_h = Path(sysconfig.get_paths()["include"], "Python.h").is_file()
    lxml_api = any(Path(d, "etreepublic.pxd").is_file() for d in lxml.get_include())
    return has_compiler and python_h and lxml_api


def _required() -> bool:
    stated = os.environ.get("CLEANNEWS_REQUIRE_COMPILED", "")
    return stated not in ("", "0") if stated else _machine_can_build()


REQUIRE = _required()

needs_compiled = pytest.mark.skipif(
    not compiled.built() and not REQUIRE, reason="the compiled walk is not built"
)


def test_the_compiled_walk_is_built_where_required() -> None:
    if not REQUIRE:
        pytest.skip("this machine cannot build the extension (or CLEANNEWS_REQUIRE_COMPILED=0)")
    assert compiled.built(), (
        "the extension cleannews.html._walk did not build or import although this machine "
        "can build it (reinstall: pip install -v -e . shows why; CLEANNEWS_REQUIRE_COMPILED=0 "
        "tests a deliberately pure install)"
    )


@pytest.mark.skipif(
    os.environ.get(PURE_PYTHON_ENV, "") not in ("", "0"), reason="already on the pure path"
)
def test_golden_and_stage_tests_pass_on_the_pure_path() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *PURE_PATH_TESTS],
        capture_output=True,
        check=False,
        cwd=PROJECT_ROOT,
        env={**os.environ, PURE_PYTHON_ENV: "1"},
        text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in result.stdout.splitlines()[-1]


def _dev_pages() -> Iterator[tuple[str, bytes, cleannews.Options]]:
    for name in CORPUS_NAMES:
        convention = convention_of(name)
        options = cleannews.Options(captions=convention.captions, repeats=convention.repeats)
        try:
            docs = [d for d in load_corpus(name) if d.split == "dev"][::DEV_EVERY]
        except CorpusMissingError:
            continue
        for doc in docs:
            yield doc.id, doc.raw, options


def _both(monkeypatch: pytest.MonkeyPatch, run: object) -> tuple[object, object]:
    """``run()`` on the pure path, then on the compiled path."""
    assert callable(run)
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    assert compiled.walks() is None
    pure = run()
    monkeypatch.setenv(PURE_PYTHON_ENV, "0")
    assert compiled.walks() is not None
    return pure, run()


def _prepared(text: str) -> Element:
    """A parsed page as cleaning's scan sees it (after the tag-level removals)."""
    root = parse_html(text, 250_000)
    clean._open_noscript_articles(root)
    etree.strip_elements(root, *clean._NEVER_CONTENT, with_tail=False)
    etree.strip_tags(root, *clean._VOID_WRAPPERS)
    return root


def _scan_fields(scan: clean._Scan) -> dict[str, list[object]]:
    return {name: list(getattr(scan, name)) for name in clean._Scan.__slots__}


def _same_scan(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    root = _prepared(text)
    pure, fast = _both(monkeypatch, lambda: _scan_fields(clean._Scan.of(root)))
    assert pure == fast
    assert isinstance(pure, dict)
    return sum(map(len, pure.values()))


def _block_fields(blocks: list[Block]) -> list[list[tuple[str, str]]]:
    """Every field of every block, as text (elements by identity: the same nodes' proxies)."""
    return [[(name, repr(getattr(b, name))) for name in Block.__slots__] for b in blocks]


def _same_blocks(monkeypatch: pytest.MonkeyPatch, text: str) -> int:
    root = parse_html(text, 250_000)
    clean.clean(root, [])
    body = root.find("body")
    top = body if body is not None else root
    pure, fast = _both(monkeypatch, lambda: segment(top))  # both alive: the same proxies
    assert isinstance(pure, list)
    assert isinstance(fast, list)
    assert _block_fields(pure) == _block_fields(fast)
    return len(pure)


def _same_article(monkeypatch: pytest.MonkeyPatch, source: object, options: object) -> None:
    def run() -> str:
        return cleannews.extract(source, options=options).to_json()  # type: ignore[arg-type]

    pure, fast = _both(monkeypatch, run)
    assert pure == fast


@needs_compiled
@pytest.mark.parametrize("case", HTML_CASES, ids=[c.name for c in HTML_CASES])
def test_golden_case_scans_and_extracts_the_same(
    case: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = source_of(case).read_text(encoding="utf-8")
    assert _same_scan(monkeypatch, text) > 0
    assert _same_blocks(monkeypatch, text) > 0
    _same_article(monkeypatch, source_of(case), cleannews.Options())


@needs_compiled
def test_dev_pages_scan_and_extract_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = list(_dev_pages())
    if not pages:
        pytest.skip("no corpus found (see benchmarks/corpora.py)")
    found = 0
    for page_id, raw, options in pages:
        try:
            found += _same_scan(monkeypatch, decode_html(raw))
            found += _same_blocks(monkeypatch, decode_html(raw))
        except cleannews.CleannewsError:
            continue  # a page cleannews refuses: no walk to compare
        _same_article(monkeypatch, raw, options)
        assert page_id
    assert found > 10 * len(pages)  # the scans found elements to compare


@needs_compiled
def test_text_length_counts_what_xpath_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleannews.html import _walk

    page = (
        "<html><body><div> a\u00e9 <b>\u4e2d\u6587</b>\t\n<i> </i>x<![CDATA[ y ]]>"
        "</div><p>   </p><p></p><p>\u00a0 z \u00a0</p></body></html>"
    )
    roots = [parse_html(page, 1000), *(_prepared(source_of(c).read_text()) for c in HTML_CASES)]
    counted = 0
    for root in roots:
        for element in root.iter(etree.Element):
            assert _walk.text_length(element) == text_length(element)
            counted += 1
    assert counted > 100


#: Attributes the page-wide attribute walks read, in every spelling that matters to them.
_ATTRIBUTE_PAGE = (
    '<html lang="en"><head><base><base href="/b/"><title>T</title><title>U</title>'
    '<meta name="a" content="b"><link rel="canonical" href="/c"><link href="/x">'
    '<script>1</script></head><body itemscope itemprop="x">'
    '<div aria-controls="p1 p2" data-target="#p3" data-bs-target="p4" itemprop="author">'
    '<a href="#s1">one</a><a href="#">none</a><a href="&#35;s2">two</a><a rel="author" '
    'href="/me">me</a><a name="x" href="http://e/#y">far</a><span itemscope itemprop="a b">'
    "</span></div><!-- c --><svg><a href='#s3'>svg</a></svg></body></html>"
)


@needs_compiled
def test_attribute_walks_find_what_the_xpaths_find(monkeypatch: pytest.MonkeyPatch) -> None:
    from cleannews.dom import strings
    from cleannews.html import _walk, toc_box
    from cleannews.metadata import head

    roots = [parse_html(_ATTRIBUTE_PAGE, 1000)]
    roots += [parse_html(source_of(c).read_text(encoding="utf-8"), 250_000) for c in HTML_CASES]
    for root in roots:
        assert _walk.control_targets(root) == strings(clean._CONTROL_TARGETS, root)
        for top in (root, root.find("body"), root[0]):
            pure, fast = _both(
                monkeypatch,
                lambda top=top: (
                    head._owners("itemprop", top),
                    head._owners("itemscope", top),
                    [getattr(head._scan(top), f) for f in head._Head.__slots__],
                ),
            )
            assert pure == fast
        pure, fast = _both(monkeypatch, lambda root=root: toc_box._anchor_links(root))
        assert pure == fast
    assert len(toc_box._anchor_links(roots[0])) == 3


def test_the_switch_forces_the_pure_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PURE_PYTHON_ENV, "1")
    assert compiled.walks() is None
    assert compiled.active_path() == "pure Python"
    monkeypatch.delenv(PURE_PYTHON_ENV)
    expected = "compiled" if compiled.built() else "pure Python"
    assert compiled.active_path() == expected


def _version(env: dict[str, str], *pre: str) -> str:
    code = [*pre, "from cleannews.cli.main import main; main(['--version'])"]
    result = subprocess.run(
        [sys.executable, "-c", "; ".join(code)],
        capture_output=True,
        check=False,
        env={**os.environ, **env},
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout.decode()


def test_version_names_the_active_path() -> None:
    pure = "(pure Python tree walks, pure Python line model)"
    assert pure in _version({PURE_PYTHON_ENV: "1"})
    expected = "compiled" if compiled.built() else "pure Python"
    inferred = "compiled" if linemodel.built() else "pure Python"
    assert f"({expected} tree walks, {inferred} line model)" in _version({PURE_PYTHON_ENV: "0"})


def no_extension(module: str) -> str:
    """Code that makes ``import module`` fail, as in an install built without a compiler."""
    return f"import sys; sys.modules[{module!r}] = None"


_NO_EXTENSION = no_extension("cleannews.html._walk")


def test_without_the_extension_the_pure_path_runs() -> None:
    assert "(pure Python tree walks, " in _version({PURE_PYTHON_ENV: "0"}, _NO_EXTENSION)
    check = "from cleannews.html import compiled; "
    check += "assert not compiled.built() and compiled.walks() is None"
    same_output_without(_NO_EXTENSION, check, source_of(GOLDEN / "blog-post"))


def test_version_names_the_line_models_path_apart() -> None:
    version = _version({PURE_PYTHON_ENV: "0"}, no_extension("cleannews.text._infer"))
    assert "pure Python line model)" in version
    expected = "compiled" if compiled.built() else "pure Python"
    assert f"({expected} tree walks, " in version


def same_output_without(setup: str, check: str, page: Path) -> None:
    """In a child process that runs ``setup`` (an extension made unimportable) and ``check``
    (the pure path is the one in use), ``page`` comes out as it does here."""
    code = (
        f"{setup}; import cleannews; {check}; "
        f"print(cleannews.extract(__import__('pathlib').Path({str(page)!r})).to_json())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        check=False,
        env={**os.environ, PURE_PYTHON_ENV: "0"},
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().strip() == cleannews.extract(page).to_json()
