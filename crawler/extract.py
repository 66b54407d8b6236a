"""`coursefinder extract --url URL FILE`: the extractor chain on a saved page or feed.

No engine, no network: FILE is treated as if it had been fetched from URL, so the
provider whose website matches URL's host lends its selectors; without one the generic
heuristic still tries (recorded as extractor "heuristic").
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from crawler.extractors.page import Page
from crawler.items import RawListing
from crawler.listings import page_listings
from crawler.providers import provider_for_url


def extract_file(
    url: str, body: bytes, content_type: str | None = None
) -> tuple[list[RawListing], list[str]]:
    """Listings in `body` as if fetched from `url`, and the problems met."""
    page = Page.from_bytes(url, body, content_type)
    listings = page_listings(page, provider_for_url(url), heuristic=True)
    return listings, page.problems


def listing_json(item: RawListing) -> str:
    data = {k: v for k, v in asdict(item).items() if v not in (None, [], "")}
    return json.dumps(data, ensure_ascii=False)


@click.command("extract")
@click.option("--url", required=True, help="The address FILE was fetched from.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def extract_command(url: str, file: Path) -> None:
    """Print the raw listings found in FILE (HTML or XCRI-CAP XML), one JSON object a line."""
    listings, problems = extract_file(url, file.read_bytes())
    for problem in problems:
        click.echo(f"warning: {problem}", err=True)
    for item in listings:
        click.echo(listing_json(item))
