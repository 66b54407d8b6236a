"""Extraction strategies, one module each, tried in DESIGN.md order by `chain`.

Every strategy takes a `Page` and returns `Extraction`s: field dicts with strings as found,
keyed by RawListing field names, plus any problems met on the way.
"""
