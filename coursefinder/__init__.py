"""Composition root: the `coursefinder` command. Nothing imports this package."""
