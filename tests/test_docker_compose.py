"""docker-compose cannot run here (no Docker engine); check it says what the code expects."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def load() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_services_and_health_checks():
    services = load()["services"]
    assert {"postgres", "opensearch", "portal", "crawl-index"} <= set(services)
    for name in ("postgres", "opensearch", "portal"):
        assert "healthcheck" in services[name], name
    for name in ("portal", "crawl-index"):
        deps = services[name]["depends_on"]
        assert deps["postgres"]["condition"] == "service_healthy"
        assert deps["opensearch"]["condition"] == "service_healthy"
    assert services["crawl-index"]["restart"] == "no"


def test_environment_matches_what_the_code_reads():
    services = load()["services"]
    read_by_code: set[str] = set()
    prefixes: set[str] = set()
    for path in ROOT.glob("[cip]*/**/*.py"):
        text = path.read_text()
        read_by_code |= set(re.findall(r"environ(?:\.get)?[\[(]\"([A-Z_]+)\"", text))
        # Flask's from_prefixed_env("X") reads every X_* variable
        prefixes |= set(re.findall(r"from_prefixed_env\(\"([A-Z_]+)\"\)", text))

    def is_read(var: str) -> bool:
        return var in read_by_code or any(var.startswith(p + "_") for p in prefixes)

    for name in ("portal", "crawl-index"):
        env = services[name]["environment"]
        assert env["OPENSEARCH_URL"].startswith("http://opensearch:9200/")
        assert (
            env["DATABASE_URL"].startswith("postgresql://") and "@postgres:" in env["DATABASE_URL"]
        )
        for var in ("DATABASE_URL", "OPENSEARCH_URL", "COURSEFINDER_SECRET_KEY"):
            assert var in env and is_read(var), var
