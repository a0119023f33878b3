"""The learning part without the database: text reading, calibration, neighbours."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from danvan.datagen.texts import vary, with_typos, without_marks
from danvan.triage.learn import Case, Model, fit_target, split_by_date
from danvan.triage.text import analyze, case_text, display_words, place_text


def test_text_is_read_accented_and_folded_in_syllable_unigrams_and_bigrams():
    features = analyze("Quán karaoke ngõ 56")
    assert {"quán", "karaoke", "quán karaoke", "ngõ 56", "quan", "quan karaoke", "ngo 56"} <= set(features)
    # A letter typed without marks shares its folded features with the accented one.
    assert set(analyze("quan karaoke ngo 56")) <= set(features)
    assert display_words(["quan karaoke", "ngo"], "Quán karaoke ngõ 56") == ["quán karaoke", "ngõ"]
    assert place_text("Phường Kim Giang", "Quán ở số 18 Kim Giang, ngõ 56 phố Nguyễn Trãi") == \
        "phuong kim giang ; so 18 ; ngo 56 ; pho nguyen trai"


def test_probabilities_are_calibrated_as_scikit_learn_calibrates_them():
    rng = np.random.default_rng(1)
    X = sparse.random(120, 60, density=0.2, format="csr", random_state=1)
    y = np.where(np.asarray(X[:, :5].sum(axis=1)).ravel() + rng.normal(scale=0.1, size=120) > 0.5, "b", "a")
    ours = fit_target(X, y)
    reference = CalibratedClassifierCV(LinearSVC(C=0.5), method="sigmoid", ensemble=False,
                                       cv=StratifiedKFold(n_splits=3, shuffle=True, random_state=0)).fit(X, y)
    for i in range(10):
        assert np.allclose(ours.probabilities(X[i]), reference.predict_proba(X[i])[0], atol=1e-4)


def test_split_by_date_trains_on_earlier_cases_and_tests_on_later_ones():
    cases = [Case(i, "x", "", date(2026, 1, 1) + timedelta(days=i), 1, 1) for i in range(50)]
    train, test = split_by_date(cases)
    assert max(c.received for c in train) < min(c.received for c in test)
    assert len(test) == 10


def test_generated_texts_vary_in_wording_typos_and_missing_diacritics():
    import random

    rng = random.Random(3)
    template = ("Quán karaoke gây ồn sau 23 giờ tại ngõ {lane} {street}",
                "Quán karaoke tại ngõ {lane} phố {street} hát đến khuya nhiều đêm liền.")
    texts = {vary(*template, {"lane": 56, "street": "Kim Giang", "group": 3}, rng) for _i in range(40)}
    assert len(texts) > 10
    assert any(s.isascii() and c.isascii() for s, c in texts)  # typed on a phone without diacritics
    assert all("56" in s + c for s, c in texts)
    assert without_marks("Đường Nguyễn Trãi") == "Duong Nguyen Trai"
    assert with_typos("quán karaoke hát khuya", random.Random(1), 1) != "quán karaoke hát khuya"


def test_the_nearest_earlier_case_is_the_same_matter_within_the_allowed_units():
    texts = ["quán karaoke số 18 Kim Giang hát đến 1 giờ sáng", "rác tồn đọng đầu ngõ 5 Quan Nhân bốc mùi",
             "cống thoát nước phố Hạ Đình bị tắc gây ngập", "đèn chiếu sáng ngõ 12 Khương Trung hỏng"] * 5
    cases = [Case(i, t, place_text("", t), date(2026, 1, 1) + timedelta(days=i), unit_id=1 + i % 2,
                  handling_unit_id=1 + i % 2, labels={"field": str(i % 4)}) for i, t in enumerate(texts)]
    model = Model.fit(cases, targets=("field",))
    found = model.suggest("hat karaoke o so 18 kim giang on qua dem", allowed=[1], before=date(2026, 12, 31))
    assert found.neighbours and all(cases[n.pk].unit_id == 1 for n in found.neighbours)
    assert "karaoke" in texts[found.neighbours[0].pk]
    assert found.guesses["field"][0].value == "0" and "karaoke" in found.guesses["field"][0].words
    assert abs(sum(g.probability for g in model.suggest("rác").guesses["field"]) - 1) < 0.3
    assert model.suggest("karaoke", before=date(2025, 1, 1)).neighbours == []


def test_the_address_decides_between_earlier_letters_in_the_same_words():
    """A bar at another address, raised in the very words of the new letter, is not the same matter.

    On the words alone the letter about the other address is the closer one (the earlier letter of
    the same matter was typed without diacritics, in other words): the place makes the difference.
    """
    from danvan.datagen.generator import SUBJECTS
    from danvan.datagen.texts import phrasings

    karaoke = phrasings(*next(t for t in SUBJECTS["trat-tu-do-thi"] if "karaoke" in t[0]))

    def case(pk, values, phrasing, ward, *, plain=False):
        subject, content = (t.format(**values) for t in karaoke[phrasing])
        if plain:
            subject, content = without_marks(subject), without_marks(content)
        location = f"Phường {ward}, ngõ {values['lane']} {values['street']}"
        return Case(pk, case_text(subject, content, "", location), place_text(location, content),
                    date(2026, 1, 1) + timedelta(days=pk), 1, 1, {"field": "x"})

    here = {"lane": 306, "street": "Nguyễn Huy Tưởng", "group": 1}
    same_matter = case(0, here, 0, "Nghĩa Đô", plain=True)
    same_words = case(1, {**here, "street": "Chính Kinh"}, 2, "Đại Kim")
    others = [case(2 + i, {"lane": 10 + i, "street": s, "group": 1}, i % 3, "Khương Mai")
              for i, s in enumerate(["Kim Giang", "Nguyễn Trãi", "Trường Chinh", "Láng", "Bạch Mai"] * 4)]
    model = Model.fit([same_matter, same_words, *others], targets=())
    new = case(99, here, 2, "Nghĩa Đô")
    x, _p = model.vectors(new.text, "")
    assert [n.pk for n in model.neighbours(x, None, allowed=None)[:2]] == [1, 0]  # words alone
    found = model.suggest(new.text, new.place, before=date(2026, 12, 31)).neighbours
    assert [n.pk for n in found[:2]] == [0, 1]
