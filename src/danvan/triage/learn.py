"""The assistant's learning, without Django: vectors, one calibrated linear classifier per target,
nearest earlier cases. ``services`` feeds it cases read from the database; the benchmark feeds it
synthetic ones of the same shape.

- Text: TF-IDF over the syllable unigrams and bigrams of :func:`danvan.triage.text.analyze`
  (accented and folded copies), sublinear term frequency, rows of unit length.
- Place: TF-IDF over character trigrams of the folded address (:func:`danvan.triage.text.place_text`),
  so that "ngõ 56 Nguyễn Trãi" meets "ngo 56 nguyen trai" and a typo in a street name.
- Targets: a linear support vector machine per target (field, kind, competent unit, triage decision);
  a target with more than ``WIDE`` values (the units of a large committee) a complement naive Bayes,
  also linear, because a one-against-the-rest SVM grows with the number of values;
  its scores turned into probabilities by Platt's sigmoid fitted on 3-fold cross-validated scores
  (what scikit-learn's ``CalibratedClassifierCV(method="sigmoid", ensemble=False)`` does, with the
  sigmoids fitted for all classes at once: :func:`platt`). The weights and the sigmoids are kept as
  plain arrays: suggesting for one case is a few sparse dot products, with no scikit-learn call
  but the vectoriser's.
- Earlier cases of the same matter: cosine similarity of the text vectors, mixed with the place's
  (``PLACE_WEIGHT``) when both cases name one, among the cases the reader may see and received no
  later than the case at hand.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy import sparse

from danvan.triage.text import analyze, display_words, spelling

TARGETS = ("field", "kind", "unit", "decision")
MIN_CLASS = 3  # a label needs this many cases to be learnt (3-fold calibration)
# The same matter is the same thing at the same place: what the letter says and where weigh alike.
# At 0.3 an earlier letter in the same words about another address (another bar, another ditch)
# often came first: the earlier case of the same matter was listed first for 83 % of the bench's
# recurring generated letters, 90 % at 0.5 (benchmarks/triage.py, ``unseen_phrasings``).
PLACE_WEIGHT = 0.5
PLATT_ROWS = 20_000  # the sigmoids are fitted on at most this many cross-validated scores
COMMON = 0.05  # terms in more than this share of the cases are left out of the neighbour search
MAX_FEATURES = 200_000
WIDE = 40  # a target with more values than this is learnt by complement naive Bayes (see _bayes)
FORMAT = 2  # the artefact's layout; a model saved with another is not loaded


@dataclass(frozen=True)
class Case:
    """A case as the assistant reads it: content only, and the decisions made on it."""

    pk: int
    text: str
    place: str
    received: date
    unit_id: int
    handling_unit_id: int
    labels: dict[str, str] = field(default_factory=dict)


@dataclass
class Guess:
    value: str
    probability: float
    words: list[str]


@dataclass
class Neighbour:
    pk: int
    score: float


@dataclass
class Suggestion:
    guesses: dict[str, list[Guess]]
    neighbours: list[Neighbour]


class Target:
    """One target's linear model with its calibration, as arrays."""

    def __init__(self, classes: np.ndarray, coef: np.ndarray, intercept: np.ndarray, a: np.ndarray,
                 b: np.ndarray) -> None:
        self.classes, self.coef, self.intercept, self.a, self.b = classes, coef, intercept, a, b

    def scores(self, x: sparse.csr_matrix) -> np.ndarray:
        # Only the columns of the case's own terms: a few dozen, whatever the vocabulary.
        return self.coef[:, x.indices] @ x.data.astype(np.float64) + self.intercept

    def probabilities(self, x: sparse.csr_matrix) -> np.ndarray:
        d = self.scores(x)
        if len(self.classes) == 2:
            p1 = 1.0 / (1.0 + np.exp(np.clip(self.a[0] * d[0] + self.b[0], -30, 30)))
            return np.array([1.0 - p1, p1])
        p = 1.0 / (1.0 + np.exp(np.clip(self.a * d + self.b, -30, 30)))
        total = p.sum()
        return p / total if total > 0 else np.full(len(p), 1.0 / len(p))

    def weights_for(self, index: int, columns: np.ndarray) -> np.ndarray:
        if len(self.classes) == 2:
            return self.coef[0, columns] if index == 1 else -self.coef[0, columns]
        return self.coef[index, columns]

    def predict_many(self, X: sparse.csr_matrix) -> np.ndarray:
        d = np.asarray(X @ self.coef.T) + self.intercept
        if len(self.classes) == 2:
            return self.classes[(d[:, 0] > 0).astype(int)]
        return self.classes[np.argmax(d, axis=1)]


