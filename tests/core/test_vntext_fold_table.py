"""Folding through the translation table gives exactly what decomposing the whole text gives."""

from __future__ import annotations

import random
import re
import unicodedata

from danvan.core import vntext


def _reference(value: str) -> str:
    decomposed = unicodedata.normalize("NFD", value.translate(vntext._INVISIBLE))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", stripped.translate(vntext._D_MAP).casefold()).strip()


def test_every_character_folds_as_before():
    assert [c for c in range(0x20, 0x3000) if vntext.fold(chr(c)) != _reference(chr(c))] == []


def test_mixed_texts_fold_as_before():
    pool = [chr(c) for c in [*range(0x20, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00)]]
    pool += ["\u200b", "\ufeff", "α", "й", "\u00a0", "\n", "Đ", "ự"]
    rng = random.Random(7)
    for _i in range(5000):
        text = "".join(rng.choice(pool) for _j in range(rng.randint(0, 40)))
        assert vntext.fold(text) == _reference(text), text
    folded = vntext.fold("  Ủy ban  nhân dân phường Thượng Đình, hoà giải ")
    assert folded == "uy ban nhan dan phuong thuong dinh, hoa giai"
    assert vntext.fold("Khu\u0301c  Ha\u0300o") == "khuc hao"


def test_folding_word_by_word_from_the_cache_gives_what_folding_the_whole_text_gives(monkeypatch):
    letters = [chr(c) for c in [*range(0x41, 0x7B), *range(0xC0, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00)]]
    letters += ["\u200b", "\ufeff", "α", "й", "Đ", "ự", "\u0301", "中"]
    spaces = [" ", "  ", "\t", "\n", "\u00a0", "\u2000", "\u3000", "\x1c", "\u0085", " \u200b "]
    rng = random.Random(11)
    texts = []
    for _i in range(3000):
        words = ["".join(rng.choice(letters) for _j in range(rng.randint(0, 6))) for _k in range(rng.randint(0, 8))]
        texts.append("".join(w + rng.choice(spaces) for w in words))
    for text in texts + texts:  # the second time every word comes from the cache
        assert vntext.fold(text) == _reference(text), repr(text)
    monkeypatch.setattr(vntext, "_FOLDED_WORDS", {})
    monkeypatch.setattr(vntext, "_FOLDED_WORDS_MAX", 0)  # full: words are folded and not kept
    assert all(vntext.fold(text) == _reference(text) for text in texts[:300])
    assert vntext._FOLDED_WORDS == {}
