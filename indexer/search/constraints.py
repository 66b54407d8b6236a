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

from indexer.search.synonyms import groups
from indexer.search.welsh import radical_candidates

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
    # Words taken out of the free text that still count as a text preference: a place
    # read as a location may be the subject too ("leadership courses cardiff").
    keep: str = ""


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
    (rf"{B}(micro-?credentials?|micro-?gymhwyster(?:au)?){E}", _fixed("credential", "micro-credential", {"term": {"credential_type": "micro-credential"}}, CREDENTIAL_WEIGHT, strict=False)),
    (rf"{B}(short courses?|cwrs byr|cyrsiau byr){E}", _fixed("credential", "short-course", {"term": {"credential_type": "short-course"}}, CREDENTIAL_WEIGHT, strict=False)),
    (rf"{B}(bootcamps?|skills bootcamps?){E}", _fixed("credential", "bootcamp", {"term": {"credential_type": "bootcamp"}}, CREDENTIAL_WEIGHT, strict=False)),
    # Generic words that say nothing about the subject; dropped when other words remain.
    (rf"{B}(courses?|class(?:es)?|training|programmes?|cwrs|cyrsiau|dosbarth(?:iadau)?|hyfforddiant){E}", _noise),
]  # fmt: skip
COMPILED = [(re.compile(p, re.IGNORECASE), action) for p, action in RULES]


# Where: nations and towns. A place name is also a subject word ("hanes Cymru" is the
# history of Wales, "Cardiff University" a provider), so it is read as a location only
# where a librarian would: after a locative word ("in Cardiff", "yng Nghaerdydd", "ger
# Wrecsam") anywhere, or bare at the end of a query after other words ("leadership courses
# cardiff"), unless it ends "of <place>" or a known subject phrase (synonyms.csv). Welsh
# nation names need the locative: bare after a noun they are a genitive ("hanes Cymru").
# A place read as a location stays a text preference too (Constraint.keep), so courses
# about it still rank first among those there.
LOCATIVE = r"(?:in|near|at|around|ger|yn|ym|yng|o gwmpas|o amgylch)"
NATIONS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # nation: (names read bare or after a locative, Welsh names read only after one)
    "wales": (("wales",), ("cymru", "nghymru")),
    "scotland": (("scotland",), ("yr alban",)),
    "england": (("england",), ("lloegr",)),
    "northern_ireland": (("northern ireland",), ("gogledd iwerddon", "ngogledd iwerddon")),
}
# Welsh names of towns whose indexed name is English (general vocabulary, not a devset list)
TOWN_ALIASES = {
    "caerdydd": "cardiff", "abertawe": "swansea", "casnewydd": "newport", "wrecsam": "wrexham",
    "pen-y-bont ar ogwr": "bridgend", "caerfyrddin": "carmarthen", "merthyr tudful": "merthyr tydfil",
    "castell-nedd": "neath", "y barri": "barry", "caerffili": "caerphilly", "trefynwy": "monmouth",
    "hwlffordd": "haverfordwest", "yr wyddgrug": "mold", "aberhonddu": "brecon",
    "y drenewydd": "newtown", "caergybi": "holyhead", "dinbych": "denbigh",
}  # fmt: skip
NOT_LOCATION_BEFORE = {"of", "the", "y", "yr"}  # "history of wales": the subject's own words
PUNCTUATION = ".,;:!?()\"'"
GAP = "\x00"  # where read_constraints took a constraint phrase out


def _place_names(places: frozenset[str]) -> dict[str, tuple[str, str, bool]]:
    """Lower-case name as typed -> (facet, value, needs a locative word)."""
    names: dict[str, tuple[str, str, bool]] = {}
    for town in places:
        names[town] = ("place", town, False)
    for welsh, english in TOWN_ALIASES.items():
        if english in places:
            names.setdefault(welsh, ("place", english, False))
        elif welsh in places:
            names.setdefault(english, ("place", welsh, False))
    for nation, (bare, marked) in NATIONS.items():
        for name in bare:
            names[name] = ("nation", nation, False)
        for name in marked:
            names[name] = ("nation", nation, True)
    return names


