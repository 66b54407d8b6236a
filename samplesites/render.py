"""Render every sample provider site into memory (or onto disk) once.

A Site is a map from URL path to a finished Page, built from the devset at start-up so
the server only looks things up; static.py saves the same bytes as files for
saved-page fixtures. Layout per provider comes from houses.py; the schema.org mapping
from structured.py; the feed from xcri.py.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from samplesites.devset import Course, Devset, load_devset
from samplesites.discovery import DISALLOWED, robots_txt, sitemap_xml
from samplesites.houses import JSONLD, MICRODATA, XCRI, house_of, shape_of
from samplesites.labels import FACT_LABELS, FACT_SLUGS, ui
from samplesites.structured import course_jsonld, jsonld_script, organisation
from samplesites.text import description_blocks
from samplesites.xcri import FEED_PATH, xcri_feed

PER_PAGE = 12
HTML = "text/html; charset=utf-8"
LAST_MODIFIED = "Thu, 28 May 2026 09:00:00 GMT"

#: Microdata property of each fact, and whether it belongs to the CourseInstance.
ITEMPROPS = {
    "course_code": ("courseCode", False),
    "credential_term": ("educationalCredentialAwarded", False),
    "level_text": ("educationalLevel", False),
    "credits_text": ("numberOfCredits", False),
    "cost_text": ("offers", False),
    "duration_text": ("courseWorkload", True),
    "mode_text": ("courseMode", True),
    "start_text": ("startDate", True),
    "location_text": ("location", True),
    "language_of_delivery_text": ("inLanguage", True),
}


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str = HTML
    status: int = 200
    kind: str = "page"  # home, listing, course, robots, sitemap, feed, redirect, ...
    location: str | None = None  # for redirects

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


@dataclass
class Site:
    provider: dict[str, Any]
    pages: dict[str, Page] = field(default_factory=dict)
    not_found: Page = Page(b"Not found", "text/plain; charset=utf-8", 404)

    @property
    def host(self) -> str:
        return self.provider["website"].split("://", 1)[1]

    @property
    def shape(self) -> str:
        return shape_of(self.provider)


@dataclass(frozen=True)
class Fact:
    slug: str
    field: str
    label: str
    value: str
    lang: str | None  # set when the value's language differs from the page's
    itemprop: str


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("samplesites", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["ui"] = ui
    return env


class SiteRenderer:
    """Builds one provider's pages; one instance per provider."""

    def __init__(self, env: Environment, provider: dict[str, Any], courses: list[Course]):
        self.env, self.provider, self.courses = env, provider, courses
        self.site = provider["website"]
        self.shape = shape_of(provider)
        self.house = house_of(provider)
        self.langs = ["en", "cy"] if provider["site"].get("bilingual_site") else ["en"]
        self.course_path = provider["site"]["course_path"]

    # --- URLs -----------------------------------------------------------------------
    def home_path(self, lang: str) -> str:
        return "/" if lang == "en" else "/cy/"

    def about_path(self, lang: str) -> str:
        return "/about/" if lang == "en" else "/cy/amdanom-ni/"

    def listing_path(self, lang: str, page: int = 1) -> str:
        return self.course_path[lang] + ("" if page == 1 else f"page/{page}/")

    def name(self, lang: str) -> str:
        return self.provider.get(f"name_{lang}") or self.provider["name_en"]

    # --- pages ----------------------------------------------------------------------
    def render(self) -> Site:
        site = Site(self.provider)
        pages = site.pages
        for lang in self.langs:
            pages[self.home_path(lang)] = self._html("home.html", "home", **self._home(lang))
            pages[self.about_path(lang)] = self._html(
                "about.html",
                "about",
                **self._base(
                    lang,
                    ui("about", lang),
                    {l2: self.site + self.about_path(l2) for l2 in self.langs},
                ),
            )
            pages.update(self._listing_pages(lang))
        if "cy" in self.langs:
            pages["/en/"] = Page(b"", status=301, kind="redirect", location="/")
        for course in self.courses:
            for lang, path in course.url_paths.items():
                pages[path] = self._course_page(course, lang)
        pages["/robots.txt"] = Page(
            robots_txt(self.provider).encode(), "text/plain; charset=utf-8", kind="robots"
        )
        pages["/sitemap.xml"] = Page(
            sitemap_xml(self.provider, self.courses).encode(), "application/xml", kind="sitemap"
        )
        if self.shape == XCRI:
            pages[FEED_PATH] = Page(
                xcri_feed(self.provider, self.courses), "application/xml", kind="feed"
            )
        pages["/static/site.css"] = Page(
            b"body{font-family:sans-serif;max-width:60rem;margin:auto}\n", "text/css", kind="static"
        )
        forbidden = self._base("en", "Staff login", {})
        pages[DISALLOWED] = self._html(
            "error.html", "admin", status=403, message="Staff only.", **forbidden
        )
        site.not_found = self._html(
            "error.html",
            "not-found",
            status=404,
            message="Sorry, we could not find that page.",
            **self._base("en", "Page not found", {}),
        )
        return site

    def _html(self, template: str, kind: str, status: int = 200, **context: Any) -> Page:
        body = self.env.get_template(template).render(**context).encode("utf-8")
        return Page(body, HTML, status, kind)

    def _base(
        self, lang: str, title: str, alternates: dict[str, str], **extra: Any
    ) -> dict[str, Any]:
        other = "cy" if lang == "en" else "en"
        switch = alternates.get(other) or (self.home_path(other) if other in self.langs else None)
        return {
            "provider": self.provider,
            "lang": lang,
            "site_name": self.name(lang),
            "page_title": title,
            "canonical": alternates.get(lang),
            "alternates": alternates if len(alternates) > 1 else {},
            "switch_url": switch,
            "home_url": self.home_path(lang),
            "listing_url": self.listing_path(lang),
            "about_url": self.about_path(lang),
            "contact_email": "courses@" + self.site.split("://", 1)[1],
            "feed_url": FEED_PATH if self.shape == XCRI else None,
            "breadcrumbs": [],
            "body_class": "",
            "prev_url": None,
            "next_url": None,
        } | extra

    def _courses_in(self, lang: str) -> list[Course]:
        return [c for c in self.courses if lang in c.url_paths]

    def _home(self, lang: str) -> dict[str, Any]:
        courses = self._courses_in(lang)
        featured = [
            {"href": c.url_paths[lang], "title": c.text("title", lang)} for c in courses[:6]
        ]
        alternates = {l2: self.site + self.home_path(l2) for l2 in self.langs}
        return self._base(
            lang,
            ui("short_courses", lang),
            alternates,
            featured=featured,
            count=len(courses),
            body_class="home",
        )

    def _listing_pages(self, lang: str) -> dict[str, Page]:
        courses = self._courses_in(lang)
        pages = max(1, math.ceil(len(courses) / PER_PAGE))
        out = {}
        for page in range(1, pages + 1):
            chunk = courses[(page - 1) * PER_PAGE : page * PER_PAGE]
            items = [
                {
                    "href": c.url_paths[lang],
                    "title": c.text("title", lang),
                    "summary": c.text("summary", lang),
                }
                for c in chunk
            ]
            alternates = {lang: self.site + self.listing_path(lang, page)}
            crumbs = [(ui("home", lang), self.home_path(lang)), (ui("courses", lang), None)]
            context = self._base(
                lang,
                ui("courses", lang),
                alternates,
                items=items,
                page=page,
                pages=pages,
                count=len(courses),
                breadcrumbs=crumbs,
                body_class="listing",
                prev_url=self.listing_path(lang, page - 1) if page > 1 else None,
                next_url=self.listing_path(lang, page + 1) if page < pages else None,
            )
            out[self.listing_path(lang, page)] = self._html("listing.html", "listing", **context)
        return out

    def facts(self, course: Course, lang: str) -> list[Fact]:
        """The course code, then the stated facts verbatim, marked when in the other language."""
        values = {"course_code": (course.id, None)}
        marked = course.facts_lang if course.facts_lang != lang else None
        values |= {f: (v, marked) for f, v in course.facts().items()}
        return [
            Fact(FACT_SLUGS[f], f, FACT_LABELS[f][lang], value, value_lang, ITEMPROPS[f][0])
            for f, (value, value_lang) in values.items()
        ]

    def _course_page(self, course: Course, lang: str) -> Page:
        url = self.site + course.url_paths[lang]
        alternates = {l2: self.site + p for l2, p in course.url_paths.items()}
        title = course.text("title", lang)
        facts = self.facts(course, lang)
        crumbs = [
            (ui("home", lang), self.home_path(lang)),
            (ui("courses", lang), self.listing_path(lang)),
            (title, None),
        ]
        context = self._base(
            lang,
            title,
            alternates,
            course=course,
            heading=title,
            summary=course.text("summary", lang),
            blocks=description_blocks(course.text("description", lang)),
            facts=facts,
            house=self.house,
            breadcrumbs=crumbs,
            body_class="course-page",
            jsonld=None,
        )
        context["canonical"] = url
        if self.shape == MICRODATA:
            context |= {
                "course_facts": [f for f in facts if not ITEMPROPS[f.field][1]],
                "instance_facts": [f for f in facts if ITEMPROPS[f.field][1]],
                "org": organisation(self.provider, lang),
                "keywords": ", ".join(course.keywords(lang)),
                "duration": course.published.get("duration_text"),
            }
            return self._html("course_microdata.html", "course", **context)
        if self.shape == JSONLD:
            context["jsonld"] = jsonld_script(course_jsonld(course, self.provider, lang, url))
        return self._html("course.html", "course", **context)


def render_sites(devset: Devset) -> dict[str, Site]:
    """Every provider's site, keyed by host (`<provider-id>.example`)."""
    env = _env()
    sites = {}
    for provider in devset.providers:
        site = SiteRenderer(env, provider, devset.courses_of(provider["id"])).render()
        sites[site.host] = site
    return sites


def render_site(provider: dict[str, Any], courses: list[Course]) -> Site:
    """One provider's site from the given courses (e.g. with some taken off: "hide")."""
    return SiteRenderer(_env(), provider, courses).render()


@cache
def default_sites() -> dict[str, Site]:
    """The sites for the shared devset, rendered once per process."""
    return render_sites(load_devset())
