"""The Welsh catalogue: complete, six plural forms, and up to date with the sources."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.pofile import read_po

from indexer.config import PROJECT_ROOT

TRANSLATIONS = PROJECT_ROOT / "translations"
WELSH_PO = TRANSLATIONS / "cy" / "LC_MESSAGES" / "messages.po"
PLURAL_FORMS = (
    "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;"
)


@pytest.fixture(scope="module")
def welsh():
    with WELSH_PO.open("rb") as f:
        return read_po(f, locale="cy")


def messages(catalog):
    return [m for m in catalog if m.id]


def test_plural_forms_header(welsh) -> None:
    assert welsh.num_plurals == 6
    assert welsh.plural_forms == PLURAL_FORMS


def test_every_entry_is_translated_and_not_fuzzy(welsh) -> None:
    for message in messages(welsh):
        assert not message.fuzzy, message.id
        forms = message.string if message.pluralizable else (message.string,)
        assert all(form.strip() for form in forms), message.id


def test_every_plural_entry_has_six_forms(welsh) -> None:
    plurals = [m for m in messages(welsh) if m.pluralizable]
    assert plurals
    for message in plurals:
        assert len(message.string) == 6, message.id


def test_welsh_is_not_an_english_copy(welsh) -> None:
    for message in messages(welsh):
        english = message.id if message.pluralizable else (message.id,)
        forms = message.string if message.pluralizable else (message.string,)
        assert not set(forms) & set(english), message.id


def test_placeholders_survive_translation(welsh) -> None:
    import re

    for message in messages(welsh):
        ids = message.id if message.pluralizable else (message.id,)
        wanted = set(re.findall(r"%\(\w+\)s", ids[-1]))
        forms = message.string if message.pluralizable else (message.string,)
        for form in forms:
            assert set(re.findall(r"%\(\w+\)s", form)) == wanted, (message.id, form)


def test_template_is_up_to_date_with_the_sources(tmp_path: Path) -> None:
    """Extract afresh (as `make translations` does) and compare with the committed .pot."""
    fresh = tmp_path / "messages.pot"
    # The Makefile's `pybabel extract` command line, run in-process from the checkout.
    CommandLineInterface().run(
        [
            "pybabel",
            "--quiet",
            "extract",
            "-F",
            str(PROJECT_ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "-o",
            str(fresh),
            "--omit-header",
            "--no-location",
            str(PROJECT_ROOT / "portal"),
            str(PROJECT_ROOT / "indexer"),
        ]
    )
    with fresh.open("rb") as f:
        extracted = {m.id for m in read_po(f) if m.id}
    with (TRANSLATIONS / "messages.pot").open("rb") as f:
        committed = {m.id for m in read_po(f) if m.id}
    assert extracted == committed, "run `make translations` and translate what is new"


def test_catalogue_covers_the_template(welsh) -> None:
    with (TRANSLATIONS / "messages.pot").open("rb") as f:
        template = {m.id for m in read_po(f) if m.id}
    translated = {m.id for m in messages(welsh) if not m.fuzzy}
    assert template <= translated


def test_compiled_catalogue_is_built_when_missing(tmp_path: Path) -> None:
    from portal.i18n import compile_translations

    target = tmp_path / "cy" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "messages.po").write_bytes(WELSH_PO.read_bytes())
    assert compile_translations(tmp_path) == [target / "messages.mo"]
    assert compile_translations(tmp_path) == []  # fresh: nothing to do
