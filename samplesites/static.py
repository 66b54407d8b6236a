"""Write the rendered sites to disk: saved pages for extractor fixtures and offline demos.

Files sit under OUTDIR/<host>/<path>; a path ending in "/" becomes index.html and a
course page without an extension gets ".html", so a plain file server can show them.
manifest.json maps each canonical URL to its file, so a fixture can be fed to
`coursefinder extract --url URL FILE` as if it had been fetched from URL.
"""

from __future__ import annotations

import json
from pathlib import Path

from samplesites.render import Site, default_sites


def write_static(outdir: Path, sites: dict[str, Site] | None = None) -> int:
    """Save every page under OUTDIR/<host>/..., plus manifest.json (URL -> file, type)."""
    sites = sites if sites is not None else default_sites()
    manifest = {}
    for host, site in sites.items():
        for path, page in site.pages.items():
            if page.status != 200:
                continue
            rel = path.lstrip("/")
            if rel == "" or rel.endswith("/"):
                rel += "index.html"
            elif "." not in rel.rsplit("/", 1)[-1]:
                rel += ".html"
            target = outdir / host / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.body)
            manifest[f"http://{host}{path}"] = {
                "file": f"{host}/{rel}",
                "content_type": page.content_type,
                "kind": page.kind,
            }
    (outdir / "manifest.json").write_text(
        json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8"
    )
    return len(manifest)
