"""The provider registry: one YAML file per provider in crawler/providers/, validated on load.

Per-provider differences are data (CONVENTIONS: memorious-style YAML), so adding a provider
is a reviewed YAML change, not code. Every validation problem names the file, the field and
what is wrong, so `coursefinder providers check` reads like a to-do list.
"""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import yaml
from cssselect import GenericTranslator
from cssselect import SelectorError as CssError
from lxml import etree
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from crawler.items import BILINGUAL_BASES, RawListing
from indexer.schema import Nation, ProviderRef, ProviderType

# libyaml's loader when PyYAML was built with it: the same safe subset, about 8x faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PROVIDERS_DIR = Path(__file__).resolve().parent / "providers"

# Selector keys: every RawListing field the page can state, plus language-neutral bases
# ("title" means the title in the page's own language).
SELECTOR_FIELDS = frozenset(RawListing.__dataclass_fields__) - {
    "url",
    "url_cy",
    "provider_id",
    "provider_nation",
    "provider_type",
    "fetched_at",
    "extractor",
    "content_hash",
} | set(BILINGUAL_BASES)

Strategy = Literal["auto", "jsonld", "microdata", "rdfa", "xcri", "selectors"]


class ProviderConfigError(ValueError):
    """A provider file is unusable; `problems` lists (field, problem) pairs."""

    def __init__(self, path: Path | str, problems: list[tuple[str, str]]):
        self.path = Path(path)
        self.problems = problems
        lines = [f"{self.path.name}: {fieldname}: {problem}" for fieldname, problem in problems]
        super().__init__("\n".join(lines))


class Names(BaseModel):
    model_config = ConfigDict(extra="forbid")
    en: str = Field(min_length=1)
    cy: str | None = None


class UrlPatterns(BaseModel):
    """Which URL prefix marks each page language, for sites without hreflang links."""

    model_config = ConfigDict(extra="forbid")
    en: str | None = None
    cy: str | None = None
    query: str | None = None  # language_alternates "query": the parameter name (default lang)


def check_selector(selector: str) -> str:
    """Compile a selector now so a typo fails `providers check`, not a crawl at 3 a.m."""
    kind, _, expr = selector.partition(":")
    try:
        if kind == "xpath":
            etree.XPath(expr)
        elif kind == "css":
            GenericTranslator().css_to_xpath(expr.split("::")[0])
        else:
            raise ValueError("must start with 'css:' or 'xpath:'")
    except (etree.XPathSyntaxError, CssError) as exc:
        raise ValueError(f"invalid {kind} selector {expr!r}: {exc}") from None
    return selector


class ProviderConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: Names
    type: ProviderType
    nation: Nation
    website: str
    start_urls: list[str] = Field(default_factory=list)
    sitemaps: list[str] = Field(default_factory=list)
    feeds: list[str] = Field(default_factory=list)
    follow: list[str] = Field(default_factory=list)  # regexes: listing/pagination pages
    course_page: list[str] = Field(default_factory=list)  # regexes: course pages
    deny: list[str] = Field(default_factory=list)
    extraction: Strategy = "auto"
    selectors: dict[str, str | list[str]] = Field(default_factory=dict)
    language_alternates: Literal["hreflang", "url_pattern", "query", "none"] = "hreflang"
    url_patterns: UrlPatterns = Field(default_factory=UrlPatterns)

    @field_validator("website")
    @classmethod
    def _website(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise ValueError("must be an absolute http(s) URL")
        return value.rstrip("/")

    @field_validator("start_urls", "sitemaps", "feeds")
    @classmethod
    def _urls(cls, values: list[str]) -> list[str]:
        for value in values:
            if urlsplit(value).scheme not in {"http", "https"}:
                raise ValueError(f"{value!r} is not an absolute http(s) URL")
        return values

    @field_validator("follow", "course_page", "deny")
    @classmethod
    def _regexes(cls, values: list[str]) -> list[str]:
        for value in values:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
        return values

    @field_validator("selectors")
    @classmethod
    def _selectors(cls, value: dict[str, str | list[str]]) -> dict[str, str | list[str]]:
        for key, sel in value.items():
            if key not in SELECTOR_FIELDS:
                raise ValueError(
                    f"unknown field {key!r} (known: {', '.join(sorted(SELECTOR_FIELDS))})"
                )
            for one in [sel] if isinstance(sel, str) else sel:
                try:
                    check_selector(one)
                except ValueError as exc:
                    raise ValueError(f"{key}: {exc}") from None
        return value

    @property
    def host(self) -> str:
        return urlsplit(self.website).netloc.lower()

    def selector_list(self, key: str) -> list[str]:
        sel = self.selectors.get(key, [])
        return [sel] if isinstance(sel, str) else list(sel)

    def ref(self) -> ProviderRef:
        return ProviderRef.model_validate(
            {
                "id": self.id,
                "name": self.name.model_dump(),
                "type": self.type,
                "nation": self.nation,
                "website": self.website,
            }
        )


def _field_path(loc: tuple) -> str:
    return ".".join(str(part) for part in loc) or "(file)"


def load_file(path: Path | str) -> ProviderConfig:
    path = Path(path)
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_SafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise ProviderConfigError(path, [("(file)", f"cannot read YAML: {exc}")]) from None
    if not isinstance(data, dict):
        raise ProviderConfigError(path, [("(file)", "must be a mapping of fields")])
    try:
        config = ProviderConfig.model_validate(data)
    except ValidationError as exc:
        problems = [
            (_field_path(err["loc"]), err["msg"].removeprefix("Value error, "))
            for err in exc.errors()
        ]
        raise ProviderConfigError(path, problems) from None
    if config.id != path.stem:
        raise ProviderConfigError(
            path, [("id", f"{config.id!r} does not match the file name {path.stem!r}")]
        )
    return config


def providers_dir() -> Path:
    """crawler/providers/, or `CRAWLER_PROVIDERS_DIR` (a deployment's own registry, tests)."""
    return Path(os.environ.get("CRAWLER_PROVIDERS_DIR") or PROVIDERS_DIR)


def provider_files(directory: Path | None = None) -> list[Path]:
    return sorted((directory or providers_dir()).glob("*.yaml"))


@cache
def _load_all(directory: Path) -> tuple[dict[str, ProviderConfig], dict[str, ProviderConfigError]]:
    good: dict[str, ProviderConfig] = {}
    bad: dict[str, ProviderConfigError] = {}
    for path in provider_files(directory):
        try:
            config = load_file(path)
        except ProviderConfigError as exc:
            bad[path.stem] = exc
        else:
            good[config.id] = config
    return good, bad


def load_registry(directory: Path | None = None) -> dict[str, ProviderConfig]:
    """Every valid provider by id. A bad file leaves only its own provider out: see
    `registry_problems` (and `providers check`) for what is wrong with it."""
    return _load_all(directory or providers_dir())[0]


def registry_problems(directory: Path | None = None) -> dict[str, ProviderConfigError]:
    """Provider files that failed validation, by file stem (the provider id they claim)."""
    return _load_all(directory or providers_dir())[1]


def get_provider(provider_id: str) -> ProviderConfig:
    registry = load_registry()
    if provider_id in registry_problems():
        raise registry_problems()[provider_id]
    if provider_id not in registry:
        raise KeyError(f"unknown provider {provider_id!r}; known: {', '.join(sorted(registry))}")
    return registry[provider_id]


def provider_for_url(url: str) -> ProviderConfig | None:
    host = urlsplit(url).netloc.lower()
    return next((cfg for cfg in load_registry().values() if cfg.host == host), None)
