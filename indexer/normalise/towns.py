"""Campus towns named in the location or mode text, reported by their English name.

The gazetteer (data/towns.yaml) is ours: UK towns with their Welsh names. Welsh names are
also matched in their mutated forms ("ym Mhen-y-bont ar Ogwr" -> Bridgend).
"""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.normalise.refdata import load_yaml
from indexer.normalise.text import ascii_fold, fold
from indexer.normalise.welsh import mutations

_WORD = re.compile(r"[\w']+")


def _key(text: str) -> str:
    """Accent-free, lower case, hyphens as spaces: "Pen-y-bont" and "Pen y bont" agree."""
    return " ".join(_WORD.findall(ascii_fold(text.lower())))


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """(name key -> English name, first word -> name lengths in words, longest first).

    Looked up word by word: a dictionary probe per word is far cheaper than one regex
    alternation of several hundred names tried at every position.
    """
    names: dict[str, str] = {}
    for nation, towns in load_yaml("towns.yaml").items():
        for town in towns:
            english = town["en"]
            variants = [english, *town.get("cy", []), *town.get("also", [])]
            for variant in variants:
                forms = {_key(variant)}
                # Welsh names mutate; so do Welsh-origin names used in English ("Bangor",
                # "Llanelli") but not English names with their own Welsh form ("Mold").
                welsh_origin = nation == "wales" and not town.get("cy")
                if variant in town.get("cy", []) or (welsh_origin and variant == english):
                    forms |= {_key(form) for form in mutations(variant)}
                for form in forms:
                    names.setdefault(form, english)
    lengths: dict[str, set[int]] = {}
    for name in names:
        words = name.split(" ")
        lengths.setdefault(words[0], set()).add(len(words))
    return names, {word: tuple(sorted(n, reverse=True)) for word, n in lengths.items()}


def find_towns(*texts: str | None) -> list[str]:
    """English names of the towns named in `texts`, in order of first mention."""
    names, starts = _gazetteer()
    found: list[str] = []
    for text in texts:
        folded = fold(text)
        if not folded:
            continue
        words = _WORD.findall(_key(folded))
        i = 0
        while i < len(words):
            for n in starts.get(words[i], ()):
                town = names.get(" ".join(words[i : i + n]))
                if town is not None:
                    if town not in found:
                        found.append(town)
                    i += n - 1
                    break
            i += 1
    return found
