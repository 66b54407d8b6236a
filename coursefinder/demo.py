"""`coursefinder demo`: the whole pipeline on this machine, from sample sites to the portal.

The sample provider sites answer as their real addresses (http://<provider>.example) through
a local forward proxy, so the crawler runs exactly as it would against the web: only
`http_proxy` differs (coursefinder.samplecrawl).
"""

from __future__ import annotations

import click


@click.command("demo")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--sites-port", default=0, type=int, help="Port of the sample sites (0: any free one)."
)
@click.option("--skip-crawl", is_flag=True, help="Serve the catalogue as it is, without crawling.")
def demo_command(host: str, port: int, sites_port: int, skip_crawl: bool) -> None:
    """Start the sample provider sites, crawl them, load and index the catalogue, serve the portal."""
    from coursefinder.samplecrawl import crawl_sample_sites
    from indexer.config import Settings, shared_dir
    from indexer.migrate import upgrade
    from samplesites.server import SampleSites

    devset = shared_dir() / "devsets" / "providers.json"
    if not devset.is_file():
        raise click.ClickException(
            f"the sample sites are rendered from the devset, and {devset} is missing: "
            "put the workplace's shared/ folder beside this checkout or set COURSEFINDER_SHARED"
        )
    settings = Settings.from_env()
    click.echo("1/4 catalogue database: applying migrations")
    upgrade(settings.database_url)

    with SampleSites.start(port=sites_port) as sites:
        click.echo(
            f"2/4 sample provider sites: {len(sites.providers)} sites behind {sites.proxy_url}"
        )
        if not skip_crawl:
            click.echo(
                "3/4 crawling the sample sites (robots.txt obeyed, throttling off for the demo)"
            )
            if crawl_sample_sites(sites)[0] != 0:
                click.echo(
                    "   the crawl reported failures (see above); serving what was loaded", err=True
                )
        click.echo("4/4 building the search index and starting the portal")
        from portal.cli import serve

        serve(host=host, port=port)
