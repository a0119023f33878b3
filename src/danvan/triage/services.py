"""The assistant's writes: training a model (offline, by command) and recording what officers chose.

Training reads only the content of triaged cases (subject, content, requested outcome, place) and
the decisions made on them (field, kind, handling unit, triage decision): never a petitioner's
identity, which lives in another table that this module does not touch.
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.org import clock
from danvan.petitions.models import Petition, Status
from danvan.triage.learn import FORMAT, TARGETS, Case, Model, evaluate, split_by_date
from danvan.triage.models import ModelVersion, Outcome
from danvan.triage.text import case_text, place_text

#: The only columns of a case that training and suggesting read.
CONTENT_FIELDS = ("pk", "subject", "content", "requested_outcome", "location", "received_on")
DECISION_FIELDS = ("unit_id", "handling_unit_id", "field_id", "kind", "status", "accepted_on")
MIN_CASES = 20
ACTIVE_KEY = "triage:active-model"  # + the database's name: two databases may share one cache
ACTIVE_SECONDS = 60
_loaded: dict[int, tuple[ModelVersion, Model]] = {}  # the active model, loaded once per process


def model_dir() -> Path:
    return Path(getattr(settings, "TRIAGE_MODEL_DIR", None) or settings.DATA_DIR / "triage")


def decision_of(status: str, accepted_on: date | None) -> str:
    """The triage decision a case's state shows: accepted, forwarded, guided or archived."""
    return {Status.FORWARDED: "forward", Status.GUIDED: "guide", Status.ARCHIVED: "archive"}.get(
        status, "accept" if accepted_on else "")


def case_of(row: dict[str, Any]) -> Case:
    return Case(
        pk=row["pk"],
        text=case_text(row["subject"], row["content"], row["requested_outcome"], row["location"]),
        place=place_text(row["location"], row["content"]),
        received=row["received_on"], unit_id=row["unit_id"], handling_unit_id=row["handling_unit_id"],
        labels={"field": str(row["field_id"]), "kind": row["kind"], "unit": str(row["handling_unit_id"]),
                "decision": decision_of(row["status"], row["accepted_on"])})


def training_cases(since: date | None = None) -> list[Case]:
    """Every triaged case (received on or after ``since``), read as content and decisions only."""
    qs = Petition.objects.filter(triaged_on__isnull=False).order_by("received_on", "pk")
    if since is not None:
        qs = qs.filter(received_on__gte=since)
    return [case_of(row) for row in qs.values(*CONTENT_FIELDS, *DECISION_FIELDS).iterator(chunk_size=5000)]


@dataclass
class HeldOut:
    """A model trained on the cases received before ``cut`` and measured on those received from it."""

    train: int
    test: int
    cut: date | None
    report: dict[str, dict[str, Any]]


def evaluate_held_out(*, since: date | None = None, progress: Callable[[str], Any] | None = None) -> HeldOut:
    """Train on the earlier cases, test on the later ones (about a fifth): as the model will be used."""
    cases = training_cases(since)
    _check_enough(cases)
    train, test = split_by_date(cases)
    if not test:
        return HeldOut(len(train), 0, None, {})
    model = Model.fit(train, progress=progress)
    if progress:
        progress(_("Kiểm tra trên %(n)s hồ sơ nhận sau…") % {"n": len(test)})
    return HeldOut(len(train), len(test), test[0].received, evaluate(model, test, train))


def _check_enough(cases: list[Case]) -> None:
    if len(cases) < MIN_CASES:
        raise ValidationError(_("Chỉ có %(n)s hồ sơ đã phân loại: cần ít nhất %(min)s hồ sơ để trợ lý học.")
                              % {"n": len(cases), "min": MIN_CASES})


