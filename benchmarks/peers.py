"""Extractor adapters: ``name -> factory(convention) -> extract(html: str, url) -> text``.

``convention`` is the scored corpus's declared convention (``corpora.convention_of``: image
captions, ``CAPTIONS_IN_REFERENCE``, and written repetition, ``REPEATS_IN_REFERENCE``):
cleannews passes it as ``Options(captions=..., repeats=...)``; peers have no such switches
and ignore it. Every adapter receives the same already-decoded ``str``
(see ``corpora.decode_html``) and returns plain body text. Factories import their library
lazily, so a peer that is not installed is reported as unavailable (``PeerUnavailableError``)
instead of breaking the run.
Install the peers with ``pip install -e '.[bench]'`` (or the packages listed there).
"""

from __future__ import annotations

import importlib
import importlib.metadata
import sys
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from benchmarks.corpora import PROJECT_ROOT, Convention, CorpusName, convention_of
from benchmarks.metrics import html_to_text

Extractor = Callable[[str, str | None], str]
ExtractorFactory = Callable[[Convention], Extractor]


class PeerUnavailableError(RuntimeError):
    """The peer's library is not installed (or not importable); the message says why."""


def _import(module: str, package: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise PeerUnavailableError(
            f"{package} is not installed ({exc}); install it with: pip install {package}"
        ) from exc


def _cleannews(convention: Convention) -> Extractor:
    try:
        module = importlib.import_module("cleannews")
    except ImportError:
        # Not installed in the venv: fall back to the source tree (src layout).
        src = str(PROJECT_ROOT / "src")
        if src not in sys.path:
            sys.path.insert(0, src)
        module = _import("cleannews", "cleannews (pip install -e .)")
    extract = getattr(module, "extract", None)
    if extract is None:
        raise PeerUnavailableError("cleannews is importable but has no extract() yet")

    options = cleannews_options(module, convention)

    def run(html: str, url: str | None) -> str:
        return str(extract(html, url=url, options=options).text)

    return run


def cleannews_options(module: Any, convention: Convention) -> Any:
    """``Options(captions=..., repeats=...)`` from ``convention``; a version without one of
    the switches gets its own default for it."""
    options_type = module.Options
    fields = getattr(options_type, "__dataclass_fields__", {})
    wanted = {"captions": convention.captions, "repeats": convention.repeats}
    return options_type(**{name: value for name, value in wanted.items() if name in fields})


def _trafilatura(convention: Convention) -> Extractor:
    trafilatura = _import("trafilatura", "trafilatura")

    def run(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url) or ""  # default settings

    return run


def _readability(convention: Convention) -> Extractor:
    readability = _import("readability", "readability-lxml")
    _import("lxml_html_clean", "lxml_html_clean")  # readability-lxml needs it with lxml >= 5.2

    def run(html: str, url: str | None) -> str:
        return html_to_text(readability.Document(html, url=url).summary())

    return run


def _justext(convention: Convention) -> Extractor:
    justext = _import("justext", "jusText")
    stoplist = justext.get_stoplist("English")

    def run(html: str, url: str | None) -> str:
        paragraphs = justext.justext(html, stoplist)
        return "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)

    return run


def _goose3(convention: Convention) -> Extractor:
    goose3 = _import("goose3", "goose3")
    goose = goose3.Goose({"enable_image_fetching": False})

    def run(html: str, url: str | None) -> str:
        # No url: goose3 would fetch it whenever raw_html is empty.
        return str(goose.extract(raw_html=html).cleaned_text or "")

    return run


def _newspaper4k(convention: Convention) -> Extractor:
    newspaper = _import("newspaper", "newspaper4k")

    def run(html: str, url: str | None) -> str:
        # A fresh config per page: parse() may switch config.language from page metadata.
        config = newspaper.Config()
        config.fetch_images = False
        config.follow_meta_refresh = False
        article = newspaper.Article(url or "http://localhost/", config=config)
        article.download(input_html=html)
        article.parse()
        return str(article.text or "")

    return run


def _resiliparse(convention: Convention) -> Extractor:
    html2text = _import("resiliparse.extract.html2text", "resiliparse")

    def run(html: str, url: str | None) -> str:
        return str(html2text.extract_plain_text(html, main_content=True))

    return run


def _lxml_parse(convention: Convention) -> Extractor:
    lxml_html = _import("lxml.html", "lxml")

    def run(html: str, url: str | None) -> str:
        lxml_html.document_fromstring(html)  # parse only: the speed baseline
        return ""

    return run


FACTORIES: Final[Mapping[str, ExtractorFactory]] = MappingProxyType(
    {
        "cleannews": _cleannews,
        "trafilatura": _trafilatura,
        "readability-lxml": _readability,
        "justext": _justext,
        "goose3": _goose3,
        "newspaper4k": _newspaper4k,
        "resiliparse": _resiliparse,
        "lxml-parse": _lxml_parse,
    }
)
# Distribution names, for version reporting.
DISTRIBUTIONS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "cleannews": "cleannews",
        "trafilatura": "trafilatura",
        "readability-lxml": "readability-lxml",
        "justext": "jusText",
        "goose3": "goose3",
        "newspaper4k": "newspaper4k",
        "resiliparse": "resiliparse",
        "lxml-parse": "lxml",
    }
)
BASELINE: Final = "lxml-parse"
REFERENCE_PEER: Final = "trafilatura"


def load_adapter(name: str, corpus: CorpusName | None = None) -> Extractor:
    """Build one adapter for scoring ``corpus`` (its declared convention; None: the product
    defaults); raises KeyError for unknown names, PeerUnavailableError if absent."""
    return FACTORIES[name](convention_of(corpus))


def version_of(name: str) -> str | None:
    """Installed version of the peer's distribution, or None if it is not installed."""
    try:
        return importlib.metadata.version(DISTRIBUTIONS[name])
    except importlib.metadata.PackageNotFoundError:
        return None


def safe_extract(extractor: Extractor, html: str, url: str | None) -> tuple[str, str | None]:
    """Call an adapter; returns ``(text, None)`` or ``("", "ExcType: message")``.

    This is the peer adapter boundary: a third-party extractor can raise anything, and one bad
    page must never crash a benchmark run. The caller counts every error per extractor.
    """
    try:
        return extractor(html, url), None
    except Exception as exc:  # peer boundary: anything a library raises is counted
        return "", f"{type(exc).__name__}: {exc}"[:300]
