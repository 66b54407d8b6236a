"""`coursefinder accuracy`: field accuracy of the normaliser on the devset's published text.

Feeds each course's `published` strings (plus provider id, nation and type, the devset id
as course code, and the URL) through normalise_listing with the devset's reference date,
compares with `truth` using the devset README's `match`, and prints per-field accuracy,
coverage and false fills, the unweighted mean, slices, and throughput.
"""

from __future__ import annotations

import gc
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click

from indexer.config import shared_dir
from indexer.normalise.course import normalise_listing, warm_up
from indexer.normalise.memo import clear_caches
from indexer.schema import FACT_FIELDS, Course

REFERENCE_DATE = date(2026, 6, 1)

# devset field -> how to read it from a Course (already in the devset's vocabulary)
FIELDS: dict[str, Callable[[Course], Any]] = {
    "level.framework": lambda c: c.level.framework,
    "level.value": lambda c: c.level.value,
    "level.rqf_equivalent": lambda c: c.level.rqf_equivalent,
    "credits.value": lambda c: c.credits.value,
    "credits.scheme": lambda c: c.credits.scheme,
    "credits.uk_equivalent": lambda c: c.credits.uk_equivalent,
    "credit_bearing": lambda c: c.credit_bearing,
    "duration.hours": lambda c: c.duration.hours,
    "duration.weeks": lambda c: c.duration.weeks,
    "duration.self_paced": lambda c: c.duration.self_paced,
    "cost.gbp": lambda c: c.cost.gbp,
    "cost.free": lambda c: c.cost.free,
    "cost.funded": lambda c: c.cost.funded,
    "mode": lambda c: c.mode,
    "start.dates": lambda c: c.start.dates,
    "start.anytime": lambda c: c.start.anytime,
    "language": lambda c: c.language,
    "credential_type": lambda c: c.credential_type,
    "towns": lambda c: c.towns,
}
HEADLINE = [f for f in FIELDS if f != "towns"]  # towns is optional in the README


def match(p: Any, t: Any) -> bool:
    """The devset README's comparison, verbatim in behaviour."""
    if isinstance(t, bool) or isinstance(p, bool):
        return p is t
    if isinstance(t, (int, float)) and isinstance(p, (int, float)):
        return abs(p - t) <= 0.01 * abs(t)
    if isinstance(t, list) and isinstance(p, list):
        return set(p) == set(t)
    return p == t


def truth_value(truth: dict[str, Any], field: str) -> Any:
    value: Any = truth
    for part in field.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def raw_listing(course: dict[str, Any], provider: dict[str, Any]) -> dict[str, Any]:
    raw = dict(course["published"])
    raw.update(
        provider_id=course["provider_id"],
        provider_nation=provider.get("nation"),
        provider_type=provider.get("type"),
        course_code=course["id"],
        url=provider.get("website", "") + course.get("url_path", ""),
        keywords=course.get("subject_keywords") or [],
        keywords_cy=course.get("subject_keywords_cy") or [],
    )
    return raw