def train(*, since: date | None = None, progress: Callable[[str], Any] | None = None) -> ModelVersion:
    """Train a new model on every triaged case, after measuring it on the later ones held out."""
    started = time.perf_counter()
    say = progress or (lambda _text: None)
    cases = training_cases(since)
    _check_enough(cases)
    say(_("Đọc %(n)s hồ sơ đã phân loại.") % {"n": len(cases)})
    train_part, test_part = split_by_date(cases)
    report: dict[str, dict[str, Any]] = {}
    if test_part:
        say(_("Bước 1/2: học trên %(a)s hồ sơ trước, kiểm tra trên %(b)s hồ sơ sau.")
            % {"a": len(train_part), "b": len(test_part)})
        report = evaluate(Model.fit(train_part, progress=say), test_part, train_part)
    say(_("Bước 2/2: học trên toàn bộ %(n)s hồ sơ.") % {"n": len(cases)})
    model = Model.fit(cases, progress=say)
    version = (ModelVersion.objects.order_by("-version").values_list("version", flat=True).first() or 0) + 1
    # Unique: two databases served from one checkout share the data directory.
    name = f"model-{version}-{secrets.token_hex(4)}.joblib"
    _write(model, name)
    with transaction.atomic():
        ModelVersion.objects.filter(is_active=True).update(is_active=False)
        row = ModelVersion.objects.create(
            version=version, trained_at=clock.now(), since=since, cases=len(cases), train_cases=len(train_part),
            test_cases=len(test_part), features=model.features, seconds=round(time.perf_counter() - started, 1),
            held_out={k: {"accuracy": v["accuracy"], "macro_f1": v["macro_f1"], "n": v["n"],
                          "baseline": v.get("baseline", 0.0)} for k, v in report.items()},
            file_name=name)
    _loaded.clear()
    _loaded[row.pk] = (row, model)
    transaction.on_commit(lambda: cache.delete(_active_key()))
    cache.delete(_active_key())
    return row


def _write(model: Model, name: str) -> None:
    import joblib

    folder = model_dir()
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f".{name}.partial"
    joblib.dump(model, partial)
    os.replace(partial, folder / name)


def _active_key() -> str:
    return f"{ACTIVE_KEY}:{settings.DATABASES['default']['NAME']}"


def active_model() -> tuple[ModelVersion, Model] | None:
    """The model that serves suggestions, loaded once per process; ``None`` when none is trained."""
    pk = cache.get(_active_key())
    if pk is None:
        pk = ModelVersion.objects.filter(is_active=True).order_by("-version").values_list("pk", flat=True).first() or 0
        cache.set(_active_key(), pk, ACTIVE_SECONDS)
    if not pk:
        return None
    held = _loaded.get(pk)
    if held is not None:
        return held
    row = ModelVersion.objects.filter(pk=pk).first()
    if row is None:
        cache.delete(_active_key())
        return None
    path = model_dir() / row.file_name
    if not path.exists():
        return None
    import joblib

    model = joblib.load(path)
    if getattr(model, "format", None) != FORMAT:
        return None
    _loaded.clear()
    _loaded[pk] = (row, model)
    return row, model


def text_of(petition: Petition) -> tuple[str, str]:
    return (case_text(petition.subject, petition.content, petition.requested_outcome, petition.location),
            place_text(petition.location, petition.content))


def chosen_values(petition: Petition, decision: str) -> dict[str, str]:
    return {"field": str(petition.field_id), "kind": petition.kind, "unit": str(petition.handling_unit_id),
            "decision": decision}


def record_choice(*, actor: Any, petition: Petition, decision: str) -> list[Outcome]:
    """After triage: for each target, what the assistant suggested first and where the officer's choice stood.

    Called by petitions' triage (``petitions.hooks``); without a trained model it does nothing.
    """
    active = active_model()
    if active is None:
        return []
    row, model = active
    text, _place = text_of(petition)
    x, _p = model.vectors(text, "")
    guesses = model.guesses(x, text, words=0)
    chosen = chosen_values(petition, decision)
    outcomes = []
    for target in TARGETS:
        rows = guesses.get(target)
        if not rows:
            continue
        values = [g.value for g in rows]
        outcomes.append(Outcome(
            petition=petition, model=row, target=target, suggested=values[0][:60],
            probability=rows[0].probability, chosen=chosen[target][:60],
            rank=values.index(chosen[target]) + 1 if chosen[target] in values else 0,
            decided_by=actor, decided_on=clock.today()))
    Outcome.objects.filter(petition=petition).delete()
    return Outcome.objects.bulk_create(outcomes)
