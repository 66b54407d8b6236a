"""Subjects from titles, summaries and keywords in either language."""

from indexer.normalise.subjects import find_subjects, subject


def _codes(**texts):
    return [s.hecos for s in find_subjects(texts)]


def test_english_title_gives_subject_with_cah_groups():
    subjects = find_subjects({"title": {"en": "Introduction to Cyber Security"}})
    assert subjects[0].hecos == "100376"
    first = subjects[0]
    assert first.cah1 and first.cah2 and first.cah3
    assert first.cah1.startswith("CAH") and first.cah3.startswith(first.cah2)
    assert first.label.en and first.label.cy and first.cah1_label.en and first.cah1_label.cy


def test_welsh_title_and_english_title_meet_on_one_code():
    en = _codes(title={"en": "Project Management Fundamentals"})
    cy = _codes(title={"cy": "Hanfodion Rheoli Prosiectau"})
    assert en[:1] == cy[:1] == ["100812"]


def test_mutated_welsh_term_matches():
    assert _codes(title={"cy": "Cyflwyniad i Gyfrifiadureg"})[:1] == ["100366"]
    assert _codes(summary={"cy": "cwrs ar reoli prosiectau"})[:1] == ["100812"]


def test_longer_phrase_wins_over_shorter():
    assert _codes(title={"en": "Mental Health First Aid"}) == ["100476"]


def test_welsh_word_is_not_read_as_english_abbreviation():
    # "ai" is a Welsh word ("whether"); only English text may mean artificial intelligence.
    assert "100359" not in _codes(summary={"cy": "Gofynnwch ai hwn yw'r cwrs iawn i chi"})
    assert "100359" in _codes(title={"en": "AI for Small Businesses"})


def test_title_outweighs_summary_and_at_most_three():
    codes = _codes(
        title={"en": "Bookkeeping for Beginners"},
        summary={"en": "Covers payroll, marketing, leadership, photography and law."},
    )
    assert codes[0] == "100105"
    assert len(codes) <= 3


def test_no_subject_found():
    assert find_subjects({"title": {"en": "Zzyzx"}}) == []


def test_unknown_code_is_none():
    assert subject("999999") is None


def test_regular_english_plurals_match():
    assert _codes(title={"en": "Installing Heat Pumps"})[:1] == ["100147"]
    assert _codes(title={"en": "Resilient Supply Chains"})[:1] == ["100093"]


def test_keywords_match_one_by_one():
    # "climate" and "change management" are separate keywords, not "climate change"
    codes = _codes(keywords={"en": ["climate", "change management"]})
    assert "100813" in codes
