"""Normalisers: raw listing strings to the common schema (issue 3).

Entry point: `indexer.normalise.course.normalise_listing`. One module per concern, each a
pure function of text (levels, credits, duration, cost, dates, mode, language, credential,
subjects, towns), with warnings in English and Welsh from `quality`.
"""
