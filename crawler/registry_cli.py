"""`coursefinder providers list|check`: the provider registry from the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from crawler.providers import ProviderConfigError, load_file, provider_files, providers_dir

DIR_OPTION = click.option(
    "--dir",
    "directory",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Folder of provider YAML files [default: crawler/providers, or $CRAWLER_PROVIDERS_DIR].",
)


@click.group("providers")
def providers_command() -> None:
    """Inspect and validate the provider registry (crawler/providers/*.yaml)."""


@providers_command.command("check")
@DIR_OPTION
def check_command(directory: Path | None) -> None:
    """Validate every provider file; exit 1 if any is bad, naming file, field and problem."""
    directory = directory or providers_dir()
    bad = 0
    files = provider_files(directory)
    for path in files:
        try:
            load_file(path)
        except ProviderConfigError as exc:
            bad += 1
            for line in str(exc).splitlines():
                click.echo(f"error: {line}", err=True)
    click.echo(f"{len(files) - bad} of {len(files)} provider files valid")
    if bad:
        sys.exit(1)


@providers_command.command("list")
@DIR_OPTION
def list_command(directory: Path | None) -> None:
    """One line per provider: id, nation, type, extraction strategy, name."""
    directory = directory or providers_dir()
    for path in provider_files(directory):
        try:
            cfg = load_file(path)
        except ProviderConfigError as exc:
            click.echo(f"{path.stem:<36} INVALID ({exc.problems[0][0]}: {exc.problems[0][1]})")
            continue
        names = cfg.name.en + (
            f" / {cfg.name.cy}" if cfg.name.cy and cfg.name.cy != cfg.name.en else ""
        )
        click.echo(f"{cfg.id:<36} {cfg.nation:<17} {cfg.type:<12} {cfg.extraction:<10} {names}")
