"""Fixtures for the sample provider sites: one running server per test session."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest

from samplesites.render import Site, default_sites
from samplesites.server import SampleSites


@pytest.fixture(scope="session")
def rendered() -> dict[str, Site]:
    return default_sites()


@pytest.fixture(scope="session")
def running() -> Iterator[SampleSites]:
    with SampleSites.start(port=0) as sites:
        yield sites


@pytest.fixture(scope="session")
def proxy_opener(running: SampleSites) -> urllib.request.OpenerDirector:
    """A urllib opener that, like Scrapy with http_proxy set, sends absolute-URI requests."""
    return urllib.request.build_opener(urllib.request.ProxyHandler({"http": running.proxy_url}))
