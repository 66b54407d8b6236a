"""Language of delivery: en, cy or bilingual.

Only what the text says about teaching counts: a Welsh page does not mean Welsh-medium
teaching (devsets README, "Language").
"""

from __future__ import annotations

import re

from indexer.normalise.text import clean, fold
from indexer.schema import Delivery

_BILINGUAL = re.compile(
    r"bilingual|dwyieithog|ddwyieithog|welsh and english|english and welsh|"
    r"cymraeg a saesneg|saesneg a chymraeg|in both languages|yn y ddwy iaith"
)
_WELSH = re.compile(
    r"welsh[- ]medium|medium of welsh|taught in welsh|delivered in welsh|through welsh|"
    r"in the welsh language|\bin welsh\b|^welsh$|"
    r"cyfrwng cymraeg|gyfrwng y gymraeg|cyfrwng y gymraeg|trwy'r gymraeg|drwy'r gymraeg|"
    r"\byn gymraeg\b|^cymraeg$"
)


def normalise_language(text: str | None) -> tuple[Delivery, str | None]:
    """(language of delivery, the phrase as stated); English when nothing says otherwise."""
    folded = fold(text)
    if _BILINGUAL.search(folded):
        return "bilingual", clean(text)
    if _WELSH.search(folded):
        return "cy", clean(text)
    return "en", clean(text)
