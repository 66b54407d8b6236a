"""Ways a sample provider can misbehave, so tests can check one bad site never spoils a run.

A provider's fault spec is one fault or several joined by commas, as given on the command
line (`--fault coleg-dyfi=429:3,cp1252`). samplesites/README.md ("Faults") is the full
table; in short:

  whole host     500, refuse, reset, hang[:S], slow[:S], 429[:N], 503-retry-after[:N]
  course pages   404, 410, redirect-loop, huge[:MB], malformed, bad-jsonld, cp1252, duplicates
  other files    robots-disallow (robots.txt), broken-xcri (the XCRI feed)
  content        hide[:N] (the last N courses are taken off the site: a course withdrawn)

This module holds the parsing and the pure byte transforms; server.py applies them.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from samplesites.houses import JSONLD, XCRI

DEFAULT_DELAY = 2.0  # slow
DEFAULT_HANG = 30.0  # hang
DEFAULT_LIMITED = 2  # 429 / 503-retry-after: first N requests to each URL
DEFAULT_HUGE_MB = 20.0  # huge: MiB
DEFAULT_HIDDEN = 1  # hide: courses taken off the site
RETRY_AFTER = "1"
DUPLICATE_QUERY = "utm_source=newsletter"

#: Fault kind -> what its optional ":ARG" means ("" = takes no argument).
KINDS: dict[str, str] = {
    "500": "",
    "malformed": "",
    "slow": "seconds",
    "404": "",
    "410": "",
    "429": "count",
    "503-retry-after": "count",
    "refuse": "",
    "reset": "",
    "hang": "seconds",
    "redirect-loop": "",
    "huge": "megabytes",
    "robots-disallow": "",
    "bad-jsonld": "",
    "broken-xcri": "",
    "cp1252": "",
    "duplicates": "",
    "hide": "count",
}
ALIASES = {
    "truncated": "malformed",
    "truncate": "malformed",
    "503": "503-retry-after",
    "duplicate": "duplicates",
    "windows-1252": "cp1252",
}
#: Faults that only make sense for some site shapes (else: served normally, with a note).
SHAPE_ONLY = {"bad-jsonld": JSONLD, "broken-xcri": XCRI}


@dataclass(frozen=True)
class Fault:
    """One fault. `delay` (seconds: slow, hang), `count` (429/503), `size` (bytes: huge)."""

    kind: str
    delay: float = 0.0
    count: int = 0
    size: int = 0

    @classmethod
    def parse(cls, spec: str | Fault) -> Fault:
        if isinstance(spec, Fault):
            return spec
        kind, sep, arg = str(spec).strip().lower().partition(":")
        kind = ALIASES.get(kind.strip(), kind.strip())
        arg = arg.strip()
        if kind not in KINDS:
            raise ValueError(f"unknown fault {spec!r}; use one of: {', '.join(KINDS)}")
        what = KINDS[kind]
        if sep and not what:
            raise ValueError(f"fault {kind!r} takes no argument (got {spec!r})")
        try:
            if what == "seconds":
                default = DEFAULT_DELAY if kind == "slow" else DEFAULT_HANG
                return cls(kind, delay=float(arg) if arg else default)
            if what == "count":
                default = DEFAULT_HIDDEN if kind == "hide" else DEFAULT_LIMITED
                return cls(kind, count=int(arg) if arg else default)
            if what == "megabytes":
                return cls(kind, size=int(float(arg or DEFAULT_HUGE_MB) * 1024 * 1024))
        except ValueError:
            raise ValueError(f"fault {spec!r}: {kind}:{what.upper()} needs a number") from None
        return cls(kind)

    def __str__(self) -> str:
        if self.kind in ("slow", "hang"):
            return f"{self.kind}:{self.delay:g}"
        if self.kind in ("429", "503-retry-after", "hide"):
            return f"{self.kind}:{self.count}"
        if self.kind == "huge":
            return f"huge:{self.size / 1024 / 1024:g}"
        return self.kind


@dataclass(frozen=True)
class Faults:
    """Every fault of one provider (`"429,cp1252"`); at most one of each kind."""

    items: tuple[Fault, ...]

    @classmethod
    def parse(cls, spec: str | Fault | Faults | Iterable[str | Fault]) -> Faults:
        if isinstance(spec, Faults):
            return spec
        if isinstance(spec, Fault):
            parts: list[str | Fault] = [spec]
        elif isinstance(spec, str):
            parts = [p for p in spec.split(",") if p.strip()]
        else:
            parts = list(spec)
        items: dict[str, Fault] = {}
        for part in parts:
            fault = Fault.parse(part)
            items[fault.kind] = fault  # a repeated kind: the last one wins
        if not items:
            raise ValueError(f"empty fault spec {spec!r}")
        return cls(tuple(items.values()))

    def get(self, kind: str) -> Fault | None:
        return next((f for f in self.items if f.kind == kind), None)

    def __contains__(self, kind: object) -> bool:
        return any(f.kind == kind for f in self.items)

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple(f.kind for f in self.items)

    @property
    def kind(self) -> str:
        """The kind for a single fault, else "kind,kind" (what the CLI prints)."""
        return ",".join(self.kinds)

    def __str__(self) -> str:
        return ",".join(str(f) for f in self.items)

    def notes(self, shape: str) -> list[str]:
        """Faults that do nothing on a site of this shape, said plainly."""
        return [
            f"{kind}: no-op for this provider (a {shape} site; it applies to {needed} sites only)"
            for kind, needed in SHAPE_ONLY.items()
            if kind in self and shape != needed
        ]


def parse_faults(
    specs: dict[str, str | Fault | Faults] | None, known: set[str]
) -> dict[str, Faults]:
    """Check provider ids and fault names up front, so a typo fails loudly, not silently."""
    faults = {}
    for provider_id, spec in (specs or {}).items():
        if provider_id not in known:
            raise ValueError(f"unknown provider {provider_id!r} in faults; known: {sorted(known)}")
        faults[provider_id] = Faults.parse(spec)
    return faults


# --- body transforms (pure; bytes in, bytes out) -------------------------------------------


def malform(body: bytes) -> bytes:
    """A course page as a broken CMS or a dropped connection leaves it: cut, unclosed."""
    text = body.decode("utf-8")
    cut = text[: max(1, len(text) * 11 // 20)]
    # Stray unclosed markup at the cut, like a template that died half-way.
    return (cut + '\n<div class="course-facts"><p>Start date: <b><span class="').encode("utf-8")


_JSONLD = re.compile(rb'(<script type="application/ld\+json">\s*)(.*?)(\s*</script>)', re.S)


def jsonld_breakage(path: str) -> str:
    """Which way a page's JSON-LD is broken under "bad-jsonld": stable per path."""
    return "truncated" if zlib.crc32(path.encode()) % 2 == 0 else "trailing-comma"


