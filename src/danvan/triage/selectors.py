"""Reads for the triage assistant's pages: the suggestions beside a case's triage form, and its accuracy.

Without a trained model :func:`triage_panel` answers ``None`` and the case page is what petitions
alone shows. With one, a fixed number of queries whatever the number of cases: the labels of the
suggested fields and units, and the earlier cases (inside the reader's scope, ``policy.unit_q``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _

from danvan.org import policy
from danvan.org.models import Unit
from danvan.petitions.forms import TRIAGE_CHOICES
from danvan.petitions.models import Field, Kind, Petition
from danvan.triage import services
from danvan.triage.learn import TARGETS, Suggestion
from danvan.triage.models import ModelVersion, Outcome, Target
from danvan.triage.permissions import SUGGEST


def _decision_labels() -> dict[str, str]:
    return {value: str(label) for value, label in TRIAGE_CHOICES}


def value_labels(values: dict[str, set[str]]) -> dict[str, dict[str, str]]:
    """Each target's stored values by their Vietnamese names (fields and units: one query each)."""
    field_ids = [int(v) for v in values.get("field", ()) if v.isdigit()]
    unit_ids = [int(v) for v in values.get("unit", ()) if v.isdigit()]
    return {
        "field": {str(pk): name for pk, name in Field.objects.filter(pk__in=field_ids).values_list("pk", "name")}
        if field_ids else {},
        "kind": {value: str(label) for value, label in Kind.choices},
        "unit": {str(pk): name for pk, name in Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name")}
        if unit_ids else {},
        "decision": _decision_labels(),
    }


def suggestion_for(user: Any, petition: Petition) -> tuple[ModelVersion, Suggestion] | None:
    active = services.active_model()
    if active is None:
        return None
    row, model = active
    text, place = services.text_of(petition)
    allowed = policy.scope_unit_ids(user)
    return row, model.suggest(text, place, allowed=allowed, before=petition.received_on, exclude=petition.pk)


def triage_panel(user: Any, petition: Petition) -> dict[str, Any] | None:
    """The suggestions panel of a case waiting for triage, or ``None`` (no model, or not for this user)."""
    if not policy.can(user, SUGGEST, petition):
        return None
    found = suggestion_for(user, petition)
    if found is None:
        return None
    row, suggestion = found
    labels = value_labels({t: {g.value for g in rows} for t, rows in suggestion.guesses.items()})
    targets = []
    for target in TARGETS:
        rows = suggestion.guesses.get(target)
        if not rows:
            continue
        targets.append({
            "label": Target(target).label,
            "current": _current_label(target, petition),
            "rows": [{"label": labels[target].get(g.value) or _("Đơn vị, lĩnh vực không còn dùng"),
                      "percent": round(g.probability * 100), "words": g.words} for g in rows],
        })
    scores = {n.pk: n.score for n in suggestion.neighbours}
    earlier = []
    if scores:
        visible = Petition.objects.filter(policy.unit_q(user, "handling_unit") | policy.unit_q(user, "unit"),
                                          pk__in=list(scores)).select_related("handling_unit").only(
            "pk", "code", "subject", "received_on", "status", "location", "handling_unit__name")
        by_pk = {p.pk: p for p in visible}
        earlier = [{"petition": by_pk[pk], "percent": round(score * 100)}
                   for pk, score in scores.items() if pk in by_pk]
    return {"template": "triage/panel.html", "targets": targets, "earlier": earlier, "model": row}


def _current_label(target: str, petition: Petition) -> str:
    if target == "field":
        return petition.field.name
    if target == "kind":
        return petition.get_kind_display()
    if target == "unit":
        return petition.handling_unit.name
    return ""


def accuracy(user: Any) -> dict[str, Any]:
    """The assistant's real accuracy: how often the officer's choice was its first suggestion, or among three.

    Per month and target (one GROUP BY), and the models with their held-out figures (one query).
    """
    policy.require(user, "triage.accuracy")
    rows = (Outcome.objects.annotate(month=TruncMonth("decided_on")).values("month", "target")
            .annotate(n=Count("pk"), first=Count("pk", filter=Q(rank=1)),
                      three=Count("pk", filter=Q(rank__gte=1)))
            .order_by("-month", "target"))
    months: dict[Any, dict[str, Any]] = {}
    order = {t: i for i, t in enumerate(TARGETS)}
    for r in rows:
        month = months.setdefault(r["month"], {"month": r["month"], "targets": []})
        month["targets"].append({"label": Target(r["target"]).label, "n": r["n"], "order": order[r["target"]],
                                 "first": round(100 * r["first"] / r["n"]), "three": round(100 * r["three"] / r["n"])})
    for month in months.values():
        month["targets"].sort(key=lambda t: t["order"])
    models = []
    for m in ModelVersion.objects.order_by("-version")[:12]:
        models.append({"row": m, "held_out": [
            {"label": Target(t).label, "accuracy": round(100 * v["accuracy"]), "macro_f1": round(100 * v["macro_f1"]),
             "baseline": round(100 * v["baseline"]) if "baseline" in v else None}
            for t in TARGETS if (v := m.held_out.get(t))]})
    return {"months": list(months.values()), "models": models}
