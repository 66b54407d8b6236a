"""Engine configuration: URL parsing and the embedded default."""

from __future__ import annotations

import pytest

from indexer.config import Settings
from indexer.search.client import Engine, split_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://localhost:9200/courses", ("http://localhost:9200", "courses")),
        ("http://localhost:9200/", ("http://localhost:9200", "courses")),
        ("http://localhost:9200", ("http://localhost:9200", "courses")),
        ("https://search.example:443/cf-live/", ("https://search.example:443", "cf-live")),
    ],
)
def test_split_url_path_is_alias(url, expected):
    assert split_url(url) == expected


@pytest.mark.parametrize(
    "url", ["localhost:9200", "ftp://x/courses", "http://h:9200/a/b", "http://h/.x"]
)
def test_split_url_rejects_bad_urls(url):
    with pytest.raises(ValueError):
        split_url(url)


def test_from_settings_connects_to_url_without_starting_anything():
    engine = Engine.from_settings(
        Settings(database_url="sqlite://", opensearch_url="http://127.0.0.1:9/live")
    )
    assert (engine.url, engine.alias, engine.embedded) == ("http://127.0.0.1:9", "live", False)
    engine.close()


@pytest.mark.engine
def test_from_settings_without_url_starts_embedded_engine():
    engine = Engine.from_settings(Settings(database_url="sqlite://", opensearch_url=None))
    try:
        assert engine.embedded
        assert engine.alias == "courses"
        assert engine.url.startswith("http://127.0.0.1:")
        assert engine.ping()
    finally:
        engine.close()
    assert not engine.ping()


def test_ping_is_false_when_nothing_listens(closed_port_url):
    assert Engine.connect(closed_port_url).ping() is False
