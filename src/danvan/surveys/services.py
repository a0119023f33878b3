"""Writes of surveys: building a survey, opening and closing it, a citizen's answers, PAPI scores.

Each officer's write asks the policy (``actor=None`` is the system: demo, commands), cleans text,
refuses bad input with a Vietnamese message naming the field, writes history and refuses a stale
edit. A citizen's answers need no log-in: one response per token (the browser's cookie, or the
closed case of a signed link), enforced by unique constraints so that two posts make one response.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from danvan.core import papi
from danvan.core.sipas import SCALE, is_satisfied_scale
from danvan.core.vntext import clean_text
from danvan.org import clock, policy
from danvan.org.audit import check_version, record_change
from danvan.org.models import Unit
from danvan.petitions.models import Field, Petition, Status
from danvan.surveys.models import (
    Answer,
    Dimension,
    PapiScore,
    Question,
    QuestionKind,
    Response,
    Survey,
    SurveyStatus,
    Target,
)

CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE)
CONDITION_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.SCALE)
MAX_OPTIONS = 12
TEXT_ANSWER_LENGTH = 2000
_CASE_SALT = "danvan.surveys.case"


def _text(value: Any, multiline: bool = False) -> str:
    if value is None:
        return ""
    return clean_text(strip_tags(str(value)), multiline=multiline)


def _lines(value: Any) -> list[str]:
    return [line for line in (_text(x) for x in str(value or "").splitlines()) if line]


# --- building a survey ----------------------------------------------------------------------------


def _check_survey(values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Hãy nhập tên phiếu khảo sát.")
    if values["target"] not in Target.values:
        errors["target"] = _("Hãy chọn đối tượng khảo sát trong danh sách.")
    if values["target"] == Target.SERVICE and values.get("field") is None:
        errors["field"] = _("Phiếu khảo sát một dịch vụ phải chọn dịch vụ, lĩnh vực.")
    if values["starts_on"] and values["ends_on"] and values["ends_on"] < values["starts_on"]:
        errors["ends_on"] = _("Ngày kết thúc phải sau hoặc bằng ngày bắt đầu.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_survey(*, actor: Any, unit: Unit, title: str, target: str, starts_on: date, ends_on: date,
                  intro: str = "", field: Field | None = None) -> Survey:
    if actor is not None:
        policy.require(actor, "survey.change", unit)
    values = {"title": _text(title), "intro": _text(intro, multiline=True), "target": target,
              "field": field if target != Target.UNIT else None, "starts_on": starts_on, "ends_on": ends_on}
    _check_survey(values)
    survey = Survey(unit=unit, created_by=actor, **values)
    record_change(survey, actor, _("Tạo phiếu khảo sát"))
    survey.save()
    return survey


@transaction.atomic
def update_survey(*, actor: Any, survey: Survey, version: int | None, title: str, target: str, starts_on: date,
                  ends_on: date, intro: str = "", field: Field | None = None) -> Survey:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if actor is not None:
        policy.require(actor, "survey.change", survey.unit)
    check_version(survey, version, _("Phiếu khảo sát"))
    values = {"title": _text(title), "intro": _text(intro, multiline=True), "target": target,
              "field": field if target != Target.UNIT else None, "starts_on": starts_on, "ends_on": ends_on}
    _check_survey(values)
    if survey.status != SurveyStatus.DRAFT and (values["target"] != survey.target or values["field"] != survey.field):
        raise ValidationError({"target": _("Phiếu đã nhận ý kiến nên không đổi được đối tượng khảo sát.")})
    for key, value in values.items():
        setattr(survey, key, value)
    survey.version += 1
    record_change(survey, actor, _("Sửa phiếu khảo sát"))
    survey.save()
    return survey


def _check_question(survey: Survey, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    kind, options = values["kind"], values["options"]
    if not values["text"]:
        errors["text"] = _("Hãy nhập nội dung câu hỏi.")
    if kind not in QuestionKind.values:
        errors["kind"] = _("Hãy chọn loại câu hỏi trong danh sách.")
    if kind in CHOICE_KINDS:
        if len(options) < 2:
            errors["options"] = _("Câu hỏi chọn phải có ít nhất hai phương án, mỗi phương án một dòng.")
        elif len(options) > MAX_OPTIONS:
            errors["options"] = _("Câu hỏi chọn có nhiều nhất %(n)s phương án.") % {"n": MAX_OPTIONS}
        elif len({o.casefold() for o in options}) < len(options):
            errors["options"] = _("Có phương án bị trùng; mỗi phương án phải khác nhau.")
    elif options:
        errors["options"] = _("Chỉ câu hỏi chọn một hoặc chọn nhiều mới có phương án; hãy xóa các dòng phương án.")
    if kind == QuestionKind.SCALE and not values["aspect"]:
        errors["aspect"] = _("Câu hỏi thang điểm 1–5 phải gắn với một yếu tố SIPAS để tính chỉ số hài lòng.")
    if kind == QuestionKind.TEXT and values["aspect"]:
        errors["aspect"] = _("Câu hỏi trả lời tự do không tính điểm nên không gắn yếu tố SIPAS.")
    satisfied = values["satisfied_options"]
    if kind in CHOICE_KINDS and values["aspect"] and "options" not in errors:
        folded = {o.casefold() for o in options}
        if not satisfied:
            errors["satisfied_options"] = _("Câu hỏi chọn có yếu tố SIPAS phải ghi những phương án được tính là "
                                            "hài lòng (mỗi dòng một phương án).")
        elif any(s.casefold() not in folded for s in satisfied):
            errors["satisfied_options"] = _("Phương án tính là hài lòng phải chép đúng một phương án của câu hỏi.")
    elif satisfied and not (kind in CHOICE_KINDS and values["aspect"]):
        errors["satisfied_options"] = _("Chỉ câu hỏi chọn có yếu tố SIPAS mới ghi phương án tính là hài lòng.")
    condition, wanted = values["condition_question"], values["condition_values"]
    if condition is not None:
        if condition.survey_id != survey.pk:
            errors["condition_question"] = _("Câu hỏi điều kiện phải thuộc cùng phiếu khảo sát.")
        elif condition.kind not in CONDITION_KINDS:
            errors["condition_question"] = _("Chỉ đặt điều kiện theo câu hỏi chọn hoặc thang điểm, không theo câu "
                                             "trả lời tự do.")
        elif not wanted:
            errors["condition_values"] = _("Hãy ghi câu trả lời nào của câu trước thì hỏi câu này (mỗi dòng một).")
        elif condition.kind == QuestionKind.SCALE:
            if any(w not in {str(v) for v in SCALE} for w in wanted):
                errors["condition_values"] = _("Câu điều kiện là thang điểm: hãy ghi các điểm từ 1 đến 5, mỗi dòng "
                                               "một điểm.")
        elif any(w.casefold() not in {o.casefold() for o in condition.option_list} for w in wanted):
            errors["condition_values"] = _("Mỗi câu trả lời điều kiện phải chép đúng một phương án của câu %(n)s.") % {
                "n": condition.order}
    elif wanted:
        errors["condition_question"] = _("Hãy chọn câu hỏi điều kiện, hoặc xóa các câu trả lời điều kiện.")
    if errors:
        raise ValidationError(errors)


def _require_draft(survey: Survey) -> None:
    if survey.status != SurveyStatus.DRAFT:
        raise ValidationError(_("Phiếu đã mở nhận ý kiến nên không sửa được câu hỏi (để kết quả so sánh được). "
                                "Hãy tạo phiếu mới nếu cần hỏi khác."))


@transaction.atomic
def add_question(*, actor: Any, survey: Survey, text: str, kind: str, aspect: str = "", required: bool = True,
                 help_text: str = "", options: str = "", satisfied_options: str = "",
                 condition_question: Question | None = None, condition_values: str = "") -> Question:
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if actor is not None:
        policy.require(actor, "survey.change", survey.unit)
    _require_draft(survey)
    values = {"text": _text(text), "help_text": _text(help_text), "kind": kind, "aspect": aspect or "",
              "required": bool(required), "options": _lines(options), "satisfied_options": _lines(satisfied_options),
              "condition_question": condition_question, "condition_values": _lines(condition_values)}
    _check_question(survey, values)
    if values["kind"] in CHOICE_KINDS:  # store the options as the officer wrote them, in their case
        by_fold = {o.casefold(): o for o in values["options"]}
        values["satisfied_options"] = [by_fold[s.casefold()] for s in values["satisfied_options"]]
    if condition_question is not None and condition_question.kind in CHOICE_KINDS:
        by_fold = {o.casefold(): o for o in condition_question.option_list}
        values["condition_values"] = [by_fold[w.casefold()] for w in values["condition_values"]]
    last = survey.questions.aggregate(m=Max("order"))["m"] or 0
    question = Question(survey=survey, order=last + 1, **{
        k: "\n".join(v) if isinstance(v, list) else v for k, v in values.items()})
    record_change(question, actor, _("Thêm câu hỏi"))
    question.save()
    return question


@transaction.atomic
def delete_question(*, actor: Any, question: Question) -> None:
    survey = Survey.objects.select_for_update().get(pk=question.survey_id)
    if actor is not None:
        policy.require(actor, "survey.change", survey.unit)
    _require_draft(survey)
    if question.dependents.exists():
        raise ValidationError(_("Có câu hỏi khác chỉ hỏi khi trả lời câu này; hãy xóa câu đó trước."))
    record_change(question, actor, _("Xóa câu hỏi"))
    question.delete()


@transaction.atomic
def set_status(*, actor: Any, survey: Survey, version: int | None, status: str) -> Survey:
    """Open a draft to answers, or close an open survey (a closed one takes no more answers)."""
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if actor is not None:
        policy.require(actor, "survey.change", survey.unit)
    check_version(survey, version, _("Phiếu khảo sát"))
    allowed = {SurveyStatus.DRAFT: SurveyStatus.OPEN, SurveyStatus.OPEN: SurveyStatus.CLOSED}
    if allowed.get(survey.status) != status:
        raise ValidationError(_("Phiếu đang ở trạng thái “%(s)s” nên không chuyển được như vậy.") % {
            "s": SurveyStatus(survey.status).label})
    if status == SurveyStatus.OPEN:
        questions = list(survey.questions.all())
        if not questions:
            raise ValidationError(_("Phiếu chưa có câu hỏi nào; hãy thêm câu hỏi trước khi mở nhận ý kiến."))
        if not any(q.scored for q in questions):
            raise ValidationError(_("Phiếu chưa có câu hỏi nào gắn yếu tố SIPAS nên không tính được chỉ số hài "
                                    "lòng; hãy thêm ít nhất một câu thang điểm 1–5."))
    survey.status = status
    survey.version += 1
    record_change(survey, actor, SurveyStatus(status).label)
    survey.save()
    return survey


# --- answering ------------------------------------------------------------------------------------


def _matches(question: Question, raw: Mapping[int, list[str]]) -> bool:
    given = raw.get(question.condition_question_id, [])
    wanted = {w.casefold() for w in question.condition_list}
    return any(g.casefold() in wanted for g in given)


def visible_questions(questions: Iterable[Question], raw: Mapping[int, list[str]]) -> list[Question]:
    """The questions shown for the answers given so far, in order: a conditional question shows when
    the question it depends on is shown and its answer matches one of the condition's values."""
    shown: list[Question] = []
    shown_ids: set[int] = set()
    for question in questions:
        if question.condition_question_id is None or (
                question.condition_question_id in shown_ids and _matches(question, raw)):
            shown.append(question)
            shown_ids.add(question.pk)
    return shown


