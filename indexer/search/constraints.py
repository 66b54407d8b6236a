"""Constraints stated in the query's words: "free online python course", "lefel 3", "evening
classes wrexham", "starting January 2027".

Each recognised phrase is taken out of the free text (otherwise "free" and "course" would
have to appear in the course text) and becomes a `Constraint`: the clause in the index that
satisfies it, which becomes a filter, and a chip the portal shows so the user can remove
it. The rules are data (one table row per phrasing, English and Welsh); code only walks
the table.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Clause = dict[str, Any]


@dataclass(frozen=True)
class Constraint:
    # The facet expressing it (models.FACETS), or the kind of constraint no facet expresses:
    # "hours", "levels", "pace", "schedule", "nation", "place", "credential".
    facet: str
    value: str
    phrase: str  # as typed
    clause: Clause  # what a matching course satisfies; graded bools prefer some matches
    # How much meeting it counts. A credential word ("short course", "cwrs byr") is a weak
    # preference: the subject decides relevance, the credential only breaks ties.
    weight: float = 1.0
    # A filter (the default) or only a preference (credential words: a "short course" and a
    # "CPD course" on the same subject answer the same need).
    strict: bool = True


def _terms(field: str, *values: Any) -> Clause:
    return {"terms": {field: list(values)}}


MONTHS = {
    **{m: i for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"], 1)},
    **{m: i for i, m in enumerate(
        ["ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf", "awst",
         "medi", "hydref", "tachwedd", "rhagfyr"], 1)},
    **{m: i for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)},
}  # fmt: skip
SCQF_TO_RQF = {12: "8", 11: "7", 10: "6", 9: "6", 8: "5", 7: "4", 6: "3", 5: "2", 4: "1",
               3: "entry", 2: "entry", 1: "entry"}  # fmt: skip
EQF_TO_RQF = {2: "1", 3: "2", 4: "3", 6: "6", 7: "7", 8: "8"}
FRAMEWORK_ALIASES = {"ffcchc": "cqfw"}


def _level(match: re.Match[str], today: dt.date) -> list[Constraint]:
    framework = (match.group("fw") or "").lower()
    framework = FRAMEWORK_ALIASES.get(framework, framework)
    number = int(match.group("n"))
    if framework == "scqf":
        rqf = SCQF_TO_RQF.get(number)
    elif framework == "eqf":
        rqf = EQF_TO_RQF.get(number)
    else:
        rqf = str(number) if 1 <= number <= 8 else None
    if rqf is None:
        return []
    clause: Clause = _terms("facets.level", rqf)
    if framework:
        # the level as stated in that framework first, its equivalents elsewhere after
        clause = {
            "bool": {
                "should": [
                    {
                        "constant_score": {
                            "filter": _terms("level_stated", f"{framework}:{number}"),
                            "boost": 2,
                        }
                    },
                    {"constant_score": {"filter": clause, "boost": 1}},
                ]
            }
        }
    return [Constraint("level", rqf, match.group(0), clause)]


def _month(match: re.Match[str], today: dt.date) -> list[Constraint]:
    month = MONTHS[match.group("month").lower()]
    year = int(match.group("year")) if match.group("year") else None
    if year is None:  # the next such month, this one included
        year = today.year if month >= today.month else today.year + 1
    value = f"{year:04d}-{month:02d}"
    # a course one can start at any time can start that month too, ranked after dated ones
    clause = {
        "bool": {
            "should": [
                {"constant_score": {"filter": _terms("facets.start", value), "boost": 2}},
                {"constant_score": {"filter": _terms("facets.start", "anytime"), "boost": 1}},
            ]
        }
    }
    return [Constraint("start", value, match.group(0), clause)]


def _hours(match: re.Match[str], today: dt.date) -> list[Constraint]:
    limit = float(match.group("n"))
    op = "lte" if match.group("op").lower() in ("up to", "max", "maximum", "at most") else "lt"
    return [
        Constraint(
            "hours", f"{op}{limit:g}h", match.group(0), {"range": {"duration.hours": {op: limit}}}
        )
    ]


def _fixed(
    facet: str, value: str, clause: Clause, weight: float = 1.0, strict: bool = True
) -> Callable[[re.Match[str], dt.date], list[Constraint]]:
    def make(match: re.Match[str], today: dt.date) -> list[Constraint]:
        return [Constraint(facet, value, match.group(0), clause, weight, strict)]

    return make


def _noise(match: re.Match[str], today: dt.date) -> list[Constraint]:
    return []


CREDENTIAL_WEIGHT = 0.2
B = r"(?<![\w-])"  # word start (a hyphen joins words: "e-learning" is not "learning")
E = r"(?![\w-])"
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))

# (pattern, action). Order matters: longer phrasings before the words inside them.
RULES: list[tuple[str, Callable[[re.Match[str], dt.date], list[Constraint]]]] = [
    (rf"{B}(?P<fw>scqf|cqfw|rqf|fheq|eqf|ffcchc)?\s*(?:level|lefel)\s*(?P<n>\d{{1,2}}){E}", _level),
    (rf"{B}(?P<fw>scqf|eqf)\s*(?P<n>\d{{1,2}}){E}", _level),
    (rf"{B}(entry[- ]level|entry \d|lefel mynediad|mynediad \d){E}", _fixed("level", "entry", _terms("facets.level", "entry"))),
    (rf"{B}(postgraduate|post-graduate|ôl-raddedig|ol-raddedig|masters level|lefel meistr){E}", _fixed("level", "7", _terms("facets.level", "7"))),
    (rf"{B}(undergraduate|israddedig){E}", _fixed("levels", "undergraduate", _terms("facets.level", "4", "5", "6"))),
    (rf"{B}(?P<op>under|less than|fewer than|up to|at most|max|maximum|llai na|dan)\s*(?P<n>\d{{1,4}})\s*(?:hours?|hrs?|awr|oriau){E}", _hours),
    (rf"{B}(?:(?:starting|starts|start|from|beginning|commencing|in|yn|o|dechrau|yn dechrau)\s+)?(?P<month>{MONTH_NAMES})\s+(?P<year>20\d\d){E}", _month),
    (rf"{B}(?:starting|starts|start|from|beginning|commencing|dechrau|yn dechrau)\s+(?:in\s+|ym\s+mis\s+|mis\s+)?(?P<month>{MONTH_NAMES})(?:\s+(?P<year>20\d\d))?{E}", _month),
    (rf"{B}(free|no fee|no cost|am ddim|dim ffi|di-dâl|di-dal){E}", _fixed("cost", "free", {"term": {"cost.free": True}})),
    (rf"{B}(fully funded|part[- ]funded|funded|subsidised|subsidized|wedi'i ariannu|wedi ei ariannu|ariennir|â chymhorthdal){E}", _fixed("cost", "funded", {"term": {"cost.funded": True}})),
    (rf"{B}(online|on-line|ar-lein|ar lein|distance learning|dysgu o bell|remote|virtual){E}", _fixed("mode", "online", _terms("facets.mode", "online"))),
    (rf"{B}(in person|in-person|face to face|face-to-face|classroom|on campus|wyneb yn wyneb){E}", _fixed("mode", "in_person", _terms("facets.mode", "in_person"))),
    (rf"{B}(blended|hybrid|cyfunol){E}", _fixed("mode", "blended", _terms("facets.mode", "blended"))),
    (rf"{B}(self[- ]paced|at your own pace|in your own time|ar eich cyflymder eich hun|yn eich amser eich hun){E}", _fixed("pace", "self-paced", {"term": {"duration.self_paced": True}})),
    (rf"{B}(welsh[- ]medium|taught in welsh|through the medium of welsh|through welsh|in welsh|cyfrwng cymraeg|drwy gyfrwng y gymraeg|trwy gyfrwng y gymraeg|yn gymraeg|dysgir yn gymraeg){E}", _fixed("language", "cy", {"bool": {"should": [{"constant_score": {"filter": _terms("facets.language", "cy"), "boost": 2}}, {"constant_score": {"filter": _terms("facets.language", "bilingual"), "boost": 1}}]}})),
    (rf"{B}(weekends?|saturdays?|sundays?|penwythnos(?:au)?|dydd sadwrn|ddydd sadwrn){E}", _fixed("schedule", "weekend", {"term": {"schedule": "weekend"}})),
    (rf"{B}(evenings?|night classes|evening classes|gyda'r nos|nos){E}", _fixed("schedule", "evening", {"term": {"schedule": "evening"}})),
    (rf"{B}(in wales|wales|cymru|yng nghymru){E}", _fixed("nation", "wales", {"term": {"nation": "wales"}})),
    (rf"{B}(in scotland|scotland|yr alban){E}", _fixed("nation", "scotland", {"term": {"nation": "scotland"}})),
    (rf"{B}(in england|england|lloegr){E}", _fixed("nation", "england", {"term": {"nation": "england"}})),
    (rf"{B}(northern ireland|gogledd iwerddon){E}", _fixed("nation", "northern_ireland", {"term": {"nation": "northern_ireland"}})),
    (rf"{B}(micro-?credentials?|micro-?gymhwyster(?:au)?){E}", _fixed("credential", "micro-credential", {"term": {"credential_type": "micro-credential"}}, CREDENTIAL_WEIGHT, strict=False)),
    (rf"{B}(short courses?|cwrs byr|cyrsiau byr){E}", _fixed("credential", "short-course", {"term": {"credential_type": "short-course"}}, CREDENTIAL_WEIGHT, strict=False)),
    (rf"{B}(bootcamps?|skills bootcamps?){E}", _fixed("credential", "bootcamp", {"term": {"credential_type": "bootcamp"}}, CREDENTIAL_WEIGHT, strict=False)),
    # Generic words that say nothing about the subject; dropped when other words remain.
    (rf"{B}(courses?|class(?:es)?|training|programmes?|cwrs|cyrsiau|dosbarth(?:iadau)?|hyfforddiant){E}", _noise),
]  # fmt: skip
COMPILED = [(re.compile(p, re.IGNORECASE), action) for p, action in RULES]


def _place(match: re.Match[str], today: dt.date) -> list[Constraint]:
    place = match.group("place").lower()
    return [Constraint("place", place, match.group(0), {"term": {"places": place}})]


def _place_rule(places: frozenset[str]) -> re.Pattern[str] | None:
    if not places:
        return None
    names = "|".join(re.escape(p) for p in sorted(places, key=len, reverse=True))
    return re.compile(rf"{B}(?:in |near |at |yn |ym |yng )?(?P<place>{names}){E}", re.IGNORECASE)


def read_constraints(
    text: str, places: frozenset[str] = frozenset(), today: dt.date | None = None
) -> tuple[str, list[Constraint]]:
    """(the text left for free-text matching, the constraints read from the rest).

    `places` are the (lower-case) town names the index knows; a query naming one asks for
    courses there. Nothing is removed if it would leave no words at all and no constraint.
    """
    today = today or dt.date.today()
    rest = text
    found: list[Constraint] = []
    rules = list(COMPILED)
    place = _place_rule(places)
    if place:
        rules.insert(0, (place, _place))
    for pattern, action in rules:
        matched: list[Constraint] = []
        candidate = pattern.sub(
            lambda m, a=action, out=matched: out.extend(a(m, today)) or " ", rest
        )
        if candidate == rest:
            continue
        if action is _noise and not candidate.strip() and not found:
            continue  # "courses" alone: keep it as the query
        found.extend(matched)
        rest = candidate
    seen: set[tuple[str, str]] = set()
    unique = [c for c in found if not ((c.facet, c.value) in seen or seen.add((c.facet, c.value)))]
    return " ".join(rest.split()), unique
