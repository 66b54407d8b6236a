"""Ways a sample provider can misbehave, so tests can check one bad site never spoils a run.

A fault is a string, as given on the command line (`--fault coleg-dyfi=500`):
  "500"           every request to the provider's host answers HTTP 500
  "malformed"     course pages come back truncated mid-document (HTML cut, tags unclosed)
  "slow" / "slow:SECONDS"   every response is delayed (default 2 s)
"""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("500", "malformed", "slow")
DEFAULT_DELAY = 2.0


@dataclass(frozen=True)
class Fault:
    kind: str
    delay: float = 0.0

    @classmethod
    def parse(cls, spec: str | Fault) -> Fault:
        if isinstance(spec, Fault):
            return spec
        kind, _, arg = str(spec).strip().lower().partition(":")
        if kind in ("truncated", "truncate"):
            kind = "malformed"
        if kind not in KINDS:
            raise ValueError(f"unknown fault {spec!r}; use one of: 500, malformed, slow[:seconds]")
        if kind == "slow":
            return cls(kind, float(arg) if arg else DEFAULT_DELAY)
        return cls(kind)


def parse_faults(specs: dict[str, str | Fault] | None, known: set[str]) -> dict[str, Fault]:
    """Check provider ids and fault names up front, so a typo fails loudly, not silently."""
    faults = {}
    for provider_id, spec in (specs or {}).items():
        if provider_id not in known:
            raise ValueError(f"unknown provider {provider_id!r} in faults; known: {sorted(known)}")
        faults[provider_id] = Fault.parse(spec)
    return faults


def malform(body: bytes) -> bytes:
    """A course page as a broken CMS or a dropped connection leaves it: cut, unclosed."""
    text = body.decode("utf-8")
    cut = text[: max(1, len(text) * 11 // 20)]
    # Stray unclosed markup at the cut, like a template that died half-way.
    return (cut + '\n<div class="course-facts"><p>Start date: <b><span class="').encode("utf-8")