def platt(scores: np.ndarray, positive: np.ndarray, iterations: int = 100) -> tuple[np.ndarray, np.ndarray]:
    """Platt's sigmoid ``p = 1 / (1 + exp(a·s + b))`` for each column of ``scores`` at once.

    ``positive[i, c]`` says whether case ``i`` has label ``c``. The same fit as scikit-learn's
    ``CalibratedClassifierCV(method="sigmoid")`` (Platt's targets with the prior correction,
    Newton's method on the cross-entropy), vectorised across the classes: scikit-learn minimises
    class after class, which takes seconds for a few dozen units even on small data.
    """
    n1 = positive.sum(axis=0)
    n0 = positive.shape[0] - n1
    t = np.where(positive, (n1 + 1.0) / (n1 + 2.0), 1.0 / (n0 + 2.0))
    a = np.zeros(scores.shape[1])
    b = np.log((n0 + 1.0) / (n1 + 1.0))
    for _i in range(iterations):
        f = np.clip(scores * a + b, -30, 30)
        p = 1.0 / (1.0 + np.exp(f))
        g = t - p
        w = np.maximum(p * (1 - p), 1e-12)
        ga, gb = (g * scores).sum(axis=0), g.sum(axis=0)
        haa, hab, hbb = (w * scores * scores).sum(axis=0) + 1e-9, (w * scores).sum(axis=0), w.sum(axis=0) + 1e-9
        det = haa * hbb - hab * hab
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if max(np.abs(da).max(), np.abs(db).max()) < 1e-7:
            break
    return a, b


def fit_target(X: sparse.csr_matrix, y: Sequence[str], *, folds: int = 3) -> Target | None:
    """A calibrated linear classifier, or None when fewer than two labels have enough cases.

    The sigmoids are fitted on scores of cases the model did not see (``folds``-fold
    cross-validation); the weights kept are those of a model trained on every case.
    """
    from sklearn.model_selection import StratifiedKFold

    labels = np.asarray(y, dtype=object)
    counts = Counter(labels.tolist())
    keep = np.array([counts[v] >= MIN_CLASS and v != "" for v in labels.tolist()], dtype=bool)
    if len(set(labels[keep].tolist())) < 2:
        return None
    X, labels = X[keep], labels[keep].astype(str)
    make = _svm if len(set(labels.tolist())) <= WIDE else _bayes
    classes, coef, intercept = make(X, labels)
    width = 1 if len(classes) == 2 else len(classes)
    scores = np.zeros((len(labels), width))
    for train, test in StratifiedKFold(n_splits=folds, shuffle=True, random_state=0).split(X, labels):
        _c, fold_coef, fold_intercept = make(X[train], labels[train])
        scores[test] = (np.asarray(X[test] @ fold_coef.T) + fold_intercept).reshape(len(test), width)
    positive = (labels[:, None] == classes[None, -1:]) if width == 1 else (labels[:, None] == classes[None, :])
    if len(labels) > PLATT_ROWS:  # two numbers per value need no more cases than this
        rows = np.random.default_rng(0).choice(len(labels), PLATT_ROWS, replace=False)
        scores, positive = scores[rows], positive[rows]
    a, b = platt(scores, positive)
    return Target(np.asarray(classes), coef, intercept, a, b)


