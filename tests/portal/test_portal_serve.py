"""`coursefinder serve` runs the portal under waitress and prints its address."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest
from osmem_server import OsmemServer

from tests.portal.support import free_port

pytestmark = pytest.mark.engine


def test_serve_command(osmem: OsmemServer, engine, portal_database_url: str) -> None:
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": portal_database_url,
        "OPENSEARCH_URL": f"{osmem.url}/{engine.alias}",
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "coursefinder", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        line = body = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if "Serving the course finder on" in line or not line:
                break
        assert f"http://127.0.0.1:{port}/" in line
        for _ in range(50):  # waitress binds just after printing
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/cy/search?q=data"
                ) as response:
                    body = response.read().decode()
                break
            except OSError:
                time.sleep(0.1)
        assert "Gweithdy Sgiliau Data" in body
        assert response.headers["Server"] == "coursefinder"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
