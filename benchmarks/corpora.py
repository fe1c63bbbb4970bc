"""Loaders for the development corpora (never copied into the repository).

The corpora live outside the project, at ``../shared/corpora`` relative to the project root,
or wherever the ``CLEANNEWS_CORPORA`` environment variable points. Three corpora are supported:

* ``trafilatura`` -- ``trafilatura-eval/evaldata.json`` plus ``html/NAME.gz`` (raw bytes);
  annotated with "with"/"without" snippets.
* ``readability`` -- Mozilla Readability's test pages, one folder each with
  ``source.html.gz``, ``expected.html.gz`` and ``expected-metadata.json``.
* ``wcxb`` -- the development split of WCXB (``wcxb-dev/truth.json`` plus ``html/ID.html.gz``):
  a reference ``body`` text (scored with shingles) and "with"/"without" snippets. Its
  ``truth.json`` marks every page "dev" for WCXB's own purposes; our split is the id hash below,
  as for the other corpora.

Each corpus declares once whether its references count image captions as body text
(``CAPTIONS_IN_REFERENCE``): Readability's expected output keeps them, the other two mostly
leave them out. Each also declares whether its references keep every copy of a paragraph
the page writes twice or more (``REPEATS_IN_REFERENCE``): Readability.js's expected output
keeps each written repetition (its Lorem-ipsum test pages), the product default keeps one
copy. cleannews is scored with ``Options(captions=..., repeats=...)`` set from them
(``convention_of``), per corpus, never per page.

Page bytes are read from disk on demand (``Doc.raw``), so a full corpus never sits in memory.
Each document carries a deterministic ``split`` ("dev" or "holdout", ~30% held out) derived
from a hash of its id, so tuning can report both halves.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import regex
from bs4 import UnicodeDammit
from bs4.dammit import EncodingDetector

CorpusName = Literal["trafilatura", "readability", "wcxb"]
Split = Literal["dev", "holdout"]

CORPUS_NAMES: Final[tuple[CorpusName, ...]] = ("trafilatura", "readability", "wcxb")
CORPUS_DIRS: Final[Mapping[CorpusName, str]] = {
    "trafilatura": "trafilatura-eval",
    "readability": "readability",
    "wcxb": "wcxb-dev",
}
#: Whether the corpus's references include image captions (its annotators' convention).
CAPTIONS_IN_REFERENCE: Final[Mapping[CorpusName, bool]] = {
    "trafilatura": False,
    "readability": True,
    "wcxb": False,
}
#: Whether the corpus's references keep every copy of a paragraph the page writes twice or
#: more (its annotators' convention). Readability.js keeps each one (its test pages repeat a
#: Lorem-ipsum paragraph; a reference list that cites one book twice keeps both). Neither
#: trafilatura-eval's snippets (which do not count copies) nor wcxb-dev's bodies are scored
#: so: they get the product default, each paragraph once.
REPEATS_IN_REFERENCE: Final[Mapping[CorpusName, bool]] = {
    "trafilatura": False,
    "readability": True,
    "wcxb": False,
}
ENV_VAR: Final = "CLEANNEWS_CORPORA"
HOLDOUT_PERCENT: Final = 30
# Readability's test suite runs every page under this URL.
READABILITY_URL: Final = "http://fakehost/test/page.html"

PROJECT_ROOT: Final = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Convention:
    """What a corpus's references count as body text, declared once per corpus: image
    captions (``Options.captions``) and every copy of written repetition (``Options.repeats``).
    The default is the product's: captions out, each repeated paragraph once."""

    captions: bool = False
    repeats: bool = False


def convention_of(corpus: CorpusName | None) -> Convention:
    """The declared conventions of ``corpus`` (None: the product defaults)."""
    if corpus is None:
        return Convention()
    return Convention(CAPTIONS_IN_REFERENCE[corpus], REPEATS_IN_REFERENCE[corpus])


class CorpusMissingError(FileNotFoundError):
    """Raised when a corpus directory is absent; the message says where it was looked for."""


