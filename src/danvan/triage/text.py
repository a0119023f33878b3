"""How the assistant reads a case: the text normalised the way search is, cut into syllables.

Pure Python (no Django): the training command, the page and the benchmark share it, and the
stored model refers to :func:`analyze` by name. Only the case's content is read — subject, content,
requested outcome and the place of the matter — never who sent it.

Vietnamese words are made of syllables separated by spaces ("giải phóng mặt bằng"), so syllable
unigrams and bigrams stand in for words without a word segmenter. Each text is read twice: in NFC
with its diacritics, and folded (``danvan.core.vntext.fold``: no marks, đ→d) as a phone without a
Vietnamese keyboard types it; a letter typed without marks still meets the same case typed with them.
"""

from __future__ import annotations

import re
from itertools import pairwise

from danvan.core.vntext import fold, nfc

_WORD = re.compile(r"\w+")
# Places inside a letter: "số 18", "ngõ 56", "ngách 4", "tổ 12", "phố Kim Giang", "đường Nguyễn Trãi".
_PLACE = re.compile(r"\b(?:so|ngo|ngach|hem|kiet|to|to dan pho|pho|duong|khu|chung cu|cho|cong vien)"
                    r"\s+(?:\d+[a-z]?|[a-z]+(?:\s+[a-z]+){0,2})")


def syllables(text: str) -> list[str]:
    return _WORD.findall(nfc(text).casefold())


def analyze(text: str) -> list[str]:
    """Syllable unigrams and bigrams of the accented text and of its folded copy."""
    features: list[str] = []
    accented = syllables(text)
    folded = _WORD.findall(fold(text))
    for seq in (accented, folded) if accented != folded else (accented,):
        features.extend(seq)
        features.extend(f"{a} {b}" for a, b in pairwise(seq))
    return features


def place_text(location: str, content: str) -> str:
    """The address of the matter: the case's place and every place named in its text, folded."""
    found = _PLACE.findall(fold(content))
    return " ; ".join([fold(location), *found]).strip(" ;")


def case_text(subject: str, content: str, requested: str = "", location: str = "") -> str:
    """The one text a case is read as (its content fields only)."""
    return "\n".join(part for part in (subject, content, requested, location) if part)


def spelling(text: str) -> dict[str, str]:
    """Each folded unigram and bigram of ``text`` as the text spells it (with its diacritics)."""
    accented = syllables(text)
    folded = [fold(s) for s in accented]
    spelled: dict[str, str] = {}
    for n in (1, 2):
        for i in range(len(accented) - n + 1):
            spelled.setdefault(" ".join(folded[i:i + n]), " ".join(accented[i:i + n]))
    return spelled


def display_words(features: list[str], text: str, spelled: dict[str, str] | None = None) -> list[str]:
    """Features as a person reads them: a folded feature shown with the case's own diacritics."""
    spelled = spelling(text) if spelled is None else spelled
    seen: set[str] = set()
    words = []
    for feature in features:
        key = fold(feature)
        if key in seen:
            continue
        seen.add(key)
        words.append(spelled.get(key, feature))
    return words
