"""Language of delivery."""

import pytest

from indexer.normalise.language import normalise_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (None, "en"),
        ("English", "en"),
        ("Taught in English", "en"),
        ("Addysgir yn Saesneg", "en"),
        ("Saesneg", "en"),
        ("Taught in Welsh", "cy"),
        ("Welsh-medium", "cy"),
        ("Delivered through the medium of Welsh", "cy"),
        ("Cyfrwng Cymraeg", "cy"),
        ("Drwy gyfrwng y Gymraeg", "cy"),
        ("Dysgir yn Gymraeg", "cy"),
        ("Cymraeg", "cy"),
        ("Bilingual", "bilingual"),
        ("Delivered bilingually", "bilingual"),
        ("Bilingual (Welsh and English)", "bilingual"),
        ("Dwyieithog", "bilingual"),
        ("Dwyieithog (Cymraeg a Saesneg)", "bilingual"),
    ],
)
def test_language_phrases(text, language):
    assert normalise_language(text)[0] == language
