"""Last-resort extraction from plain HTML with no provider configuration.

Reads label/value pairs (dt/dd, th/td, "Label: value" rows) whose label is a common
English or Welsh fact label, plus the h1 as title. Recorded as extractor "heuristic" so
the indexer and the provider report can tell a guess from configured extraction.
"""

from __future__ import annotations

import re

from crawler.extractors.page import Extraction, Page
from crawler.processors import clean_text, html_to_text

LABELS: dict[str, tuple[str, ...]] = {
    "course_code": ("course code", "code", "cod y cwrs", "cod cwrs", "cod"),
    "credential_term": ("course type", "type of course", "type", "math o gwrs", "math"),
    "level_text": ("level", "lefel", "qualification level"),
    "credits_text": ("credits", "credit value", "credit", "credydau", "credyd"),
    "duration_text": ("duration", "length", "course length", "hyd", "hyd y cwrs"),
    "mode_text": (
        "study mode",
        "mode of study",
        "mode",
        "delivery",
        "attendance",
        "dull astudio",
        "dull",
    ),
    "start_text": ("start date", "start dates", "starts", "start", "dyddiad dechrau", "dechrau"),
    "location_text": ("location", "venue", "campus", "where", "lleoliad"),
    "language_of_delivery_text": (
        "language of delivery",
        "language",
        "teaching language",
        "iaith addysgu",
        "iaith",
    ),
    "cost_text": ("cost", "fee", "fees", "price", "course fee", "ffi", "ffioedd", "pris"),
    "entry_requirements": ("entry requirements", "gofynion mynediad"),
    "awarding_body": ("awarding body", "corff dyfarnu"),
}
_BY_LABEL = {label: field for field, labels in LABELS.items() for label in labels}
_INLINE = re.compile(r"^\s*([^:]{2,40}):\s*(.+)$", re.S)


def _label_key(text: str | None) -> str | None:
    label = " ".join((text or "").lower().split()).rstrip(":").strip()
    return _BY_LABEL.get(label)


def _pairs(page: Page) -> list[tuple[str | None, str | None]]:
    sel = page.selector
    pairs = []
    for dt in sel.xpath("//dt"):
        pairs.append(
            (dt.xpath("string()").get(), dt.xpath("string(following-sibling::dd[1])").get())
        )
    for row in sel.xpath("//tr[th and td]"):
        pairs.append((row.xpath("string(th[1])").get(), row.xpath("string(td[1])").get()))
    for el in sel.xpath("//*[contains(@class, 'label')]"):
        pairs.append(
            (el.xpath("string()").get(), el.xpath("string(following-sibling::*[1])").get())
        )
    for el in sel.xpath("//li | //p"):
        match = _INLINE.match(el.xpath("string()").get() or "")
        if match:
            pairs.append((match.group(1), match.group(2)))
    return pairs


# Containers CMS templates commonly give the course description (not the whole page).
_DESCRIPTION_BOX = (
    "//*[not(self::main or self::article or self::body)][not(.//h1)][.//p]"
    "[contains(@class, 'description') or contains(@class, 'overview') or contains(@class, 'body')"
    " or contains(@class, 'about') or contains(@id, 'description') or contains(@id, 'overview')]"
)
_LOOSE_PARAGRAPHS = (
    "(//main | //article)[1]//p[not(ancestor::dl or ancestor::table or ancestor::nav"
    " or ancestor::header or ancestor::footer or ancestor::form)][not(preceding-sibling::*[1][self::h1])]"
)


def _description(page: Page, summary: str | None) -> str | None:
    box = page.selector.xpath(_DESCRIPTION_BOX)
    if box:
        return html_to_text(box[0].get())
    blocks = [
        b for b in page.selector.xpath(_LOOSE_PARAGRAPHS).getall() if clean_text(b) != summary
    ]
    return html_to_text("".join(blocks)) if blocks else None


def extract_heuristic(page: Page) -> list[Extraction]:
    sel = page.selector
    title = clean_text(sel.xpath("string(//h1)").get())
    if not title:
        return []
    fields: dict[str, object] = {f"title_{page.lang}": title}
    for label, value in _pairs(page):
        key, text = _label_key(label), clean_text(value)
        if key and text:
            fields.setdefault(key, text)
    summary_el = sel.xpath("//h1/following-sibling::*[1][self::p]")
    summary = clean_text(summary_el.xpath("string()").get()) if summary_el else None
    summary = summary or clean_text(sel.xpath("//meta[@name='description']/@content").get())
    if summary:
        fields[f"summary_{page.lang}"] = summary
    description = _description(page, summary)
    if description:
        fields[f"description_{page.lang}"] = description
    return [Extraction(fields, "heuristic")]
