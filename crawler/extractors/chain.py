"""Try extraction strategies in DESIGN.md order and keep the first that finds courses.

Order: XCRI-CAP (when the document is a feed), JSON-LD, microdata, RDFa, the provider's YAML
selectors, then (only when allowed) the generic heuristic. Each extraction records its
strategy name, which becomes `provenance.extractor`.
"""

from __future__ import annotations

from collections.abc import Callable

from crawler.extractors.heuristic import extract_heuristic
from crawler.extractors.jsonld import extract_jsonld, extract_microdata, extract_rdfa
from crawler.extractors.page import Extraction, Page
from crawler.extractors.selectors import extract_selectors
from crawler.extractors.xcri import extract_xcri
from crawler.providers import ProviderConfig

Strategy = Callable[[Page], list[Extraction]]


def strategies(config: ProviderConfig | None, *, heuristic: bool) -> list[tuple[str, Strategy]]:
    chain: list[tuple[str, Strategy]] = [
        ("jsonld", extract_jsonld),
        ("microdata", extract_microdata),
        ("rdfa", extract_rdfa),
    ]
    if config is not None and config.selectors:
        chain.append(("selectors", lambda page: extract_selectors(page, config)))
    if heuristic:
        chain.append(("heuristic", extract_heuristic))
    if config is not None and config.extraction not in ("auto", "xcri"):
        chain = [entry for entry in chain if entry[0] == config.extraction]
    return chain


def extract(
    page: Page, config: ProviderConfig | None = None, *, heuristic: bool = True
) -> list[Extraction]:
    """Listings found in `page`; problems met on the way are appended to `page.problems`."""
    if page.is_xml_feed:
        return extract_xcri(page)
    for _name, strategy in strategies(config, heuristic=heuristic):
        found = strategy(page)
        if found:
            return found
    return []
