"""The `coursefinder` command: one front door to every task.

Sub-commands live beside the code they drive and are imported only when invoked, so
`coursefinder normalise` does not pay for Flask or Scrapy start-up (warehouse defers CLI
imports the same way).
"""

from __future__ import annotations

import importlib

import click

# command name -> "module:attribute" of a click.Command
COMMANDS: dict[str, str] = {
    "extract": "crawler.extract:extract_command",
    "crawl": "crawler.run:crawl_command",
    "crawl-bench": "crawler.bench:crawl_bench_command",
    "crawl-queue": "crawler.distributed:crawl_queue_command",
    "providers": "crawler.registry_cli:providers_command",
    "sites": "samplesites.cli:sites_command",
    "normalise": "indexer.normalise.cli:normalise_command",
    "accuracy": "indexer.normalise.accuracy:accuracy_command",
    "db": "indexer.cli:db_command",
    "reindex": "indexer.cli:reindex_command",
    "indices": "indexer.cli:indices_command",
    "serve": "portal.cli:serve_command",
    "demo": "coursefinder.demo:demo_command",
    "bench": "indexer.bench:bench_command",
    "relevance": "indexer.search.relevance:relevance_command",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        module = importlib.import_module(module_name)
        return getattr(module, attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Listing names only keeps `--help` from importing every sub-system.
        with formatter.section("Commands"):
            formatter.write_dl(
                [(name, COMMANDS[name].split(":")[0]) for name in self.list_commands(ctx)]
            )


@click.group(cls=LazyGroup)
def main() -> None:
    """Find micro-credentials and short courses across UK providers, in English and Welsh."""
