"""Spiders: one generic provider spider; hand-written ones only as a last resort."""
