"""`coursefinder sites`: serve the sample provider sites, or write them out as files."""

from __future__ import annotations

from pathlib import Path

import click


def _parse_fault(values: tuple[str, ...]) -> dict[str, str]:
    faults = {}
    for value in values:
        provider, sep, fault = value.partition("=")
        if not sep or not provider or not fault:
            raise click.BadParameter(
                f"{value!r}: use PROVIDER=FAULT, e.g. coleg-dyfi=500", param_hint="--fault"
            )
        faults[provider.strip()] = fault.strip()
    return faults


@click.group("sites")
def sites_command() -> None:
    """Local sample provider websites (rendered from the shared devset) for demos and tests."""


@sites_command.command("serve")
@click.option(
    "--port", default=8700, show_default=True, help="Port on 127.0.0.1 (0: any free port)."
)
@click.option("--bind", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--fault",
    "faults",
    multiple=True,
    metavar="PROVIDER=FAULT",
    help="Make a provider misbehave, e.g. 500, 404, 429:3, refuse, hang:10, huge, cp1252, "
    "or several: 429,cp1252 (all faults: samplesites/README.md). Repeatable.",
)
@click.option("-v", "--verbose", is_flag=True, help="Log every request.")
def serve(port: int, bind: str, faults: tuple[str, ...], verbose: bool) -> None:
    """Serve every site from one server that is also an HTTP forward proxy. Ctrl-C stops."""
    from samplesites.server import SampleSites

    try:
        sites = SampleSites(port=port, host=bind, faults=_parse_fault(faults), verbose=verbose)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--fault") from exc
    except OSError as exc:  # typically: the port is taken
        raise click.ClickException(f"cannot listen on {bind}:{port}: {exc}") from exc
    url = sites.proxy_url
    click.echo(f"Serving {len(sites.sites)} sample provider sites; proxy: {url}")
    click.echo(f"  crawl:   http_proxy={url} coursefinder crawl ...")
    click.echo(f"  browse:  curl -x {url} http://coleg-dyfi.example/")
    click.echo(f"           or open http://coleg-dyfi.localhost:{sites.port}/ in a browser")
    for provider_id, fault in sites.faults.items():
        click.echo(f"  fault:   {provider_id} -> {fault}")
        for note in sites.fault_notes(provider_id):
            click.echo(f"           note: {note}")
    try:
        sites.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped")


@sites_command.command("render")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
def render(outdir: Path) -> None:
    """Write every site as static files under OUTDIR/<host>/ plus OUTDIR/manifest.json."""
    from samplesites.static import write_static

    count = write_static(outdir)
    click.echo(f"wrote {count} files under {outdir} (URL -> file map: {outdir / 'manifest.json'})")


@sites_command.command("urls")
def urls() -> None:
    """Print each provider's start URLs (site root, sitemap, feed), for provider YAML files."""
    from samplesites.houses import XCRI, shape_of
    from samplesites.render import default_sites
    from samplesites.xcri import FEED_PATH

    for site in default_sites().values():
        root = site.provider["website"]
        extra = [root + FEED_PATH] if shape_of(site.provider) == XCRI else []
        click.echo(
            "\t".join([site.provider["id"], site.shape, root + "/", root + "/sitemap.xml", *extra])
        )
