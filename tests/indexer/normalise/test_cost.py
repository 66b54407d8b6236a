"""Cost: home fee, VAT, free and funded flags, English and Welsh."""

import pytest

from indexer.normalise.cost import normalise_cost


@pytest.mark.parametrize(
    ("text", "gbp", "free", "funded"),
    [
        ("£250", 250, False, False),
        ("£1,250.00", 1250, False, False),
        ("Fee: £99.50", 99.5, False, False),
        ("GBP 420", 420, False, False),
        ("Cost:£120pp", 120, False, False),
        ("£75 per learner", 75, False, False),
        ("£310 y pen", 310, False, False),
        ("Ffi: £85", 85, False, False),
        ("£600 (home) | £1,150 (international)", 600, False, False),
        ("£900 (UK) / £1,600 (International)", 900, False, False),
        ("International: £2,000; UK: £950", 950, False, False),
        ("£300 + VAT", 360, False, False),
        ("£300 plus VAT per delegate", 360, False, False),
        ("£150 + TAW", 180, False, False),
        ("£500 ex VAT (£600 inc VAT)", 600, False, False),
        ("£240 (inc. VAT)", 240, False, False),
        ("Free", 0, True, False),
        ("FREE OF CHARGE", 0, True, False),
        ("No fee", 0, True, False),
        ("Am ddim", 0, True, False),
        ("Dim ffi", 0, True, False),
        ("£0", 0, True, False),
        ("Fully funded", 0, True, True),
        ("Wedi'i ariannu'n llawn", 0, True, True),
        ("FREE for eligible learners (funded by the Adult Skills Fund)", 0, True, True),
        ("Free through a Personal Learning Account", 0, True, True),
        ("Am ddim drwy'r Cyfrif Dysgu Personol", 0, True, True),
        ("£0 \u2013 fully funded by Medr", 0, True, True),
        ("£40 (subsidised \u2013 full cost £160)", 40, False, True),
        ("£15 (pris \u00e2 chymhorthdal \u2013 cost llawn £60)", 15, False, True),
        ("£35 \u2013 part-funded by the Welsh Government", 35, False, True),
        ("  £35 \n", 35, False, False),
    ],
)
def test_cost_phrases(text, gbp, free, funded):
    cost, _ = normalise_cost(text)
    assert (cost.gbp, cost.free, cost.funded) == (gbp, free, funded)


@pytest.mark.parametrize(
    "text", ["Price on application", "Contact us for prices", "Cysylltwch â ni am bris"]
)
def test_price_on_application(text):
    cost, warnings = normalise_cost(text)
    assert (cost.gbp, cost.free, cost.funded) == (None, False, False)
    assert warnings == []


def test_no_cost_stated():
    cost, warnings = normalise_cost(None)
    assert (cost.gbp, cost.free, cost.funded) == (None, None, None)
    assert [w.code for w in warnings] == ["missing"]


def test_international_fee_only_is_not_a_home_fee():
    cost, warnings = normalise_cost("£2,400 (international)")
    assert cost.gbp is None
    assert "no_home_fee" in [w.code for w in warnings]


@pytest.mark.parametrize("text", ["varies", "see website", "\u00a3\u00a3\u00a3"])
def test_unreadable_cost(text):
    cost, warnings = normalise_cost(text)
    assert cost.gbp is None
    assert warnings[-1].code == "unreadable"