def clean_answers(questions: Iterable[Question], raw: Mapping[int, list[str]]) -> tuple[
        dict[int, list[str]], dict[int, str]]:
    """The answers to the shown questions, checked; returns (answers, errors by question id)."""
    answers: dict[int, list[str]] = {}
    errors: dict[int, str] = {}
    for question in questions:
        given = [_text(v, multiline=question.kind == QuestionKind.TEXT) for v in raw.get(question.pk, [])]
        given = [v for v in given if v]
        if not given:
            if question.required:
                errors[question.pk] = (_("Hãy viết câu trả lời.") if question.kind == QuestionKind.TEXT
                                       else _("Hãy chọn một câu trả lời."))
            continue
        if question.kind == QuestionKind.SCALE:
            if len(given) != 1 or given[0] not in {str(v) for v in SCALE}:
                errors[question.pk] = _("Hãy chọn một điểm từ 1 đến 5.")
                continue
        elif question.kind in CHOICE_KINDS:
            options = {o.casefold(): o for o in question.option_list}
            if any(g.casefold() not in options for g in given) or (
                    question.kind == QuestionKind.SINGLE and len(given) != 1):
                errors[question.pk] = _("Hãy chọn trong các phương án đã cho.")
                continue
            given = list(dict.fromkeys(options[g.casefold()] for g in given))
        else:
            if len(given) != 1:
                errors[question.pk] = _("Hãy viết một câu trả lời.")
                continue
            if len(given[0]) > TEXT_ANSWER_LENGTH:
                errors[question.pk] = _("Câu trả lời dài quá %(n)s ký tự; hãy viết ngắn lại.") % {
                    "n": TEXT_ANSWER_LENGTH}
                continue
        answers[question.pk] = given
    return answers, errors


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def already_answered(survey: Survey, token: str) -> bool:
    return Response.objects.filter(survey=survey, token_hash=token_hash(token)).exists()


