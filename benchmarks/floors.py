"""The eval gate's F1 floors and the corpus versions they were measured on (``floors.json``).

Each corpus is pinned by its page count and a SHA-256 digest of its annotations, so a floor is
never compared with a score on a changed corpus. Floors change through this script:

    python -m benchmarks.floors set readability 0.965
    python -m benchmarks.floors set readability 0.955 --allow-regression --reason "..."
    python -m benchmarks.floors pin trafilatura     # after a deliberate corpus update
    python -m benchmarks.floors check               # every pinned corpus that is present

Raising a floor needs nothing; lowering one needs ``--allow-regression`` and a reason, which
is recorded in the file next to the floor.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

if __package__ in (None, ""):  # run as a script: python benchmarks/floors.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.corpora import ENV_VAR, CorpusMissingError, corpora_root

FLOORS_PATH: Final = Path(__file__).resolve().parent / "floors.json"
EXTRACTOR: Final = "cleannews"


@dataclass(frozen=True)
class Layout:
    """Where a corpus keeps its pages and its annotations (globs under its directory)."""

    directory: str
    pages: str
    truth: tuple[str, ...]


#: Every corpus the gate pins. wcxb is pinned but not scored yet (benchmarks.corpora does not
#: load it).
LAYOUTS: Final[Mapping[str, Layout]] = {
    "trafilatura": Layout("trafilatura-eval", "html/*.gz", ("evaldata.json",)),
    "readability": Layout(
        "readability", "*/source.html.gz", ("*/expected.html.gz", "*/expected-metadata.json")
    ),
    "wcxb": Layout("wcxb-dev", "html/*.html.gz", ("truth.json",)),
}


class CorpusChangedError(RuntimeError):
    """The corpus on disk is not the version its floor was measured on."""


class FloorError(ValueError):
    """A floor change that is refused (a regression without ``--allow-regression``...)."""


@dataclass(frozen=True)
class Fingerprint:
    """A corpus version: its page count and the digest of its annotation files."""

    pages: int
    sha256: str

    def record(self) -> dict[str, Any]:
        return {"pages": self.pages, "sha256": self.sha256}


def fingerprint(name: str, root: Path | None = None) -> Fingerprint:
    """Page count and annotation digest of corpus ``name`` as it is on disk.

    One annotation file: the SHA-256 of its bytes (what ``sha256sum FILE`` prints). Several:
    the SHA-256 of their ``sha256sum`` lines sorted by path (in the corpus directory,
    ``sha256sum GLOBS | LC_ALL=C sort -k2 | sha256sum``).
    """
    layout = LAYOUTS[name]
    base = (corpora_root() if root is None else root) / layout.directory
    if not base.is_dir():
        raise CorpusMissingError(
            f"corpus {name!r} not found at {base} "
            f"(set {ENV_VAR} to the directory holding {layout.directory}/)"
        )
    found = {p.relative_to(base).as_posix() for g in layout.truth for p in base.glob(g)}
    files = sorted(file for file in found if (base / file).is_file())
    if not files:
        raise CorpusChangedError(f"corpus {name!r} at {base} has no {' or '.join(layout.truth)}")
    pages = sum(1 for p in base.glob(layout.pages) if p.is_file())
    if len(files) == 1:
        return Fingerprint(pages, _sha256(base / files[0]))
    listing = "".join(f"{_sha256(base / file)}  {file}\n" for file in files)
    return Fingerprint(pages, hashlib.sha256(listing.encode()).hexdigest())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load(path: Path = FLOORS_PATH) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def save(data: Mapping[str, Any], path: Path = FLOORS_PATH) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def floor(name: str, path: Path = FLOORS_PATH) -> float:
    """The F1 floor of corpus ``name``."""
    return float(load(path)[EXTRACTOR][name]["f1"])


def check_corpus(name: str, root: Path | None = None, path: Path = FLOORS_PATH) -> Fingerprint:
    """The corpus's fingerprint; CorpusChangedError when it differs from the pinned one."""
    pinned = load(path)["corpora"].get(name)
    found = fingerprint(name, root)
    if pinned is None:
        raise CorpusChangedError(
            f"corpus {name!r} is not pinned in {path.name}: python -m benchmarks.floors pin {name}"
        )
    if found.record() != {"pages": pinned["pages"], "sha256": pinned["sha256"]}:
        raise CorpusChangedError(
            f"corpus {name!r} changed since its floor was measured: {found.pages} pages "
            f"(pinned {pinned['pages']}), annotation digest {found.sha256[:12]} (pinned "
            f"{pinned['sha256'][:12]}). Restore the pinned version, or re-measure, then "
            f"`python -m benchmarks.floors pin {name}` and set the floors again"
        )
    return found


