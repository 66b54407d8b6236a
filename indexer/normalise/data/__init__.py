"""Data files of the normalisers (a package so that installs ship the YAML)."""
