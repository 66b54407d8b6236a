"""`coursefinder normalise`: raw listings (JSON lines) in, normalised courses (JSON lines) out.

Output keeps input order, one line per input line, so a caller can zip input and output.
A line that cannot be read (bad JSON, not an object, wrong field types) prints
`{"error": "...", "line": N}` in its place and a message on standard error; the run goes on
and the exit status is 1 if any line failed. Blank input lines are skipped.
"""

from __future__ import annotations

import gc
import json
import sys
from datetime import date

import click
from pydantic import ValidationError

from indexer.normalise.course import normalise_listing, warm_up
from indexer.schema import RawListing


def normalise_line(line: str, number: int, today: date | None) -> tuple[str, str | None]:
    """(output JSON line, error message or None) for one input line."""
    try:
        # Fast path: pydantic parses and checks the line in one pass. Anything it refuses
        # goes the long way round, so errors are reported exactly as json.loads sees them.
        raw: RawListing | dict[str, object] | None = RawListing.model_validate_json(line)
    except ValidationError:
        raw = None
    try:
        if raw is None:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("expected a JSON object")
            raw = record
        # Serialised by pydantic-core straight to JSON (compact separators).
        return normalise_listing(raw, today=today).model_dump_json(), None
    except (ValueError, ValidationError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, ValidationError):
            reason = (
                f"invalid raw listing: {exc.errors()[0].get('loc')} {exc.errors()[0].get('msg')}"
            )
        return json.dumps({"error": reason, "line": number}), f"line {number}: {reason}"
    except Exception as exc:  # one bad record must not end the run
        reason = f"internal error: {type(exc).__name__}: {exc}"
        return json.dumps({"error": reason, "line": number}), f"line {number}: {reason}"


@click.command("normalise")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Reference date for listings without fetched_at (default: today).",
)
def normalise_command(today: object) -> None:
    """Read raw listings as JSON lines on stdin; print normalised courses as JSON lines."""
    reference = today.date() if today is not None else None  # type: ignore[attr-defined]
    # Load the tables and compile the rules, then take everything alive now (tables, rules,
    # imported modules) out of the cyclic garbage collector's sight for the run: its full
    # collections then look only at what the run itself made.
    warm_up()
    freeze = gc.get_freeze_count() == 0  # leave a caller's own frozen set alone
    if freeze:
        gc.freeze()
    try:
        failed = _run(reference)
    finally:
        if freeze:
            gc.unfreeze()
    if failed:
        sys.exit(1)


def _run(reference: date | None) -> int:
    """Normalise standard input to standard output; the number of lines that failed."""
    failed = 0
    out = sys.stdout
    # Read bytes and decode per line, so one line of bad UTF-8 is one bad line, not a crash.
    source = getattr(sys.stdin, "buffer", None) or sys.stdin
    for number, raw_line in enumerate(source, start=1):
        line = (
            raw_line.decode("utf-8", errors="replace") if isinstance(raw_line, bytes) else raw_line
        )
        if not line.strip():
            continue
        output, error = normalise_line(line, number, reference)
        if error:
            failed += 1
            click.echo(f"coursefinder normalise: skipped {error}", err=True)
        out.write(output + "\n")
    out.flush()
    return failed