def load_devset(path: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    courses = [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    providers_path = path.parent / "providers.json"
    providers = {p["id"]: p for p in json.loads(providers_path.read_text(encoding="utf-8"))}
    return courses, providers


def _slices(course: dict[str, Any], provider: dict[str, Any]) -> Iterable[str]:
    meta = course.get("meta", {})
    yield f"facts_language={meta.get('facts_language')}"
    yield "messy" if meta.get("messy") else "clean"
    yield f"nation={provider.get('nation')}"


def evaluate(path: Path) -> dict[str, Any]:
    """Run the devset; return per-field and per-slice figures plus throughput."""
    courses, providers = load_devset(path)
    raws = [raw_listing(c, providers.get(c["provider_id"], {})) for c in courses]
    # Load tables and compile rules first, then empty the text caches, so the timing is of
    # unseen strings (not of cache hits from an earlier run in this process).
    warm_up()
    clear_caches()
    # As `coursefinder normalise` does at start-up: what is alive now (tables, the devset,
    # earlier passes' results) is frozen out of the cyclic GC, so a full collection during the
    # pass scans what the normaliser made, not this harness's heap.
    freeze = gc.get_freeze_count() == 0  # leave a caller's own frozen set alone
    if freeze:
        gc.freeze()
    started = time.process_time()  # CPU time: wall time on a shared machine measures the neighbours
    predictions: list[Course | None] = []
    for raw in raws:
        try:
            predictions.append(normalise_listing(raw, today=REFERENCE_DATE))
        except Exception:  # a failed course counts as a miss on every field
            predictions.append(None)
    elapsed = time.process_time() - started
    if freeze:
        gc.unfreeze()

    per_field: dict[str, dict[str, int]] = {f: defaultdict(int) for f in FIELDS}
    per_slice: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    failures: dict[str, list[tuple[str, Any, Any, dict[str, Any]]]] = defaultdict(list)
    for course, raw, pred in zip(courses, raws, predictions, strict=True):
        provider = providers.get(course["provider_id"], {})
        for field, read in FIELDS.items():
            truth = truth_value(course["truth"], field)
            value = read(pred) if pred is not None else None
            ok = pred is not None and match(value, truth)
            stats = per_field[field]
            stats["n"] += 1
            stats["ok"] += ok
            if truth not in (None, []):
                stats["truth_set"] += 1
                stats["covered"] += value not in (None, [])
            elif value not in (None, []) and not isinstance(value, bool):
                stats["false_fill"] += 1
            if not ok:
                failures[field].append((course["id"], value, truth, raw))
            if field in HEADLINE:
                for name in _slices(course, provider):
                    per_slice[name][field][0] += ok
                    per_slice[name][field][1] += 1
    return {
        "n": len(courses),
        "elapsed": elapsed,
        "per_field": per_field,
        "per_slice": per_slice,
        "failures": failures,
    }


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:6.2f}" if whole else "     -"


def report(result: dict[str, Any]) -> list[str]:
    lines = [f"{'field':24} {'accuracy':>8} {'coverage':>8} {'false fills':>11}"]
    accuracies = []
    for field, stats in result["per_field"].items():
        accuracy = stats["ok"] / stats["n"] if stats["n"] else 0.0
        if field in HEADLINE:
            accuracies.append(accuracy)
        lines.append(
            f"{field:24} {_pct(stats['ok'], stats['n']):>8} {_pct(stats['covered'], stats['truth_set']):>8}"
            f" {stats['false_fill']:>11}" + ("" if field in HEADLINE else "   (optional)")
        )
    lines.append(f"{'MEAN (unweighted)':24} {100 * sum(accuracies) / len(accuracies):8.2f}")
    lines.append("")
    lines.append(f"{'slice':28} {'n':>4} {'mean':>7} {'worst field':>32}")
    for name in sorted(result["per_slice"]):
        fields = result["per_slice"][name]
        scores = {f: ok / n for f, (ok, n) in fields.items() if n}
        worst = min(scores, key=scores.__getitem__)
        n = next(iter(fields.values()))[1]
        lines.append(
            f"{name:28} {n:>4} {100 * sum(scores.values()) / len(scores):7.2f}"
            f" {worst:>24} {100 * scores[worst]:6.2f}"
        )
    lines.append("")
    rate = result["n"] / result["elapsed"] if result["elapsed"] else float("inf")
    lines.append(
        f"throughput: {rate:,.0f} listings per CPU-second ({result['n']} listings in {result['elapsed']:.3f}s)"
    )
    if result.get("median_elapsed"):
        median = result["n"] / result["median_elapsed"]
        lines.append(f"throughput (median of runs): {median:,.0f} listings per CPU-second")
    return lines


@click.command("accuracy")
@click.option(
    "--devset",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="courses.jsonl to measure against (default: shared devsets).",
)
@click.option(
    "--failures", "failure_field", default=None, help="Print the mismatches for one FIELD."
)
@click.option(
    "--repeat",
    default=5,
    show_default=True,
    help="Time N passes (caches emptied before each); report the best and the median.",
)
def accuracy_command(devset: Path | None, failure_field: str | None, repeat: int) -> None:
    """Measure normaliser accuracy on the devset's published strings (reference date 2026-06-01)."""
    path = devset or shared_dir() / "devsets" / "courses.jsonl"
    result = evaluate(path)
    timings = [result["elapsed"]]
    for _ in range(max(0, repeat - 1)):
        timings.append(evaluate(path)["elapsed"])
    result["elapsed"] = min(timings)
    result["median_elapsed"] = statistics.median(timings)
    for line in report(result):
        click.echo(line)
    if failure_field:
        if failure_field not in FIELDS:
            raise click.BadParameter(f"unknown field; choose from {', '.join(FIELDS)}")
        click.echo(f"\nmismatches for {failure_field}:")
        for course_id, got, want, raw in result["failures"][failure_field]:
            click.echo(f"- {course_id}: got {got!r}, want {want!r}")
            for key in FACT_FIELDS:
                if raw.get(key) is not None:
                    click.echo(f"    {key}: {raw[key]!r}")
