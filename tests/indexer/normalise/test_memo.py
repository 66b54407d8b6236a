"""Memoised normalisers hand out copies: one course cannot change another's values."""

from datetime import date

from indexer.normalise import memo
from indexer.normalise.course import normalise_listing


def test_memoised_results_are_independent_copies():
    memo.clear_caches()
    first, _ = memo.start("Starts 14/09/2026", date(2026, 6, 1))
    first.dates.append("1999-01-01")
    first.deadline = "2026-08-01"
    second, _ = memo.start("Starts 14/09/2026", date(2026, 6, 1))
    assert second.dates == ["2026-09-14"] and second.deadline is None


def test_memo_respects_the_reference_date():
    assert memo.start("Starts 3 March", date(2026, 6, 1))[0].dates == ["2027-03-03"]
    assert memo.start("Starts 3 March", date(2026, 1, 1))[0].dates == ["2026-03-03"]


def test_courses_sharing_phrases_do_not_share_state():
    raw = {
        "title_en": "Bookkeeping basics",
        "level_text": "Level 2",
        "cost_text": "£50",
        "location_text": "Rhyl campus",
    }
    one = normalise_listing(raw, today=date(2026, 6, 1))
    one.level.value = 99
    one.cost.gbp = 1.0
    one.towns.append("Nowhere")
    one.subjects[0].label.en = "Changed"
    two = normalise_listing(raw, today=date(2026, 6, 1))
    assert (two.level.value, two.cost.gbp, two.towns) == (2, 50, ["Rhyl"])
    assert two.subjects[0].label.en == "Accounting"
