"""Per-provider CSS/XPath selectors from the provider's YAML, through RawListingLoader.

For sites without structured data (DESIGN.md decision 3, fourth choice). Keys `title`,
`summary` and `description` mean the text in the page's own language; a selector is
"css:..." or "xpath:...", or a list of them tried in order (first match wins).
"""

from __future__ import annotations

from itemloaders.utils import arg_to_iter

from crawler.extractors.page import Extraction, Page
from crawler.items import BILINGUAL_BASES
from crawler.loaders import field_processors
from crawler.providers import ProviderConfig


def extract_selectors(page: Page, config: ProviderConfig) -> list[Extraction]:
    # What RawListingLoader's add_value + load_item do, with its own processors, minus
    # building a loader per page (a third of this function's time, measured).
    collected: dict[str, list] = {}
    for key in config.selectors:
        target = f"{key}_{page.lang}" if key in BILINGUAL_BASES else key
        for selector in config.selector_list(key):
            kind, _, expr = selector.partition(":")
            sel = page.selector.css(expr) if kind == "css" else page.selector.xpath(expr)
            values = sel.getall()
            if values:  # evaluated once; the field's input processors run on them
                processed = field_processors(target)[0](values)
                if processed:
                    collected.setdefault(target, []).extend(arg_to_iter(processed))
                break
    fields = {}
    for target, values in collected.items():
        value = field_processors(target)[1](values)
        if value not in (None, "", []):
            fields[target] = value
    if not any(k.startswith("title_") for k in fields):
        return []  # not a course page: nothing to list
    return [Extraction(fields, "selectors")]
