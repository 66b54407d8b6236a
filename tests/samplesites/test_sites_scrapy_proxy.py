"""Scrapy, configured only by `http_proxy`, fetches the canonical URLs through the server."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from samplesites.server import SampleSites

pytestmark = pytest.mark.e2e


def test_scrapy_fetch_through_http_proxy(running: SampleSites, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k.lower() not in ("http_proxy", "no_proxy")}
    env["http_proxy"] = running.proxy_url
    scrapy = [sys.executable, "-m", "scrapy.cmdline", "fetch", "--nolog"]
    url = "http://coleg-dyfi.example/sitemap.xml"
    result = subprocess.run(
        [*scrapy, url], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "http://coleg-dyfi.example/en/courses/" in result.stdout
    entry = next(e for e in reversed(running.request_log) if e.path == "/sitemap.xml")
    assert (
        entry.host == "coleg-dyfi.example"
        and entry.proxy_form
        and "Scrapy" in (entry.user_agent or "")
    )