def _svm(X: sparse.csr_matrix, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    from sklearn.svm import LinearSVC

    svm = LinearSVC(C=0.5).fit(X, labels)
    return svm.classes_, np.asarray(svm.coef_, dtype=np.float32), np.asarray(svm.intercept_, dtype=np.float64)


def _bayes(X: sparse.csr_matrix, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Complement naive Bayes, for targets with many values (the competent unit of a big committee).

    Also linear (a weight per syllable and value); trained in one pass over the cases, where a
    one-against-the-rest SVM trains one model per value (hundreds of units: minutes, not seconds).
    The weights are centred across values: the same decisions, and a positive weight then means
    "speaks for this value more than for the others", which is what the explanation shows.
    """
    from sklearn.naive_bayes import ComplementNB

    nb = ComplementNB(alpha=0.3).fit(X, labels)
    coef = np.asarray(nb.feature_log_prob_, dtype=np.float64)
    coef = coef - coef.mean(axis=0, keepdims=True)
    return nb.classes_, coef.astype(np.float32), np.zeros(len(nb.classes_))


class Model:
    """Everything the page needs to suggest, kept in one file (``joblib``)."""

    def __init__(self) -> None:
        self.format = FORMAT  # stored with the file: a model saved in another layout is not loaded
        self.vectorizer: Any = None
        self.place_vectorizer: Any = None
        self.targets: dict[str, Target | None] = {}
        self.ids = np.zeros(0, dtype=np.int64)
        self.units = np.zeros(0, dtype=np.int64)
        self.handling_units = np.zeros(0, dtype=np.int64)
        self.days = np.zeros(0, dtype=np.int32)
        self.X: sparse.csc_matrix | None = None
        self.P: sparse.csc_matrix | None = None
        self.feature_names: np.ndarray = np.zeros(0, dtype=object)
        self.x_keep = np.zeros(0, dtype=bool)
        self.p_keep = np.zeros(0, dtype=bool)
        self.unit_top = 0

    # --- training ------------------------------------------------------------------------------
    @classmethod
    def fit(cls, cases: Sequence[Case], *, progress: Callable[[str], Any] | None = None,
            targets: Iterable[str] = TARGETS) -> Model:
        from sklearn.feature_extraction.text import TfidfVectorizer

        say = progress or (lambda _text: None)
        targets = tuple(targets)
        model = cls()
        started = time.perf_counter()
        say(f"Tách âm tiết, tính TF-IDF cho {len(cases):,} hồ sơ…")
        model.vectorizer = TfidfVectorizer(analyzer=analyze, sublinear_tf=True, min_df=1,
                                           max_features=MAX_FEATURES, dtype=np.float32)
        X = model.vectorizer.fit_transform([c.text for c in cases]).tocsr()
        model.place_vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 3), sublinear_tf=True,
                                                 dtype=np.float32)
        places = [c.place for c in cases]
        if any(places):
            P = model.place_vectorizer.fit_transform(places)
        else:
            model.place_vectorizer = None
            P = sparse.csr_matrix((len(cases), 0), dtype=np.float32)
        model.feature_names = model.vectorizer.get_feature_names_out()
        say(f"  {X.shape[1]:,} đặc trưng ({time.perf_counter() - started:.1f} giây)")
        for number, target in enumerate(targets, start=1):
            step = time.perf_counter()
            say(f"Huấn luyện mục tiêu {number}/{len(targets)}: {target}…")
            model.targets[target] = fit_target(X, [c.labels.get(target, "") for c in cases])
            say(f"  xong ({time.perf_counter() - step:.1f} giây)")
        model.ids = np.array([c.pk for c in cases], dtype=np.int64)
        model.units = np.array([c.unit_id for c in cases], dtype=np.int64)
        model.handling_units = np.array([c.handling_unit_id for c in cases], dtype=np.int64)
        model.days = np.array([c.received.toordinal() for c in cases], dtype=np.int32)
        model.X, model.x_keep = _index(X)
        model.P, model.p_keep = _index(P.tocsr())
        model.unit_top = int(max(model.units.max(initial=0), model.handling_units.max(initial=0)))
        return model

    @property
    def size(self) -> int:
        return len(self.ids)

    @property
    def features(self) -> int:
        return len(self.feature_names)

    # --- suggesting ----------------------------------------------------------------------------
    def vectors(self, text: str, place: str) -> tuple[sparse.csr_matrix, sparse.csr_matrix | None]:
        x = self.vectorizer.transform([text]).tocsr()
        p = self.place_vectorizer.transform([place]).tocsr() if self.place_vectorizer is not None and place else None
        return x, p

    def guesses(self, x: sparse.csr_matrix, text: str, *, top: int = 3, words: int = 5) -> dict[str, list[Guess]]:
        out: dict[str, list[Guess]] = {}
        spelled = spelling(text) if words else {}
        for name, target in self.targets.items():
            if target is None:
                continue
            proba = target.probabilities(x)
            order = np.argsort(-proba)[:top]
            rows = []
            for index in order:
                if not words:
                    rows.append(Guess(str(target.classes[index]), float(proba[index]), []))
                    continue
                weights = target.weights_for(int(index), x.indices) * x.data
                best = [self.feature_names[x.indices[j]] for j in np.argsort(-weights)[: words * 2] if weights[j] > 0]
                rows.append(Guess(str(target.classes[index]), float(proba[index]),
                                  display_words(best, text, spelled)[:words]))
            out[name] = rows
        return out

    def neighbours(self, x: sparse.csr_matrix, p: sparse.csr_matrix | None, *, allowed: Iterable[int] | None,
                   before: date | None = None, exclude: int | None = None, top: int = 5,
                   min_score: float = 0.2) -> list[Neighbour]:
        """The closest earlier cases: cosine of the text vectors, mixed with the place's."""
        if not self.size or not x.nnz:
            return []
        score = _dot(self.X, self.x_keep, x)
        if p is not None and p.nnz and self.P is not None and self.P.shape[1]:
            score = (1 - PLACE_WEIGHT) * score + PLACE_WEIGHT * _dot(self.P, self.p_keep, p)
        if allowed is not None:
            lookup = np.zeros(self.unit_top + 1, dtype=bool)
            ids = np.fromiter(allowed, dtype=np.int64)
            lookup[ids[(ids >= 0) & (ids <= self.unit_top)]] = True
            score[~(lookup[self.handling_units] | lookup[self.units])] = -1
        if before is not None:
            score[self.days > before.toordinal()] = -1
        if exclude is not None:
            score[self.ids == exclude] = -1
        n = min(top, self.size)
        best = np.argpartition(-score, n - 1)[:n]
        best = best[np.argsort(-score[best])]
        return [Neighbour(int(self.ids[i]), float(score[i])) for i in best if score[i] >= min_score]

    def suggest(self, text: str, place: str = "", *, allowed: Iterable[int] | None = None,
                before: date | None = None, exclude: int | None = None) -> Suggestion:
        x, p = self.vectors(text, place)
        return Suggestion(self.guesses(x, text),
                          self.neighbours(x, p, allowed=allowed, before=before, exclude=exclude))


def _index(M: sparse.csr_matrix) -> tuple[sparse.csc_matrix, np.ndarray]:
    """The matrix searched for neighbours: by column, without the terms in more than ``COMMON`` of the cases.

    Such terms ("đề nghị", "phường", the trigram "ngo") weigh little in a cosine (low IDF) but
    would make every search touch every case; leaving them out keeps one search well under a
    millisecond per thousand cases.
    """
    df = np.bincount(M.indices, minlength=M.shape[1])
    keep = df <= max(COMMON * M.shape[0], 20)
    index = (M @ sparse.diags(keep.astype(np.float32))).tocsc()
    index.eliminate_zeros()
    return index, keep


def _dot(index: sparse.csc_matrix, keep: np.ndarray, q: sparse.csr_matrix) -> np.ndarray:
    """Each case's cosine with ``q`` over the kept terms (rows of unit length: TF-IDF's l2 norm)."""
    cols = q.indices[keep[q.indices]]
    data = q.data[keep[q.indices]].astype(np.float32)
    out = np.zeros(index.shape[0], dtype=np.float32)
    if len(cols):
        out += np.asarray(index[:, cols] @ data, dtype=np.float32).ravel()
    return out


# --- held-out evaluation ---------------------------------------------------------------------------

def split_by_date(cases: Sequence[Case], share: float = 0.2) -> tuple[list[Case], list[Case]]:
    """Earlier cases to train on, later ones to test on (about ``share`` of them), cut at a day."""
    ordered = sorted(cases, key=lambda c: (c.received, c.pk))
    if len(ordered) < 10:
        return ordered, []
    cut_day = ordered[int(len(ordered) * (1 - share))].received
    train = [c for c in ordered if c.received < cut_day]
    test = [c for c in ordered if c.received >= cut_day]
    if not train:
        return ordered, []
    return train, test


def evaluate(model: Model, test: Sequence[Case], train: Sequence[Case] = ()) -> dict[str, dict[str, Any]]:
    """Accuracy, macro-F1 and the confusion table of each target on ``test``.

    Given the ``train`` cases, also ``baseline``: the accuracy of always answering the value most
    frequent in them (what a model that learnt nothing scores; the decision is "accept" for most
    cases, so its accuracy alone says little).
    """
    from sklearn.metrics import confusion_matrix, f1_score

    report: dict[str, dict[str, Any]] = {}
    if not test:
        return report
    X = model.vectorizer.transform([c.text for c in test]).tocsr()
    for name, target in model.targets.items():
        if target is None:
            continue
        truth = np.array([c.labels.get(name, "") for c in test], dtype=object).astype(str)
        predicted = target.predict_many(X).astype(str)
        labels = [v for v, _n in Counter(truth.tolist() + predicted.tolist()).most_common()]
        report[name] = {
            "n": len(truth),
            "accuracy": float(np.mean(truth == predicted)),
            "macro_f1": float(f1_score(truth, predicted, labels=sorted(set(truth.tolist())), average="macro",
                                       zero_division=0)),
            "labels": labels,
            "confusion": confusion_matrix(truth, predicted, labels=labels).tolist(),
        }
        common = Counter(c.labels.get(name, "") for c in train).most_common(1)
        if common:
            report[name]["baseline"] = float(np.mean(truth == common[0][0]))
    return report
