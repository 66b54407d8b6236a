"""Languages: /en and /cy URL prefixes, locale selection, hreflang alternates, the switch link.

Flask's documented url_value_preprocessor + url_defaults pair carries the language in the
URL, so every page is shareable in one language and crawlable in both.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Blueprint, Flask, abort, current_app, g, request, url_for
from werkzeug.routing import BaseConverter

log = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("en", "cy")
LANGUAGE_NAMES = {"en": "English", "cy": "Cymraeg"}  # each in its own language, never translated


def other_language(lang: str) -> str:
    return "cy" if lang == "en" else "en"


def current_language() -> str:
    """The page language: URL prefix, else ?lang= (API), else Accept-Language.

    The prefix is read from the path too, so a 404 for /cy/no-such-page is in Welsh even
    though no route (and so no url_value_preprocessor) matched.
    """
    lang = g.get("lang_code")
    if lang:
        return lang
    languages = current_app.config["LANGUAGES"]
    if request:
        first = request.path.lstrip("/").split("/", 1)[0]
        if first in languages:
            return first
    asked = request.args.get("lang") if request else None
    if asked in languages:
        return asked
    if request:
        best = request.accept_languages.best_match(languages)
        if best:
            return best
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def locale_selector() -> str:
    return current_language()


def language_converter(languages: tuple[str, ...]) -> type[BaseConverter]:
    """A URL converter matching only the supported codes, so /nowhere is a plain 404."""

    class LanguageConverter(BaseConverter):
        regex = "|".join(re.escape(lang) for lang in languages)

    return LanguageConverter


def add_language_prefix(bp: Blueprint) -> None:
    """Give an HTML blueprint the /<lang_code> prefix handling (unknown codes are 404s)."""

    @bp.url_value_preprocessor
    def pull_lang_code(endpoint: str | None, values: dict[str, Any] | None) -> None:
        lang = (values or {}).pop("lang_code", None)
        if lang not in current_app.config["LANGUAGES"]:
            abort(404)
        g.lang_code = lang


def inject_lang_code(endpoint: str, values: dict[str, Any]) -> None:
    """App-wide url_defaults: links stay in the page language unless told otherwise."""
    if "lang_code" in values:
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        values["lang_code"] = current_language()


def url_in_language(lang: str, *, external: bool = False) -> str:
    """This page in `lang`, keeping the endpoint, its arguments and the whole query string."""
    endpoint = request.endpoint
    view_args = dict(request.view_args or {})
    if not endpoint or not current_app.url_map.is_endpoint_expecting(endpoint, "lang_code"):
        # Pages without a language in the URL (errors on unknown paths): the home page.
        return url_for("public.home", lang_code=lang, _external=external)
    view_args["lang_code"] = lang
    url = url_for(endpoint, _external=external, **view_args)
    query = request.query_string.decode("utf-8", "replace")
    return f"{url}?{query}" if query else url


def alternates() -> list[dict[str, str]]:
    """<link rel=alternate hreflang> entries for this page: one per language plus x-default."""
    links = [
        {"hreflang": lang, "href": url_in_language(lang, external=True)}
        for lang in current_app.config["LANGUAGES"]
    ]
    links.append({"hreflang": "x-default", "href": url_for("root", _external=True)})
    return links


def template_globals() -> dict[str, Any]:
    lang = current_language()
    other = other_language(lang)
    return {
        "lang": lang,
        "other_lang": other,
        "other_lang_name": LANGUAGE_NAMES[other],
        "language_switch_url": url_in_language(other),
        "alternates": alternates,
    }


def compile_translations(directory: Path) -> list[Path]:
    """Compile every messages.po whose .mo is missing or older; return what was written.

    The .mo files are build artefacts (git-ignored), so a fresh clone compiles on first start.
    """
    written = []
    for po_path in sorted(directory.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        try:
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file, locale=po_path.parent.parent.name)
            tmp = mo_path.with_suffix(f".mo.{os.getpid()}.tmp")  # parallel test workers
            with tmp.open("wb") as mo_file:
                write_mo(mo_file, catalog)
            tmp.replace(mo_path)  # atomic: a concurrent start never reads half a file
            written.append(mo_path)
        except OSError as exc:  # read-only install: run `make translations-compile` instead
            log.warning("could not compile %s: %s", po_path, exc)
    return written


def setup_i18n(app: Flask) -> None:
    """Before the blueprints: their URL prefixes use the `lang` converter."""
    app.url_map.converters["lang"] = language_converter(tuple(app.config["LANGUAGES"]))
    if app.config["COMPILE_TRANSLATIONS"]:
        compile_translations(Path(app.config["BABEL_TRANSLATION_DIRECTORIES"]))
    app.url_defaults(inject_lang_code)
    app.context_processor(template_globals)
    # {% trans %} blocks are whitespace-trimmed so msgids stay one tidy line each.
    app.jinja_env.policies["ext.i18n.trimmed"] = True
