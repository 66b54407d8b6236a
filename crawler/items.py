"""The Scrapy item for one raw listing, built from `indexer.schema.RawListing` field for field.

A dataclass with all-empty defaults, as itemadapter and `ItemLoader` expect. It is derived
from the indexer's pydantic model rather than written out again, so the indexer contract
stays the single truth and the two can never drift apart.
"""

from __future__ import annotations

from dataclasses import field, make_dataclass
from typing import Any

from indexer.schema import RawListing as RawListingContract


def _item_fields() -> list[tuple[str, Any, Any]]:
    fields = []
    for name, info in RawListingContract.model_fields.items():
        default = (
            field(default_factory=list) if info.default_factory is list else field(default=None)
        )
        fields.append((name, info.annotation, default))
    return fields


RawListing = make_dataclass("RawListing", _item_fields())
RawListing.__module__ = __name__  # make_dataclass has no module= before Python 3.12
RawListing.__doc__ = "One course as found on a page: strings as stated, plus provenance."


# Fields whose value depends on the page language: the extractor fills the page's own
# language and the EN/CY merge takes each from its page.
BILINGUAL_BASES = ("title", "summary", "description")
