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