@dataclass(frozen=True)
class SnippetAnnotation:
    """trafilatura-eval annotation: text that must / must not appear in the body."""

    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass(frozen=True)
class ReadabilityAnnotation:
    """Readability annotation: the reference article HTML (read lazily) and its metadata."""

    expected_path: Path
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def expected_html(self) -> str:
        """The reference article HTML (as produced by Readability.js), decoded."""
        return decode_html(_read_gz(self.expected_path))


@dataclass(frozen=True)
class WcxbAnnotation:
    """WCXB annotation: the reference main text (``body``, scored with shingles), the page's
    title and type, and "with"/"without" snippets (scored as for trafilatura-eval)."""

    body: str
    title: str
    page_type: str
    snippets: SnippetAnnotation


Annotation = SnippetAnnotation | ReadabilityAnnotation | WcxbAnnotation


@dataclass(frozen=True)
class Doc:
    """One corpus page. ``raw`` reads the page bytes from disk on each access (not cached)."""

    corpus: CorpusName
    id: str
    url: str | None
    path: Path
    annotation: Annotation
    split: Split

    @property
    def raw(self) -> bytes:
        return _read_gz(self.path)


def corpora_root() -> Path:
    """Where the corpora live: ``$CLEANNEWS_CORPORA`` or ``<project>/../shared/corpora``."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser().resolve()
    return (PROJECT_ROOT / ".." / "shared" / "corpora").resolve()


def corpus_dir(name: CorpusName, root: Path | None = None) -> Path:
    """The directory of one corpus; raises CorpusMissingError with a clear message if absent."""
    base = corpora_root() if root is None else root
    path = base / CORPUS_DIRS[name]
    if not path.is_dir():
        raise CorpusMissingError(
            f"corpus {name!r} not found at {path} "
            f"(set {ENV_VAR} to the directory holding {CORPUS_DIRS[name]}/)"
        )
    return path


def split_of(doc_id: str) -> Split:
    """Deterministic split: ~HOLDOUT_PERCENT% of ids (by SHA-256) are held out."""
    bucket = int.from_bytes(hashlib.sha256(doc_id.encode("utf-8")).digest()[:4], "big") % 100
    return "holdout" if bucket < HOLDOUT_PERCENT else "dev"


def load_corpus(name: CorpusName, root: Path | None = None) -> list[Doc]:
    """All documents of one corpus, sorted by id."""
    loaders = {
        "trafilatura": _load_trafilatura,
        "readability": _load_readability,
        "wcxb": _load_wcxb,
    }
    return sorted(loaders[name](corpus_dir(name, root)), key=lambda doc: doc.id)


def select(docs: list[Doc], split: Split | Literal["all"], limit: int | None = None) -> list[Doc]:
    """Filter by split ("all" keeps everything) and keep at most ``limit`` documents."""
    chosen = [doc for doc in docs if split in ("all", doc.split)]
    return chosen if limit is None else chosen[:limit]


def find_doc(doc_id: str, root: Path | None = None) -> Doc:
    """Look a page id up in every available corpus (id = file name or folder name)."""
    for name in CORPUS_NAMES:
        try:
            docs = load_corpus(name, root)
        except CorpusMissingError:
            continue
        for doc in docs:
            if doc_id in (doc.id, f"{doc.id}.gz", f"{doc.id}.html", f"{doc.id}.html.gz"):
                return doc
    raise KeyError(f"no page with id {doc_id!r} in the available corpora")


def _load_trafilatura(base: Path) -> Iterator[Doc]:
    with (base / "evaldata.json").open(encoding="utf-8") as handle:
        evaldata: dict[str, dict[str, Any]] = json.load(handle)
    for url, entry in evaldata.items():
        name = str(entry["file"])
        annotation = SnippetAnnotation(
            with_=tuple(entry.get("with") or ()), without=tuple(entry.get("without") or ())
        )
        yield Doc(
            corpus="trafilatura",
            id=name,
            url=url,
            path=base / "html" / f"{name}.gz",
            annotation=annotation,
            split=split_of(name),
        )


def _load_readability(base: Path) -> Iterator[Doc]:
    for folder in base.iterdir():
        source = folder / "source.html.gz"
        if not source.is_file():
            continue
        meta_path = folder / "expected-metadata.json"
        metadata: dict[str, Any] = {}
        if meta_path.is_file():
            metadata = json.loads(meta_path.read_text(encoding="utf-8"))
        annotation = ReadabilityAnnotation(folder / "expected.html.gz", metadata)
        yield Doc(
            corpus="readability",
            id=folder.name,
            url=READABILITY_URL,
            path=source,
            annotation=annotation,
            split=split_of(folder.name),
        )


def _load_wcxb(base: Path) -> Iterator[Doc]:
    with (base / "truth.json").open(encoding="utf-8") as handle:
        truth: dict[str, dict[str, Any]] = json.load(handle)
    for doc_id, entry in truth.items():
        snippets = SnippetAnnotation(
            with_=tuple(entry.get("with") or ()), without=tuple(entry.get("without") or ())
        )
        annotation = WcxbAnnotation(
            body=str(entry.get("body") or ""),
            title=str(entry.get("title") or ""),
            page_type=str(entry.get("page_type") or ""),
            snippets=snippets,
        )
        yield Doc(
            corpus="wcxb",
            id=doc_id,
            url=entry.get("url"),
            path=base / "html" / f"{doc_id}.html.gz",
            annotation=annotation,
            split=split_of(doc_id),  # truth.json's own "split" is "dev" for every page
        )


def _read_gz(path: Path) -> bytes:
    with gzip.open(path, "rb") as handle:
        return handle.read()


# --- decoding: done once, up front, identically for every extractor -------------------------

# Browsers (WHATWG Encoding) treat these labels as windows-1252 / gb18030.
_ENCODING_ALIASES: Final[Mapping[str, str]] = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "iso8859-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "gb2312": "gb18030",
    "gbk": "gb18030",
}
_XML_DECLARATION: Final = regex.compile(r"\A\s*<\?xml[^>]*\?>")
# A page that is UTF-8 except for a few stray bytes is still UTF-8 (chardet guesses badly).
_MAX_BAD_UTF8_FRACTION: Final = 0.001


def decode_html(raw: bytes) -> str:
    """Decode page bytes to str the same way for every extractor.

    Order: BOM, declared encoding (WHATWG aliases), strict UTF-8, UTF-8 with a few stray
    bytes replaced, then bs4's UnicodeDammit detection. A leading XML declaration is removed,
    since it names an encoding that no longer applies (lxml rejects str input carrying one).
    """
    text = _decode_known(raw)
    if text is None:
        dammit = UnicodeDammit(raw, is_html=True)
        markup = dammit.unicode_markup
        text = markup if markup is not None else raw.decode("cp1252", errors="replace")
    return _XML_DECLARATION.sub("", text.lstrip("\ufeff"), count=1)


def _decode_known(raw: bytes) -> str | None:
    bom_text, bom_encoding = EncodingDetector.strip_byte_order_mark(raw)
    if bom_encoding:
        return bom_text.decode(bom_encoding, errors="replace")
    declared = EncodingDetector.find_declared_encoding(raw, is_html=True)
    for encoding in _candidates(declared):
        try:
            return raw.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    lenient = raw.decode("utf-8", errors="replace")
    if lenient.count("\ufffd") <= max(4, int(len(raw) * _MAX_BAD_UTF8_FRACTION)):
        return lenient
    return None


def _candidates(declared: str | None) -> list[str]:
    if not declared:
        return ["utf-8"]
    try:
        canonical = codecs.lookup(declared).name
    except LookupError:
        return ["utf-8"]
    label = declared.lower()
    preferred = _ENCODING_ALIASES.get(label, _ENCODING_ALIASES.get(canonical, canonical))
    return list(dict.fromkeys([preferred, "utf-8", canonical]))
