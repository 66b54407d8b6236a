"""Campus towns from location and mode text, Welsh names and mutations included."""

import pytest

from indexer.normalise.towns import find_towns


@pytest.mark.parametrize(
    ("texts", "towns"),
    [
        (("Swansea campus",), ["Swansea"]),
        (("Campws Abertawe",), ["Swansea"]),
        (("Online and Llanelli Campus",), ["Llanelli"]),
        (("Ar-lein a Campws Caerfyrddin",), ["Carmarthen"]),
        (("Campws Pen-y-bont ar Ogwr",), ["Bridgend"]),
        (("ar ein campws ym Mhen-y-bont ar Ogwr",), ["Bridgend"]),
        (("yng Nghaerdydd",), ["Cardiff"]),
        (("ym Mangor",), ["Bangor"]),
        (("Campws y Drenewydd",), ["Newtown"]),
        (("Canolfan Yr Wyddgrug",), ["Mold"]),
        (("Glasgow City Campus",), ["Glasgow"]),
        (("Omagh campus",), ["Omagh"]),
        (("Online (UK-wide)",), []),
        ((None, "Face to face at our Wrexham campus"), ["Wrexham"]),
        (("Cardiff Bay Campus", "Face to face at our Newport campus"), ["Cardiff", "Newport"]),
        (("Training room, unit 4",), []),
    ],
)
def test_find_towns(texts, towns):
    assert find_towns(*texts) == towns


def test_english_words_are_not_mutated_welsh_towns():
    # "Mold" must not make "fold" a town; only Welsh names mutate.
    assert find_towns("Please fold the leaflet") == []
