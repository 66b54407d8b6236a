"""`coursefinder serve`: run the portal under waitress (a production WSGI server)."""

from __future__ import annotations

import click


def serve(host: str = "127.0.0.1", port: int = 8000, threads: int = 8) -> None:
    """Build the app, prepare the engine (embedded: start it, index the DB), then serve.

    `coursefinder demo` calls this after loading the catalogue.
    """
    from waitress import serve as waitress_serve

    from portal import create_app, startup
    from portal.extensions import search_engine

    app = create_app()
    click.echo("Preparing the search engine...")
    indexed = startup(app)
    if indexed is not None:
        click.echo(f"Indexed {indexed} courses from the catalogue.")
    click.echo(f"Serving the course finder on http://{host}:{port}/ (Ctrl+C to stop)")
    try:
        waitress_serve(app, host=host, port=port, threads=threads, ident="coursefinder")
    finally:
        search_engine(app).close()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int, help="Worker threads.")
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the bilingual portal and JSON API."""
    serve(host=host, port=port, threads=threads)
