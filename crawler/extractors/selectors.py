"""Per-provider CSS/XPath selectors from the provider's YAML, through RawListingLoader.

For sites without structured data (DESIGN.md decision 3, fourth choice). Keys `title`,
`summary` and `description` mean the text in the page's own language; a selector is
"css:..." or "xpath:...", or a list of them tried in order (first match wins).
"""

from __future__ import annotations

from crawler.extractors.page import Extraction, Page
from crawler.items import BILINGUAL_BASES
from crawler.loaders import RawListingLoader
from crawler.providers import ProviderConfig


def extract_selectors(page: Page, config: ProviderConfig) -> list[Extraction]:
    loader = RawListingLoader(selector=page.selector)
    for key in config.selectors:
        target = f"{key}_{page.lang}" if key in BILINGUAL_BASES else key
        for selector in config.selector_list(key):
            kind, _, expr = selector.partition(":")
            values = (loader.get_css if kind == "css" else loader.get_xpath)(expr)
            if values:  # evaluated once; add_value runs the field's input processors
                loader.add_value(target, values)
                break
    item = loader.load_item()
    fields = {k: v for k, v in vars(item).items() if v not in (None, "", [])}
    if not any(k.startswith("title_") for k in fields):
        return []  # not a course page: nothing to list
    return [Extraction(fields, "selectors")]