class AlreadyAnswered(ValidationError):
    """This browser or this case has answered the survey already."""


def _answer_rows(question: Question, values: list[str]) -> list[Answer]:
    rows = []
    satisfied_options = {s.casefold() for s in question.satisfied_list}
    for value in values:
        if question.kind == QuestionKind.SCALE:
            number = int(value)
            rows.append(Answer(question=question, number=number,
                               satisfied=is_satisfied_scale(number) if question.aspect else None))
        elif question.kind in CHOICE_KINDS:
            rows.append(Answer(question=question, text=value,
                               satisfied=(value.casefold() in satisfied_options) if question.aspect else None))
        else:
            rows.append(Answer(question=question, text=value))
    return rows


@transaction.atomic
def submit_response(*, survey: Survey, token: str, raw: Mapping[int, list[str]],
                    petition: Petition | None = None, on: date | None = None) -> Response:
    """Save one person's answers (the shown questions only); refuses a second answer for the token or case."""
    if survey.status != SurveyStatus.OPEN:
        raise ValidationError(_("Phiếu khảo sát này không còn nhận ý kiến."))
    if petition is not None and petition.status != Status.CLOSED:
        raise ValidationError(_("Hồ sơ chưa kết thúc nên chưa khảo sát được."))
    if petition is not None and Response.objects.filter(petition=petition).exists():
        raise AlreadyAnswered(_("Hồ sơ này đã có phiếu trả lời khảo sát. Cảm ơn bạn."))
    if already_answered(survey, token):
        raise AlreadyAnswered(_("Bạn đã trả lời phiếu khảo sát này. Cảm ơn bạn."))
    questions = list(survey.questions.all())
    shown = visible_questions(questions, raw)
    answers, errors = clean_answers(shown, raw)
    if errors:
        raise ValidationError({str(pk): message for pk, message in errors.items()})
    if not answers:
        raise ValidationError(_("Bạn chưa trả lời câu nào."))
    unit = petition.handling_unit if petition is not None else survey.unit
    try:
        with transaction.atomic():
            response = Response.objects.create(survey=survey, unit=unit, petition=petition,
                                               token_hash=token_hash(token), answered_on=on or clock.today())
    except IntegrityError as exc:  # the same token or case posted twice at the same moment
        raise AlreadyAnswered(_("Bạn đã trả lời phiếu khảo sát này. Cảm ơn bạn.")) from exc
    by_id = {q.pk: q for q in shown}
    rows = []
    for pk, values in answers.items():
        for row in _answer_rows(by_id[pk], values):
            row.response = response
            rows.append(row)
    Answer.objects.bulk_create(rows)
    return response


