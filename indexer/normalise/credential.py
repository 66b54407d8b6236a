"""Credential type from the provider's own term (credential_term only)."""

from __future__ import annotations

import re

from indexer.normalise.quality import warn
from indexer.normalise.text import clean, fold
from indexer.schema import CredentialType, Warning

# Order matters: the most specific credential wins ("Micro-credential" before anything else,
# "Professional Development Award" is "other" and must be tried before the CPD words).
_RULES: tuple[tuple[re.Pattern[str], CredentialType], ...] = (
    (
        re.compile(r"micro-?\s?credential|micro-?\s?gymhwyster|micro-?\s?cymhwyster|microcred"),
        "micro-credential",
    ),
    (re.compile(r"bootcamp|boot camp|bŵtcamp"), "bootcamp"),
    (re.compile(r"\bmodules?\b|\bmodiwl"), "module"),
    (
        re.compile(
            r"masterclass|master class|dosbarth meistr|professional development award|\bpda\b|"
            r"professional qualification|cymhwyster proffesiynol"
        ),
        "other",
    ),
    (
        re.compile(
            r"\bcpd\b|continuing professional development|\bdpp\b|datblygiad proffesiynol parhaus"
        ),
        "cpd",
    ),
    (re.compile(r"short[- ]courses?|\bcwrs byr\b|\bcyrsiau byr\b"), "short-course"),
    # generic award words last: "CPD certificate" is CPD, a bare "Certificate" is other
    (re.compile(r"\baward\b|\bcertificate\b|\bdiploma\b|dyfarniad|tystysgrif|\bmooc\b"), "other"),
)


def normalise_credential(term: str | None) -> tuple[CredentialType | None, list[Warning]]:
    """Map the stated term; an unknown term is "other" with a warning; no term is None."""
    folded = fold(term)
    if not folded:
        return None, [warn("credential_type", "missing")]
    for pattern, kind in _RULES:
        if pattern.search(folded):
            return kind, []
    return "other", [warn("credential_type", "unrecognised_term", clean(term))]
