"""Which language a course's fact strings are written in.

The devset states the facts once, in English or Welsh, and says which only in `meta`,
which sample sites must not read. Real sites know what language they wrote in; here the
page has to work it out from the words, so that Welsh text on an English page (and vice
versa) can be marked with `lang`, as accessibility rules and DESIGN.md ask.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from samplesites.devset import Course

_WORD = re.compile(r"[a-zâêîôûŵŷàèìòùáéíóúäëïöüÿ'’-]+", re.IGNORECASE)

# Words that are common in Welsh fact strings and rare in English ones, and the reverse.


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


WELSH = _wordset(
    """
    wythnos wythnosau awr awran oriau diwrnod ddiwrnod diwrnodau dydd lefel credyd credydau
    gredyd gredydau ffi am ddim dim ar-lein dechrau yn ym mis campws addysgir cyfrwng
    cymraeg gymraeg saesneg cwrs byr micro-gymhwyster microgymhwyster dysgu cyfunol wyneb
    gyda mewn y yr pen cyflymder eich hun unrhyw bryd medi ionawr chwefror mawrth ebrill
    mai mehefin gorffennaf awst hydref tachwedd rhagfyr taw rhan-amser llawn ariannu
    ariannu'n cymhwyster dpp modiwl annibynnol dosbarth meistr ac a o i gwerth hyblyg
    cofrestrwch wedi'i heb achredu tystysgrif sesiwn sesiynau nos nosweithiau sadwrn
    dwyieithog drwy gyfrwng dysgir rhagarweiniol ffurfiol israddedig ôl-raddedig mynediad
    chymhorthdal pris bob fesul ddysgwyr cymwys cyfrif personol hyd ganol nesaf derbyn
    """
)
ENGLISH = _wordset(
    """
    week weeks hour hours day days level credit credits credits: fee fees free online start
    starts starting campus taught english welsh in the of and per from to for with each
    september october november december january february march april may june july august
    monday tuesday wednesday thursday friday saturday sunday evening evenings session
    sessions self-paced pace course short module price contact us learning notional funded
    blended face classroom-based distance rolling enrol any time next intake non-credit
    bearing no specific open all introductory undergraduate postgraduate approx around about
    """
)


def guess_language(text: str) -> str:
    """'cy' or 'en' for a short run of text, by counting tell-tale words."""
    words = [w.lower().strip("'’-") for w in _WORD.findall(text)]
    cy = sum(w in WELSH for w in words)
    en = sum(w in ENGLISH for w in words)
    return "cy" if cy > en else "en"


def facts_language(course: Course) -> str:
    """The language the course's fact strings are stated in."""
    if course.listing_languages == ("cy",):
        return "cy"
    if "cy" not in course.listing_languages:
        return "en"
    return guess_language(" ".join(course.facts().values()))
