"""Who may see and change emulation records (registered in the one policy module).

The council of a committee (Hội đồng Thi đua – Khen thưởng) works through the committee's
leaders and its Internal Affairs office, the council's standing body: they keep the scheme, enter
manual points and freeze the year. A ward never scores itself: a ward's chairman is a leader of
the ward, not of the committee that scores it. A unit sees its own sheet; the ranking is seen by
the council (and inspectors of the committee) at any time, by the scored units once published.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role, Unit

COUNCIL_ROLES = {Role.LEADER, Role.COORDINATOR}
WRITERS = {Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR}

SCHEME_MANAGE = "emulation.scheme.manage"
POINTS_EDIT = "emulation.points.edit"
SHEET_VIEW = "emulation.sheet.view"
RANKING_VIEW = "emulation.ranking.view"
MODEL_VIEW = "emulation.model.view"
MODEL_CHANGE = "emulation.model.change"
MODEL_REVIEW = "emulation.model.review"
PROPOSAL_VIEW = "emulation.proposal.view"
PROPOSAL_CHANGE = "emulation.proposal.change"
PROPOSAL_REVIEW = "emulation.proposal.review"



def committee_of(user: Any) -> Unit | None:
    unit = getattr(user, "unit", None)
    if unit is None:
        return None
    cached = getattr(user, "_danvan_committee", False)
    if cached is False:
        cached = unit.committee()
        user._danvan_committee = cached
    return cached


def is_council(user: Any, committee: Unit | None) -> bool:
    """Whether ``user`` acts for the emulation council of ``committee`` (its leaders, its Internal Affairs office)."""
    if committee is None or getattr(user, "role", None) not in COUNCIL_ROLES:
        return False
    own = committee_of(user)
    return own is not None and own.pk == committee.pk


@policy.register(SCHEME_MANAGE)
def _scheme_manage(user: Any, obj: Any) -> bool:
    """``obj``: a scheme, or the committee a scheme would belong to (nothing asks without one: the page
    offers a new scheme for the committees whose council the person is, ``views._council_committees``)."""
    committee = obj if isinstance(obj, Unit) or obj is None else obj.unit
    return is_council(user, committee)


@policy.register(POINTS_EDIT)
def _points_edit(user: Any, obj: Any) -> bool:
    """``obj`` has ``scheme`` (and the scored ``unit``): only the scheme's council enters manual points."""
    return is_council(user, obj.scheme.unit)


@policy.register(SHEET_VIEW)
def _sheet_view(user: Any, obj: Any) -> bool:
    """``obj`` has ``scheme`` and ``unit``: the unit's own people and whoever sees the unit (the council above it)."""
    return policy.in_scope(user, obj.unit)


def _within(user: Any, unit: Unit) -> bool:
    own = getattr(user, "unit", None)
    return own is not None and own.is_within(unit)


@policy.register(RANKING_VIEW)
def _ranking_view(user: Any, scheme: Any) -> bool:
    if scheme is None:
        return policy.is_administrator(user) or user.unit_id is not None
    if policy.in_scope(user, scheme.unit):
        return True
    return bool(scheme.published) and _within(user, scheme.unit)


@policy.register(MODEL_VIEW)
def _model_view(user: Any, model: Any) -> bool:
    if model is None:
        return policy.is_administrator(user) or user.unit_id is not None
    if policy.in_scope(user, model.unit):
        return True
    reviewing = getattr(model, "reviewing_unit", None)
    return reviewing is not None and policy.in_scope(user, reviewing)


@policy.register(MODEL_CHANGE)
def _model_change(user: Any, model: Any) -> bool:
    """Registering and editing a model: the people of the registering unit, before the council decides."""
    if getattr(user, "role", None) not in WRITERS or user.unit_id is None:
        return False
    if model is None:
        return True
    return policy.in_scope(user, model.unit)


@policy.register(MODEL_REVIEW)
def _model_review(user: Any, model: Any) -> bool:
    """Reviewing and recognising: the council of the committee the model was nominated to."""
    return is_council(user, getattr(model, "reviewing_unit", None))


@policy.register(PROPOSAL_VIEW)
def _proposal_view(user: Any, proposal: Any) -> bool:
    """The proposing unit's people and the reviewing committee's; a responsibility proposal (it names a
    person's faults) only the proposing unit's heads, the person's own unit head and the council."""
    if proposal is None:
        return policy.is_administrator(user) or user.unit_id is not None
    if getattr(proposal, "kind", "") == "discipline":
        if is_council(user, proposal.reviewing_unit) or policy.is_administrator(user):
            return True
        return getattr(user, "role", None) in policy.HEAD_ROLES and policy.in_scope(user, proposal.unit)
    return policy.in_scope(user, proposal.unit) or policy.in_scope(user, proposal.reviewing_unit)


@policy.register(PROPOSAL_CHANGE)
def _proposal_change(user: Any, proposal: Any) -> bool:
    """Drafting and submitting: the heads of the proposing unit (a unit head, a ward's chairman) and the
    Internal Affairs office."""
    if getattr(user, "role", None) not in {Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR} or user.unit_id is None:
        return False
    return proposal is None or policy.in_scope(user, proposal.unit)


@policy.register(PROPOSAL_REVIEW)
def _proposal_review(user: Any, proposal: Any) -> bool:
    return is_council(user, getattr(proposal, "reviewing_unit", None))


# --- staff: ratings and training ------------------------------------------------------------------

STAFF_QUALITY_VIEW = "staff.quality.view"
STAFF_RATING_VIEW = "staff.rating.view"
STAFF_RATING_CHANGE = "staff.rating.change"
STAFF_TRAINING_CHANGE = "staff.training.change"

#: Who keeps a unit's ratings and training records: its head (a unit head, a ward's chairman; or the head of a
#: unit above it) and the Internal Affairs office of its committee.
STAFF_KEEPERS = {Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR}


def _unit_of(obj: Any) -> Unit | None:
    return obj if isinstance(obj, Unit) or obj is None else getattr(obj, "unit", None)


@policy.register(STAFF_QUALITY_VIEW)
def _staff_quality_view(user: Any, obj: Any) -> bool:
    """A unit's counts per rating level and its training records: whoever sees the unit. ``obj``: the unit."""
    if obj is None:
        return policy.is_administrator(user) or user.unit_id is not None
    return policy.in_scope(user, _unit_of(obj))


@policy.register(STAFF_RATING_VIEW)
def _staff_rating_view(user: Any, obj: Any) -> bool:
    """Individual ratings are personal data (Decree 90/2020): the head of the unit or of a unit above it, the
    Internal Affairs office and administrators; everyone else sees the counts. ``obj``: the unit, or a rating."""
    if policy.is_administrator(user):
        return True
    if getattr(user, "role", None) not in STAFF_KEEPERS or user.unit_id is None:
        return False
    return policy.in_scope(user, _unit_of(obj))


@policy.register(STAFF_RATING_CHANGE)
def _staff_rating_change(user: Any, obj: Any) -> bool:
    """Entering a rating: the head of the unit or of a unit above it, or the Internal Affairs office (never an
    administrator, who keeps the system, not the staff). ``obj``: the unit, or a rating."""
    if getattr(user, "role", None) not in STAFF_KEEPERS or user.unit_id is None:
        return False
    return obj is None or policy.in_scope(user, _unit_of(obj))


@policy.register(STAFF_TRAINING_CHANGE)
def _staff_training_change(user: Any, obj: Any) -> bool:
    return _staff_rating_change(user, obj)
