"""What every extractor receives: a fetched (or saved) document and its language."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import parse_qsl, urljoin, urlsplit

from parsel import Selector
from w3lib.encoding import html_to_unicode


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    # Pages declared UTF-8 but saved from a Windows editor carry stray cp1252 bytes
    # (a pound sign, curly quotes); decode those bytes as cp1252 instead of losing them.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    chunk = exc.object[exc.start : exc.end]
    return chunk.decode("cp1252", errors="replace"), exc.end


codecs.register_error("cp1252fallback", _cp1252_fallback)


def decode_body(body: bytes, content_type: str | None = None) -> str:
    """Decode as declared (header, BOM, <meta>), repairing stray cp1252 bytes in UTF-8."""
    encoding, text = html_to_unicode(content_type, body)
    if codecs.lookup(encoding).name == "utf-8":
        return body.decode(
            "utf-8-sig" if body.startswith(codecs.BOM_UTF8) else "utf-8", errors="cp1252fallback"
        )
    return text


_LANG_PREFIX = re.compile(r"^/(en|cy)(/|$)")


@dataclass
class Extraction:
    """One listing's fields from one page, and which strategy found them."""

    fields: dict[str, object]
    extractor: str


@dataclass
class Page:
    url: str
    body: bytes
    text: str
    problems: list[str] = field(default_factory=list)  # e.g. "invalid JSON-LD: ..."

    @cached_property
    def selector(self) -> Selector:
        return Selector(text=self.text, base_url=self.url)

    @classmethod
    def from_bytes(cls, url: str, body: bytes, content_type: str | None = None) -> Page:
        return cls(url=url, body=body, text=decode_body(body, content_type))

    @cached_property
    def is_xml_feed(self) -> bool:
        head = self.text.lstrip()[:1000].lower()
        return "<html" not in head and (head.startswith("<?xml") or "<catalog" in head)

    @cached_property
    def lang(self) -> str:
        """The page language, en or cy: <html lang>, else a /cy/ URL prefix or ?lang=cy, else English."""
        declared = (self.selector.xpath("/html/@lang").get() or "").strip().lower()
        if declared[:2] in {"en", "cy"}:
            return declared[:2]
        parts = urlsplit(self.url)
        match = _LANG_PREFIX.match(parts.path)
        if match:
            return match.group(1)
        query_lang = dict(parse_qsl(parts.query)).get("lang", "").lower()[:2]
        return "cy" if query_lang == "cy" else "en"

    @cached_property
    def looks_truncated(self) -> bool:
        """An HTML page that ends without </body> or </html>: cut short by the server or CMS."""
        if self.is_xml_feed:
            return False
        tail = self.body[-4096:].lower()
        return b"</html>" not in tail and b"</body>" not in tail

    def alternates(self) -> dict[str, str]:
        """hreflang alternates of this page: {"en": url, "cy": url} (the page itself included)."""
        return dict(self._hreflang)

    @cached_property
    def _hreflang(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for link in self.selector.xpath("//link[@rel='alternate'][@hreflang]"):
            lang = (link.attrib.get("hreflang") or "").lower()[:2]
            href = link.attrib.get("href")
            if lang in {"en", "cy"} and href:
                found.setdefault(lang, urljoin(self.url, href))
        return found

    def canonical(self) -> str:
        """The page's declared canonical URL when it is on the same host, else its own URL."""
        href = self.selector.xpath("//link[@rel='canonical']/@href").get()
        if not href:
            return self.url
        url = urljoin(self.url, href.strip())
        return url if urlsplit(url).netloc == urlsplit(self.url).netloc else self.url
