"""Save a page as a test fixture: `python -m crawler.snapshot --proxy URL CASE_DIR PAGE_URL...`.

Writes page.html (then page2.html, ...) and meta.json into CASE_DIR, plus a draft
expected.json from the current extractor chain, to be read and corrected by hand before
it becomes the truth (CONVENTIONS: our `savefixture`). Several URLs make one case whose
listings are merged, e.g. an English page and its Welsh counterpart.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import asdict
from pathlib import Path

import click

from crawler.extract import extract_file
from crawler.listings import merge_all

VOLATILE = ("fetched_at",)


def expected_for(case: Path) -> list[dict]:
    """The listings the chain finds in a fixture case, volatile fields removed."""
    meta = json.loads((case / "meta.json").read_text(encoding="utf-8"))
    found = []
    for page in meta["pages"]:
        listings, _problems = extract_file(
            page["url"], (case / page["file"]).read_bytes(), page.get("content_type")
        )
        found += listings
    out = []
    for item in merge_all(found):
        data = {
            k: v for k, v in asdict(item).items() if v not in (None, [], "") and k not in VOLATILE
        }
        out.append(data)
    return out


@click.command()
@click.option("--proxy", help="HTTP proxy serving the sites (the sample sites' proxy_url).")
@click.argument("case", type=click.Path(file_okay=False, path_type=Path))
@click.argument("urls", nargs=-1, required=True)
def main(proxy: str | None, case: Path, urls: tuple[str, ...]) -> None:
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({"http": proxy} if proxy else {})
    )
    case.mkdir(parents=True, exist_ok=True)
    pages = []
    for n, url in enumerate(urls, start=1):
        with opener.open(url, timeout=30) as response:
            body, content_type = response.read(), response.headers.get("Content-Type")
        suffix = ".xml" if b"<html" not in body[:2000].lower() else ".html"
        name = f"page{'' if n == 1 else n}{suffix}"
        (case / name).write_bytes(body)
        pages.append({"file": name, "url": url, "content_type": content_type})
    (case / "meta.json").write_text(json.dumps({"pages": pages}, indent=2) + "\n", encoding="utf-8")
    expected = expected_for(case)
    (case / "expected.json").write_text(
        json.dumps(expected, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    click.echo(
        f"{case}: {len(pages)} page(s), {len(expected)} listing(s); review expected.json by hand"
    )


if __name__ == "__main__":
    main()
