"""Data-quality warnings in plain English and Welsh, and the completeness score.

Providers read these on their report page ("what could not be understood"), so each
message names the field the way a person would and quotes the phrase we struggled with.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from indexer.schema import Bilingual, Quality, Warning

# field -> (English noun phrase, Welsh noun phrase)
FIELD_NAMES: dict[str, tuple[str, str]] = {
    "title": ("the course title", "teitl y cwrs"),
    "description": ("the course description", "disgrifiad y cwrs"),
    "level": ("the level", "y lefel"),
    "credits": ("the credits", "y credydau"),
    "duration": ("how long the course lasts", "hyd y cwrs"),
    "cost": ("the cost", "y gost"),
    "mode": (
        "how the course is taught (online, in person or blended)",
        "sut mae'r cwrs yn cael ei gyflwyno (ar-lein, wyneb yn wyneb neu gyfunol)",
    ),
    "start": ("the start date", "y dyddiad dechrau"),
    "language": ("the language of teaching", "iaith yr addysgu"),
    "credential_type": ("the type of course", "y math o gwrs"),
    "location": ("where the course is taught", "ble mae'r cwrs yn cael ei gynnal"),
    "subjects": ("the subject", "y pwnc"),
}

# code -> (English template, Welsh template); {field} and {phrase} are filled in.
MESSAGES: dict[str, tuple[str, str]] = {
    "missing": (
        "The page does not say {field}.",
        "Nid yw'r dudalen yn nodi {field}.",
    ),
    "unreadable": (
        'We could not understand {field} from "{phrase}".',
        'Nid oeddem yn gallu deall {field} o "{phrase}".',
    ),
    "ambiguous": (
        'The wording of {field} could mean more than one thing: "{phrase}".',
        'Gallai geiriad {field} olygu mwy nag un peth: "{phrase}".',
    ),
    "assumed_framework": (
        'The level "{phrase}" does not name a framework, so we used the usual one for the provider\'s nation.',
        'Nid yw\'r lefel "{phrase}" yn enwi fframwaith, felly defnyddiwyd yr un arferol ar gyfer gwlad y darparwr.',
    ),
    "year_of_study": (
        'At a university, "{phrase}" may mean the year of study rather than a qualification level.',
        'Mewn prifysgol, gall "{phrase}" olygu blwyddyn astudio yn hytrach na lefel cymhwyster.',
    ),
    "hours_from_credits": (
        "Study hours were worked out from the credits (10 hours for each credit).",
        "Cyfrifwyd yr oriau astudio o'r credydau (10 awr am bob credyd).",
    ),
    "hours_conflict": (
        'The hours stated in "{phrase}" do not match the credits (10 hours for each credit).',
        "Nid yw'r oriau yn \"{phrase}\" yn cyfateb i'r credydau (10 awr am bob credyd).",
    ),
    "days_only": (
        'The length is given in days without the hours: "{phrase}".',
        'Rhoddir yr hyd mewn diwrnodau heb yr oriau: "{phrase}".',
    ),
    "from_description": (
        "How long the course lasts was taken from the description.",
        "Cymerwyd hyd y cwrs o'r disgrifiad.",
    ),
    "no_home_fee": (
        'Only a fee for international learners is given: "{phrase}".',
        'Dim ond ffi i ddysgwyr rhyngwladol a roddir: "{phrase}".',
    ),
    "past_date": (
        'A start date has already passed: "{phrase}".',
        'Mae dyddiad dechrau eisoes wedi mynd heibio: "{phrase}".',
    ),
    "year_assumed": (
        'The start date has no year, so we took the next one: "{phrase}".',
        'Nid oes blwyddyn i\'r dyddiad dechrau, felly cymerwyd yr un nesaf: "{phrase}".',
    ),
    "inferred": (
        'We worked out {field} from "{phrase}".',
        'Cafodd {field} ei gyfrifo o "{phrase}".',
    ),
    "unrecognised_term": (
        'The course type "{phrase}" is not one we recognise, so it is listed as "other".',
        'Nid ydym yn adnabod y math o gwrs "{phrase}", felly fe\'i rhestrir fel "arall".',
    ),
}

# Fields that make a listing useful to a learner; completeness is the share of them we know.
CORE_FIELDS = (
    "title",
    "description",
    "level",
    "credits",
    "duration",
    "cost",
    "mode",
    "start",
    "credential_type",
    "location",
)
# Codes meaning "we do not know this field"; the others are notes on a value we did fill.
_UNKNOWN = {"missing", "unreadable"}
_DOUBTFUL = {"ambiguous", "year_of_study", "no_home_fee", "days_only"}

MAX_PHRASE = 200


@lru_cache(maxsize=4096)
def warn(field: str, code: str, phrase: str | None = None) -> Warning:
    """Build one warning with both languages filled in.

    Memoised: the same few warnings recur across a catalogue. A Warning is never changed
    after it is made, so courses may share one (as the memoised normalisers already do).
    """
    en_field, cy_field = FIELD_NAMES.get(field, (field, field))
    en_tpl, cy_tpl = MESSAGES[code]
    shown = (phrase or "")[:MAX_PHRASE]
    return Warning(
        field=field,
        code=code,
        message=Bilingual(
            en=en_tpl.format(field=en_field, phrase=shown),
            cy=cy_tpl.format(field=cy_field, phrase=shown),
        ),
        phrase=shown or None,
    )


def completeness(warnings: Iterable[Warning]) -> float:
    """Share of CORE_FIELDS known: unknown fields count 0, doubtful ones 0.5."""
    score = dict.fromkeys(CORE_FIELDS, 1.0)
    for warning in warnings:
        if warning.field not in score:
            continue
        if warning.code in _UNKNOWN:
            score[warning.field] = 0.0
        elif warning.code in _DOUBTFUL:
            score[warning.field] = min(score[warning.field], 0.5)
    return round(sum(score.values()) / len(score), 3)


def build_quality(warnings: list[Warning]) -> Quality:
    return Quality(completeness=completeness(warnings), warnings=warnings)
