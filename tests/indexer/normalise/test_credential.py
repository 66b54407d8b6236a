"""Credential type from the provider's term."""

import pytest

from indexer.normalise.credential import normalise_credential


@pytest.mark.parametrize(
    ("term", "kind"),
    [
        ("Micro-credential", "micro-credential"),
        ("Microcredential", "micro-credential"),
        ("micro credential", "micro-credential"),
        ("Micro-gymhwyster", "micro-credential"),
        ("Microgymhwyster", "micro-credential"),
        ("Short course", "short-course"),
        ("Short Courses", "short-course"),
        ("Cwrs byr", "short-course"),
        ("CPD", "cpd"),
        ("CPD course", "cpd"),
        ("Continuing Professional Development (CPD)", "cpd"),
        ("Cwrs DPP", "cpd"),
        ("Datblygiad Proffesiynol Parhaus (DPP)", "cpd"),
        ("Skills Bootcamp", "bootcamp"),
        ("Standalone module", "module"),
        ("Stand-alone module", "module"),
        ("Modiwl annibynnol", "module"),
        ("Masterclass", "other"),
        ("Dosbarth meistr", "other"),
        ("Professional Development Award (PDA)", "other"),
        ("Professional qualification", "other"),
        ("Cymhwyster proffesiynol", "other"),
        ("CPD certificate", "cpd"),
        ("Certificate", "other"),
    ],
)
def test_credential_terms(term, kind):
    assert normalise_credential(term) == (kind, [])


def test_no_term_is_null():
    kind, warnings = normalise_credential(None)
    assert kind is None and warnings[0].code == "missing"


def test_unknown_term_is_other_with_warning():
    kind, warnings = normalise_credential("Taster session")
    assert kind == "other" and warnings[0].code == "unrecognised_term"
