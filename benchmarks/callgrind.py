"""Instructions per page under callgrind: a cost that a busy machine does not disturb.

    python -m benchmarks.callgrind [--every 20] [--warmup 5] [--peers cleannews,lxml-parse]

Timings on a shared machine move with whatever else runs; the number of instructions a
program executes does not. For each extractor two processes run under ``valgrind
--tool=callgrind`` on the same pages (every Nth trafilatura-eval page, decoded in both): one
extracts the warm-up pages only (imports, compiled rules, caches), the other the warm-up pages
and then every page. The difference of their totals, divided by the number of pages, is the
cost of one page once warm. Needs valgrind on the PATH; each extractor takes minutes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import regex

from benchmarks.corpora import decode_html, load_corpus

PEERS = ("cleannews", "trafilatura", "lxml-parse")
_TOTAL = regex.compile(r"^(?:summary|totals):\s*(\d+)", regex.MULTILINE)


def extractor(name: str) -> Callable[[str], object]:
    """The function that extracts (or only parses) one page for the peer ``name``."""
    if name == "cleannews":
        import cleannews

        return cleannews.extract
    if name == "trafilatura":
        import trafilatura

        extract: Callable[[str], object] = trafilatura.extract
        return extract
    if name == "lxml-parse":
        from lxml import html

        return html.document_fromstring
    raise SystemExit(f"callgrind: unknown peer {name!r} (one of {', '.join(PEERS)})")


def inner(name: str, every: int, warmup: int, measured: bool) -> None:
    """The measured process: decode the pages, warm up, then (if ``measured``) extract all."""
    texts = [decode_html(d.raw) for d in load_corpus("trafilatura")[::every]]
    extract = extractor(name)
    for text in texts[:warmup]:
        extract(text)
    if measured:
        for text in texts:
            extract(text)
    print(len(texts))


def instructions(name: str, every: int, warmup: int, measured: bool) -> tuple[int, int]:
    """(instructions executed, pages) of one process under callgrind."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-m",
            "benchmarks.callgrind",
            "--inner",
            name,
            "--every",
            str(every),
            "--warmup",
            str(warmup),
            *(["--measured"] if measured else []),
        ]
        env = os.environ | {"PYTHONHASHSEED": "0"}  # the same hashes, the same count
        done = subprocess.run(command, capture_output=True, text=True, check=True, env=env)
        match = _TOTAL.search(out.read_text())
        if match is None:
            raise SystemExit(f"callgrind: no total in the output for {name}")
        return int(match[1]), int(done.stdout.split()[-1])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=int, default=20, help="take every Nth page")
    parser.add_argument("--warmup", type=int, default=5, help="pages extracted before counting")
    parser.add_argument("--peers", default=",".join(PEERS))
    parser.add_argument("--inner", help=argparse.SUPPRESS)
    parser.add_argument("--measured", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.inner:
        inner(args.inner, args.every, args.warmup, args.measured)
        return 0
    if shutil.which("valgrind") is None:
        print("callgrind: valgrind is not installed", file=sys.stderr)
        return 2
    for name in args.peers.split(","):
        base, _ = instructions(name, args.every, args.warmup, measured=False)
        total, pages = instructions(name, args.every, args.warmup, measured=True)
        per_page = (total - base) / pages
        print(f"{name:12} {per_page / 1e6:7.1f} M instructions/page ({pages} pages)", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