def break_jsonld(body: bytes, path: str) -> bytes:
    """JSON-LD that json.loads rejects; the visible HTML around it stays intact.

    "truncated": the JSON is cut at 60% (the <script> element itself is still closed),
    as a CMS field with a length limit leaves it. "trailing-comma": a hand-edited
    template's `,` before the closing `}` plus a `//` comment line, both invalid JSON.
    """
    how = jsonld_breakage(path)

    def broken(match: re.Match[bytes]) -> bytes:
        data = match.group(2)
        if how == "truncated":
            data = data[: len(data) * 3 // 5]
        else:
            data = b"// generated by CourseBlocks 2.3\n" + data.rstrip()[:-1].rstrip() + b",\n}"
        return match.group(1) + data + match.group(3)

    return _JSONLD.sub(broken, body)


def break_xcri(body: bytes) -> bytes:
    """The feed cut half-way through, inside a tag name (`<dc:de`): not well-formed XML."""
    lt = body.find(b"<", len(body) // 2)
    return body[: lt + 5] if lt >= 0 else body[: len(body) // 2]


_SCRIPT = re.compile(r"(<script\b[^>]*>.*?</script>)", re.S | re.I)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def to_cp1252(body: bytes) -> bytes:
    """A UTF-8 page re-encoded as a legacy (Windows-1252) CMS stores and serves it.

    Every character cp1252 has is its one cp1252 byte (â 0xE2, ô 0xF4, £ 0xA3, – 0x96,
    • 0x95 ...). Characters it lacks (Welsh ŵ ŷ Ŵ Ŷ, ✓ ...) are what browsers submit to a
    cp1252 form: decimal character references (`&#373;` `&#375;` `&#372;` `&#374;`);
    inside <script> (JSON-LD) they are JSON escapes (`\\u0175`) instead, so the JSON stays
    valid once the bytes are decoded as cp1252. The declared charset is left as UTF-8.
    """
    out = []
    for i, part in enumerate(_SCRIPT.split(body.decode("utf-8"))):
        if i % 2:
            part = "".join(c if _in_cp1252(c) else _json_escape(c) for c in part)
        out.append(part.encode("cp1252", "xmlcharrefreplace"))
    return b"".join(out)


def _in_cp1252(char: str) -> bool:
    try:
        char.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def robots_disallow(body: bytes, course_paths: Iterable[str]) -> bytes:
    """robots.txt with `Disallow: <course_path>` for each language, in the `*` group."""
    extra = "".join(f"Disallow: {path}\n" for path in course_paths).encode()
    return body.replace(b"Allow: /\n", extra + b"Allow: /\n", 1)


def redirect_partner(course_paths: Iterable[str], path: str) -> str:
    """Course pages in sorted path order redirect in pairs, 1st <-> 2nd, 3rd <-> 4th, ...;
    with an odd count the last one redirects to the first (which is in the 1st/2nd loop)."""
    paths = sorted(course_paths)
    i = paths.index(path)
    partner = i ^ 1
    return paths[partner] if partner < len(paths) else paths[0]


_LINK = re.compile(r'<a href="([^"?#]+)">([^<]*)</a>')


def add_duplicate_links(body: bytes, course_paths: set[str]) -> bytes:
    """A listing page that also links each of its courses as `PATH?utm_source=newsletter`
    (an <aside class="newsletter-picks">) and as `PATH/` (an <aside class="popular-courses">)."""
    text = body.decode("utf-8")
    found = [(href, title) for href, title in _LINK.findall(text) if href in course_paths]
    if not found:
        return body
    newsletter = "".join(
        f'<li><a href="{href}?{DUPLICATE_QUERY}">{title}</a></li>' for href, title in found
    )
    popular = "".join(f'<li><a href="{href}/">{title}</a></li>' for href, title in found)
    asides = (
        f'<aside class="newsletter-picks"><h2>From our newsletter</h2><ul>{newsletter}</ul></aside>\n'
        f'<aside class="popular-courses"><h2>Popular</h2><ul>{popular}</ul></aside>\n'
    )
    return text.replace("</main>", asides + "</main>", 1).encode("utf-8")


CHUNK = 64 * 1024
_FILLER_LINE = b"page-builder cache dump: block rendered, nothing to see here\n"
_FILLER = (_FILLER_LINE * (CHUNK // len(_FILLER_LINE) + 1))[:CHUNK]
_OPEN, _CLOSE = b"<!--\n", b"-->\n"


def huge_length(body: bytes, size: int) -> int:
    """The body length under "huge": `size`, or the page plus an empty comment if larger."""
    return max(size, len(body) + len(_OPEN) + len(_CLOSE))


def huge_parts(body: bytes, size: int) -> Iterator[bytes | memoryview]:
    """The page with one HTML comment of filler text before </body>, `huge_length` bytes
    in all, yielded in pieces of at most 64 KiB that share one buffer."""
    cut = body.rfind(b"</body>")
    head, tail = (body[:cut], body[cut:]) if cut >= 0 else (body, b"")
    yield head + _OPEN
    remaining = huge_length(body, size) - len(body) - len(_OPEN) - len(_CLOSE)
    view = memoryview(_FILLER)
    while remaining > 0:
        piece = view[: min(CHUNK, remaining)]
        remaining -= len(piece)
        yield piece
    yield _CLOSE + tail