def _lookup(
    name: str, names: dict[str, tuple[str, str, bool]]
) -> tuple[str, tuple[str, str, bool]] | None:
    """(the name's radical form, the place it denotes): "nghaerdydd" -> "caerdydd", Cardiff."""
    name = name.lower()
    if name in names:
        return name, names[name]
    first, _, rest = name.partition(" ")
    for radical in sorted(radical_candidates(first)):
        candidate = f"{radical} {rest}".strip()
        if candidate in names:
            return candidate, names[candidate]
    return None


def _in_subject_phrase(words: list[str], start: int, end: int) -> bool:
    """Whether words[start:end] (the place) sits inside a known multi-word subject phrase."""
    for group in groups():
        for member in group:
            n = len(member)
            if n <= end - start:
                continue
            for i in range(max(0, end - n), min(start, len(words) - n) + 1):
                if tuple(words[i : i + n]) == member:
                    return True
    return False


def read_locations(text: str, places: frozenset[str]) -> tuple[str, list[Constraint]]:
    """(text without the locations read, the nation/place constraints).

    `text` may hold GAP words where other constraint phrases were: "weekend courses
    cardiff" reaches here as "GAP GAP cardiff", a trailing place after other words.
    """
    names = _place_names(places)
    words = text.split()
    lower = [w.lower().strip(PUNCTUATION) for w in words]
    found: list[Constraint] = []
    drop: set[int] = set()
    longest = max((len(n.split()) for n in names), default=1)
    i = 0
    while i < len(words):
        hit = None
        for n in range(min(longest, len(words) - i), 0, -1):
            found_name = _lookup(" ".join(lower[i : i + n]), names)
            if found_name:
                hit = (n, *found_name)
                break
        if hit is None:
            i += 1
            continue
        n, name, (facet, value, needs_locative) = hit
        locative = 0
        for k in (2, 1):  # "o gwmpas", then one word
            if i - k >= 0 and re.fullmatch(LOCATIVE, " ".join(lower[i - k : i])):
                locative = k
                break
        # at the end (constraint words after it aside), with something before it
        trailing = i > 0 and all(w == GAP for w in words[i + n :])
        bare_ok = (
            not needs_locative
            and trailing
            and lower[i - 1] not in NOT_LOCATION_BEFORE
            and not _in_subject_phrase(lower, i, i + n)
        )
        if locative or bare_ok:
            phrase = " ".join(words[i - locative : i + n])
            clause = {"term": {"places" if facet == "place" else "nation": value}}
            found.append(Constraint(facet, value, phrase, clause, keep=name))
            drop.update(range(i - locative, i + n))
        i += n
    rest = " ".join(w for j, w in enumerate(words) if j not in drop)
    return rest, found


def read_constraints(
    text: str, places: frozenset[str] = frozenset(), today: dt.date | None = None
) -> tuple[str, list[Constraint]]:
    """(the text left for free-text matching, the constraints read from the rest).

    `places` are the (lower-case) town names the index knows; a query naming one (or a
    nation) where a location is meant asks for courses there (read_locations). Nothing is
    removed if it would leave no words at all and no constraint.
    """
    today = today or dt.date.today()
    rest = text
    found: list[Constraint] = []
    for pattern, action in COMPILED:
        matched: list[Constraint] = []
        candidate = pattern.sub(
            lambda m, a=action, out=matched: out.extend(a(m, today)) or f" {GAP} ", rest
        )
        if candidate == rest:
            continue
        if action is _noise and not candidate.replace(GAP, " ").strip() and not found:
            continue  # "courses" alone: keep it as the query
        found.extend(matched)
        rest = candidate
    rest, located = read_locations(rest, places)
    found = located + found
    rest = rest.replace(GAP, " ")
    seen: set[tuple[str, str]] = set()
    unique = [c for c in found if not ((c.facet, c.value) in seen or seen.add((c.facet, c.value)))]
    return " ".join(rest.split()), unique