def set_floor(
    data: dict[str, Any], name: str, f1: float, *, allow_regression: bool, reason: str | None
) -> str:
    """Set the F1 floor of ``name`` in ``data``; refuse an unexplained regression."""
    if not 0.0 <= f1 <= 1.0:
        raise FloorError(f"an F1 floor is between 0 and 1, not {f1}")
    entry = data.setdefault(EXTRACTOR, {}).setdefault(name, {})
    old = entry.get("f1")
    if old is not None and f1 < old:
        if not allow_regression:
            raise FloorError(
                f"lowering the {name} floor from {old} to {f1} is a regression: "
                "pass --allow-regression and --reason"
            )
        if not (reason or "").strip():
            raise FloorError("lowering a floor needs a --reason")
        today = datetime.date.today().isoformat()
        lowered = {"from": old, "to": f1, "on": today, "reason": (reason or "").strip()}
        entry.setdefault("lowered", []).append(lowered)
    entry["f1"] = f1
    return f"{name}: F1 floor {old} -> {f1}"


def pin(data: dict[str, Any], name: str, root: Path | None = None) -> str:
    """Record the corpus version now on disk as the one the floors are measured on."""
    found = fingerprint(name, root)
    layout = LAYOUTS[name]
    data.setdefault("corpora", {})[name] = {
        "directory": layout.directory,
        "truth": list(layout.truth),
        **found.record(),
    }
    return f"{name}: pinned {found.pages} pages, annotations {found.sha256[:12]}"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.floors", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--floors", type=Path, default=FLOORS_PATH, help="the floors file")
    parser.add_argument("--corpora", type=Path, help=f"corpora directory (default: ${ENV_VAR})")
    commands = parser.add_subparsers(dest="command", required=True)
    set_ = commands.add_parser("set", help="set an F1 floor")
    set_.add_argument("corpus", choices=sorted(LAYOUTS))
    set_.add_argument("f1", type=float)
    set_.add_argument("--allow-regression", action="store_true", help="allow a lower floor")
    set_.add_argument("--reason", help="why the floor goes down (recorded in the file)")
    pin_ = commands.add_parser("pin", help="pin a corpus's page count and annotation digest")
    pin_.add_argument("corpus", choices=sorted(LAYOUTS))
    commands.add_parser("check", help="check every pinned corpus that is present")
    return parser


def _check_all(data: Mapping[str, Any], root: Path | None, path: Path) -> str:
    lines = []
    for name in data.get("corpora", {}):
        try:
            found = check_corpus(name, root, path)
        except CorpusMissingError as exc:
            lines.append(f"{name}: absent ({exc})")
            continue
        lines.append(f"{name}: {found.pages} pages, as pinned")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data = load(args.floors)
    try:
        if args.command == "check":
            print(_check_all(data, args.corpora, args.floors))
            return 0
        if args.command == "set":
            allow, reason = args.allow_regression, args.reason
            message = set_floor(data, args.corpus, args.f1, allow_regression=allow, reason=reason)
        else:
            message = pin(data, args.corpus, args.corpora)
    except (FloorError, CorpusChangedError, CorpusMissingError) as exc:
        print(f"floors: {exc}", file=sys.stderr)
        return 2
    save(data, args.floors)
    print(message)
    return 0


if __name__ == "__main__":
    sys.exit(main())
