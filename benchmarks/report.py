"""Turn job outcomes into the JSON report and the RESULTS-style markdown tables."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from benchmarks.corpora import CORPUS_NAMES, CorpusName
from benchmarks.peers import BASELINE, REFERENCE_PEER, version_of
from benchmarks.scoring import DocResult, Summary, by_split, summarize
from benchmarks.worker import JobOutcome

CORPUS_LABELS: Mapping[CorpusName, str] = {
    "trafilatura": "trafilatura-eval",
    "readability": "readability",
    "wcxb": "wcxb-dev",
}
MAX_ERROR_SAMPLES = 5


def summary_dict(summary: Summary) -> dict[str, Any]:
    data = asdict(summary)
    data["prf"] = {
        "precision": summary.prf.precision,
        "recall": summary.prf.recall,
        "f1": summary.prf.f1,
    }
    second = summary.snippet_prf
    data["snippet_prf"] = (
        None
        if second is None
        else {
            "precision": second.precision,
            "recall": second.recall,
            "f1": second.f1,
        }
    )
    data["docs_per_s"] = summary.docs_per_s
    return data


def corpus_entry(outcome: JobOutcome) -> dict[str, Any]:
    """JSON for one (extractor, corpus) job: all/dev/holdout summaries plus RSS and errors."""
    if outcome.problem is not None:
        return {
            "status": "unavailable" if outcome.unavailable else "failed",
            "message": outcome.problem,
        }
    corpus, results = outcome.job.corpus, outcome.results
    entry: dict[str, Any] = {"status": "ok"}
    for split in ("dev", "holdout"):
        entry[split] = summary_dict(summarize(corpus, by_split(results, split)))
    entry["all"] = summary_dict(summarize(corpus, results))
    entry["rss_ready_mb"] = outcome.rss_ready_mb
    entry["rss_peak_mb"] = outcome.rss_peak_mb
    entry["error_samples"] = _error_samples(results)
    entry["chrome_samples"] = {r.doc_id: list(r.chrome) for r in results if r.chrome}
    return entry


def _error_samples(results: Sequence[DocResult]) -> dict[str, str]:
    failed = [r for r in results if r.error is not None]
    return {r.doc_id: str(r.error) for r in failed[:MAX_ERROR_SAMPLES]}


def build_report(outcomes: Sequence[JobOutcome], meta: Mapping[str, Any]) -> dict[str, Any]:
    """The full JSON report: per extractor, per corpus, plus overall throughput ratios."""
    extractors: dict[str, dict[str, Any]] = {}
    for outcome in outcomes:
        peer = outcome.job.peer
        node = extractors.setdefault(peer, {"version": version_of(peer), "corpora": {}})
        node["corpora"][outcome.job.corpus] = corpus_entry(outcome)
    for node in extractors.values():
        node["overall"] = _overall(node["corpora"])
    _add_ratios(extractors)
    return {"meta": dict(meta), "extractors": extractors}


def _overall(corpora: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    done = [c for c in corpora.values() if c["status"] == "ok"]
    docs = sum(c["all"]["docs"] for c in done)
    seconds = sum(c["all"]["seconds"] for c in done)
    return {
        "docs": docs,
        "seconds": seconds,
        "docs_per_s": docs / seconds if seconds > 0 else 0.0,
        "rss_peak_mb": max((c["rss_peak_mb"] for c in done), default=0.0),
        "errors": sum(c["all"]["errors"] for c in done),
        "over_1s": sum(c["all"]["over_1s"] for c in done),
        "chrome_pages": sum(c["all"]["chrome_pages"] for c in done),
        "slowest": max(
            ((c["all"]["slowest_seconds"], c["all"]["slowest_id"]) for c in done),
            default=(0.0, None),
        ),
    }


def _add_ratios(extractors: dict[str, dict[str, Any]]) -> None:
    """docs/s relative to trafilatura and to the bare lxml parse (same pages, same machine)."""
    for key, peer in (("x_trafilatura", REFERENCE_PEER), ("x_lxml_parse", BASELINE)):
        base = extractors.get(peer, {}).get("overall", {}).get("docs_per_s", 0.0)
        for node in extractors.values():
            speed = node["overall"]["docs_per_s"]
            node["overall"][key] = speed / base if base > 0 and speed > 0 else None


# --- markdown --------------------------------------------------------------------------------


def _fmt(value: float | None, spec: str = ".3f") -> str:
    return "n/a" if value is None else format(value, spec)


def _f1_cell(corpus_node: Mapping[str, Any] | None, split: str) -> str:
    if not corpus_node:
        return "-"
    if corpus_node["status"] != "ok":
        return str(corpus_node["status"])
    prf = corpus_node[split]["prf"]
    return f"**{prf['f1']:.3f}** ({prf['precision']:.3f} / {prf['recall']:.3f})"


def markdown(report: Mapping[str, Any], split: str) -> str:
    """RESULTS-style tables: main comparison, per-split F1, per-corpus throughput."""
    corpora = [c for c in CORPUS_NAMES if _ran(report, c)]
    parts = [_main_table(report, corpora, split)]
    if split == "all":
        parts.append(_split_table(report, corpora))
    if "wcxb" in corpora:
        parts.append(_snippet_table(report, "wcxb"))
    parts.append(_speed_table(report, corpora))
    return "\n\n".join(parts) + "\n"


def _ran(report: Mapping[str, Any], corpus: str) -> bool:
    return any(corpus in node["corpora"] for node in report["extractors"].values())


MAIN_HEADER = (
    "extractor",
    "version",
    "docs/s",
    "speed vs trafilatura",
    "speed vs lxml parse",
    "peak RSS MB",
    "slowest page s",
    "pages > 1 s",
    "errors",
    "chrome pages",
)


def _main_table(report: Mapping[str, Any], corpora: Sequence[CorpusName], split: str) -> str:
    heads = [f"{CORPUS_LABELS[c]} F1 (P / R)" for c in corpora]
    header = [*MAIN_HEADER[:2], *heads, *MAIN_HEADER[2:]]
    rows = [_row(header), _row(["---"] * len(header))]
    for name, node in report["extractors"].items():
        cells = [_f1_cell(node["corpora"].get(c), split) for c in corpora]
        rows.append(_row([name, node["version"] or "-", *cells, *_speed_cells(node["overall"])]))
    return "\n".join(rows)


def _speed_cells(overall: Mapping[str, Any]) -> list[str]:
    slowest_seconds, slowest_id = overall["slowest"]
    return [
        _fmt(overall["docs_per_s"], ".1f"),
        _fmt(overall["x_trafilatura"], ".2f"),
        _fmt(overall["x_lxml_parse"], ".3f"),
        _fmt(overall["rss_peak_mb"], ".0f"),
        f"{slowest_seconds:.2f} ({slowest_id})",
        str(overall["over_1s"]),
        str(overall["errors"]),
        str(overall["chrome_pages"]),
    ]


def _split_table(report: Mapping[str, Any], corpora: Sequence[CorpusName]) -> str:
    header = ["extractor"]
    for corpus in corpora:
        header += [f"{CORPUS_LABELS[corpus]} dev F1", f"{CORPUS_LABELS[corpus]} holdout F1"]
    rows = [_row(header), _row(["---"] * len(header))]
    for name, node in report["extractors"].items():
        cells = [name]
        for corpus in corpora:
            entry = node["corpora"].get(corpus)
            for split in ("dev", "holdout"):
                ok = entry is not None and entry["status"] == "ok"
                cells.append(f"{entry[split]['prf']['f1']:.3f}" if ok else "-")
        rows.append(_row(cells))
    return "\n".join(rows)


def _snippet_table(report: Mapping[str, Any], corpus: CorpusName) -> str:
    """The second view of a shingle-scored corpus: its with/without snippets."""
    label = CORPUS_LABELS[corpus]
    header = ["extractor", *(f"{label} snippet F1 (P / R), {s}" for s in ("dev", "holdout"))]
    rows = [_row(header), _row(["---"] * len(header))]
    for name, node in report["extractors"].items():
        entry = node["corpora"].get(corpus)
        cells = [name]
        for split in ("dev", "holdout"):
            prf = entry[split]["snippet_prf"] if entry and entry["status"] == "ok" else None
            cells.append(
                "-"
                if prf is None
                else f"{prf['f1']:.3f} ({prf['precision']:.3f} / {prf['recall']:.3f})"
            )
        rows.append(_row(cells))
    return "\n".join(rows)


def _speed_table(report: Mapping[str, Any], corpora: Sequence[CorpusName]) -> str:
    header = ["extractor"] + [f"{CORPUS_LABELS[c]} docs/s" for c in corpora]
    header += [f"{CORPUS_LABELS[c]} RSS MB (after import / peak)" for c in corpora]
    rows = [_row(header), _row(["---"] * len(header))]
    for name, node in report["extractors"].items():
        speeds, memory = [], []
        for corpus in corpora:
            entry = node["corpora"].get(corpus)
            ok = entry is not None and entry["status"] == "ok"
            speeds.append(f"{entry['all']['docs_per_s']:.1f}" if ok else "-")
            rss = f"{entry['rss_ready_mb']:.0f} / {entry['rss_peak_mb']:.0f}" if ok else "-"
            memory.append(rss)
        rows.append(_row([name, *speeds, *memory]))
    return "\n".join(rows)


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"