# --- the offer on a closed case's tracking page ----------------------------------------------------


def case_token(survey: Survey, petition: Petition) -> str:
    return signing.dumps({"s": survey.pk, "p": petition.pk}, salt=_CASE_SALT, compress=True)


def read_case_token(token: str) -> tuple[int, int] | None:
    try:
        data = signing.loads(token, salt=_CASE_SALT)
        return int(data["s"]), int(data["p"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def case_response_token(petition: Petition) -> str:
    """The token of a case's response (one per case, whichever survey)."""
    return f"case:{petition.pk}"


# --- PAPI -----------------------------------------------------------------------------------------


def parse_printed(value: str) -> Decimal:
    """A score as the report prints it ("6,25" or "6.25") as a number; ValueError if it is not one."""
    text = _text(value).replace(" ", "").replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not number.is_finite() or number.as_tuple().exponent < -4:
        raise ValueError(text)
    return number


@transaction.atomic
def save_papi_year(*, actor: Any, province: str, year: int, printed: Mapping[str, str], source: str,
                   is_demo: bool = False) -> list[PapiScore]:
    """Store a province's dimension scores for a year as printed (a correction replaces a typing mistake)."""
    if actor is not None:
        policy.require(actor, "papi.change")
    province, source = _text(province), _text(source)
    errors: dict[str, str] = {}
    if not province:
        errors["province"] = _("Hãy nhập tên tỉnh, thành phố.")
    if not source:
        errors["source"] = _("Hãy ghi nguồn: báo cáo PAPI năm nào, trang hoặc bảng nào.")
    try:
        dimensions = papi.dimensions_for(int(year))
    except (TypeError, ValueError):
        errors["year"] = _("Chỉ số PAPI cấp tỉnh có từ năm %(y)s; hãy nhập năm từ %(y)s trở đi.") % {
            "y": papi.FIRST_YEAR}
        dimensions = ()
    scores: dict[str, tuple[Decimal, str]] = {}
    for dimension in Dimension.values:
        value = _text(printed.get(dimension, ""))
        if dimension not in dimensions:
            if value:
                errors[dimension] = _("Báo cáo PAPI trước năm %(y)s chỉ có 6 chỉ số nội dung; hãy để trống ô này.") % {
                    "y": papi.EIGHT_FROM}
            continue
        if not value:
            errors[dimension] = _("Hãy nhập điểm như in trong báo cáo, ví dụ 5,25.")
            continue
        try:
            number = parse_printed(value)
        except ValueError:
            errors[dimension] = _("“%(v)s” không phải một điểm; hãy nhập số như in trong báo cáo, ví dụ 5,25.") % {
                "v": value}
            continue
        if not papi.MIN_SCORE <= number <= papi.MAX_SCORE:
            errors[dimension] = _("Điểm chỉ số nội dung PAPI từ %(a)s đến %(b)s.") % {
                "a": papi.MIN_SCORE, "b": papi.MAX_SCORE}
            continue
        scores[dimension] = (number, value.replace(".", ","))
    if errors:
        raise ValidationError(errors)
    saved = []
    existing = {s.dimension: s for s in PapiScore.objects.select_for_update().filter(province=province, year=year)}
    for dimension, (number, text) in scores.items():
        row = existing.get(dimension) or PapiScore(province=province, year=year, dimension=dimension)
        if row.pk and row.score == number and row.printed == text and row.source == source:
            saved.append(row)
            continue
        row.score, row.printed, row.source, row.is_demo = number, text, source, is_demo
        record_change(row, actor, _("Nhập điểm PAPI"))
        row.save()
        saved.append(row)
    return saved
