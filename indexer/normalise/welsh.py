"""Welsh initial-consonant mutations, so "Nghaerdydd", "Fangor" and "gyfrifiadureg" match.

Place names and subject words change their first letter after prepositions and articles
("yng Nghaerdydd", "ym Mangor", "cwrs gyfrifiadureg"). We generate the mutated forms of
our own term lists rather than guess the radical form of every word in the text.
"""

from __future__ import annotations

# radical initial -> (soft, nasal, aspirate); empty string = the consonant drops (g -> -)
_MUTATIONS: dict[str, tuple[str, ...]] = {
    "p": ("b", "mh", "ph"),
    "t": ("d", "nh", "th"),
    "c": ("g", "ngh", "ch"),
    "b": ("f", "m"),
    "d": ("dd", "n"),
    "g": ("", "ng"),
    "m": ("f",),
    "ll": ("l",),
    "rh": ("r",),
}


def mutations(word: str) -> set[str]:
    """The word and its mutated forms (lower case). Two-letter radicals are checked first."""
    word = word.lower()
    forms = {word}
    for radical in ("ll", "rh", "p", "t", "c", "b", "d", "g", "m"):
        if word.startswith(radical):
            if radical in ("d", "c", "p", "t") and word[:2] in ("dd", "ch", "ph", "th"):
                break  # already a mutated or distinct digraph: leave it
            rest = word[len(radical) :]
            forms.update(initial + rest for initial in _MUTATIONS[radical])
            break
    return {form for form in forms if len(form) >= 3}
