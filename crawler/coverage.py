"""Per-field coverage of a run's listings: which stated facts the crawler found, per provider.

The crawler's share of the providers' report ("what could not be understood"): a field
that suddenly drops to 0% after a redesign points at a selector to fix, before any
normalisation is blamed.
"""

from __future__ import annotations

from collections.abc import Sequence

from indexer.schema import RAW_TEXT_FIELDS, RawListing

# Facts every course page should state; the language-specific texts are folded per base.
COVERED = (
    "title",
    "summary",
    "description",
    *(f for f in RAW_TEXT_FIELDS if not f.endswith(("_en", "_cy"))),
    "course_code",
)


def field_coverage(listings: Sequence[RawListing]) -> dict[str, float]:
    """Share (0..1) of listings with each field present; title etc. count either language."""
    if not listings:
        return {}
    out = {}
    for name in COVERED:
        if name in ("title", "summary", "description"):
            have = sum(1 for x in listings if getattr(x, f"{name}_en") or getattr(x, f"{name}_cy"))
        else:
            have = sum(1 for x in listings if getattr(x, name))
        out[name] = have / len(listings)
    return out


def coverage_lines(provider_id: str, listings: Sequence[RawListing]) -> list[str]:
    coverage = field_coverage(listings)
    if not coverage:
        return [f"{provider_id}: no listings"]
    cells = [f"{name.removesuffix('_text')} {share:.0%}" for name, share in coverage.items()]
    return [f"{provider_id}: " + ", ".join(cells)]
