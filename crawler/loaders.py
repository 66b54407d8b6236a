"""RawListingLoader: the one place where field values are tidied, as Scrapy's loaders intend.

Short fields take the first non-empty value found; long text (descriptions) joins every
matched block as paragraphs. Processors only remove markup and layout whitespace.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from itemloaders.processors import Identity, Join, MapCompose, TakeFirst
from scrapy.loader import ItemLoader

from crawler.items import RawListing
from crawler.processors import clean_long_text, clean_text, html_to_text


def _html_block(value: str) -> str | None:
    return html_to_text(value) if "<" in value else clean_long_text(value)


class RawListingLoader(ItemLoader):
    default_item_class = RawListing
    default_input_processor = MapCompose(clean_text)
    default_output_processor = TakeFirst()

    description_en_in = MapCompose(_html_block)
    description_cy_in = MapCompose(_html_block)
    description_en_out = Join("\n\n")
    description_cy_out = Join("\n\n")
    entry_requirements_in = MapCompose(_html_block)
    entry_requirements_out = Join("\n\n")

    keywords_in = MapCompose(clean_text)
    keywords_out = Identity()
    keywords_cy_in = MapCompose(clean_text)
    keywords_cy_out = Identity()


@cache
def field_processors(field_name: str) -> tuple[Callable[[list], Any], Callable[[list], Any]]:
    """The loader's (input, output) processors for one field, looked up once.

    For hot paths that already hold the extracted strings: `out(in(values))` is what
    `add_value(field, values)` then `load_item()` would store, without building a loader
    (and its item adapter) for every page.
    """
    loader = RawListingLoader()
    return loader.get_input_processor(field_name), loader.get_output_processor(field_name)
