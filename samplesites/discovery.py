"""robots.txt and sitemap.xml: how a polite crawler finds each site's course pages.

The sitemap lists course pages only (every language version, with xhtml:link
alternates), so a sitemap-driven crawl needs no link following; /admin/ is disallowed
so tests can check the crawler obeys robots.txt.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape, quoteattr

from samplesites.devset import Course
from samplesites.houses import XCRI, shape_of
from samplesites.xcri import FEED_PATH

LASTMOD = "2026-05-28"
DISALLOWED = "/admin/"


def robots_txt(provider: dict[str, Any]) -> str:
    site = provider["website"]
    lines = [
        f"# robots.txt for {site}",
        "User-agent: *",
        f"Disallow: {DISALLOWED}",
        "Disallow: /search",
        "Allow: /",
        "",
        f"Sitemap: {site}/sitemap.xml",
    ]
    if shape_of(provider) == XCRI:
        lines.append(f"# XCRI-CAP 1.2 course feed: {site}{FEED_PATH}")
    return "\n".join(lines) + "\n"


def sitemap_xml(provider: dict[str, Any], courses: list[Course]) -> str:
    site = provider["website"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
        ' xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for course in courses:
        alternates = (
            [(lang, site + path) for lang, path in course.url_paths.items()]
            if len(course.url_paths) > 1
            else []
        )
        for path in course.url_paths.values():
            out.append("  <url>")
            out.append(f"    <loc>{escape(site + path)}</loc>")
            out.append(f"    <lastmod>{LASTMOD}</lastmod>")
            for lang, href in alternates:
                out.append(
                    f'    <xhtml:link rel="alternate" hreflang="{lang}" href={quoteattr(href)}/>'
                )
            out.append("  </url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"
