"""Owns the common schema: normalisation, the catalogue database and the search projection."""
