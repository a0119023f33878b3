"""Every write of the portal: news items and disclosure items (answers are published in petitions)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, looks_like_markup
from danvan.documents.models import Document
from danvan.org import clock, policy
from danvan.org.audit import check_version, record_change
from danvan.org.models import Staff, Unit, UnitKind
from danvan.portal.models import Disclosure, DisclosureCategory, News
from danvan.portal.permissions import DISCLOSURE_POST, NEWS_EDIT

MAX_BODY = 20_000  # characters of a news item or a disclosure's details
MAX_POSTED_DAYS = 3 * 366


def _text(value: str | None, field: str, errors: dict[str, str], *, required: bool = False, limit: int = 255,
          multiline: bool = False) -> str:
    text = clean_text(value, multiline=multiline)
    if required and not text:
        errors[field] = _("Hãy nhập nội dung ô này.")
    elif len(text) > limit:
        errors[field] = _("Nội dung dài quá %(n)s ký tự: hãy rút gọn.") % {"n": f"{limit:,}".replace(",", ".")}
    elif looks_like_markup(text):
        errors[field] = _("Hãy nhập văn bản thường, không nhập mã HTML.")
    return text


def _committee(committee: Unit) -> Unit:
    if committee.kind != UnitKind.COMMITTEE:
        raise ValidationError(_("Chỉ ủy ban nhân dân có cổng thông tin."))
    return committee


def _news_values(*, title: str, summary: str, body: str, publish_on: date | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values = {
        "title": _text(title, "title", errors, required=True),
        "summary": _text(summary, "summary", errors, limit=500),
        "body": _text(body, "body", errors, required=True, limit=MAX_BODY, multiline=True),
        "publish_on": publish_on or clock.today(),
    }
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def create_news(*, actor: Staff, committee: Unit, title: str, summary: str = "", body: str,
                publish_on: date | None = None) -> News:
    """A news item of the committee, written by its Culture and Information office."""
    policy.require(actor, NEWS_EDIT, committee)
    values = _news_values(title=title, summary=summary, body=body, publish_on=publish_on)
    news = News(committee=_committee(committee), office=actor.unit or committee, created_by=actor, **values)
    record_change(news, actor, _("Đăng tin"))
    news.save()
    return news


@transaction.atomic
def update_news(*, actor: Staff, news: News, version: int | str | None, title: str, summary: str = "", body: str,
                publish_on: date | None = None, withdrawn: bool = False) -> News:
    news = News.objects.select_for_update().select_related("committee").get(pk=news.pk)
    policy.require(actor, NEWS_EDIT, news.committee)
    check_version(news, version, _("Tin này"))
    for field, value in _news_values(title=title, summary=summary, body=body, publish_on=publish_on).items():
        setattr(news, field, value)
    news.withdrawn = bool(withdrawn)
    news.version += 1
    record_change(news, actor, _("Gỡ tin") if withdrawn else _("Sửa tin"))
    news.save()
    return news


def _disclosure_values(*, category: str, title: str, body: str, decided_on: date | None, posted_on: date | None,
                       posted_days: int | None, place: str, document: Document | None) -> dict[str, Any]:
    errors: dict[str, str] = {}
    posted_on = posted_on or clock.today()
    values = {
        "category": category,
        "title": _text(title, "title", errors, required=True),
        "body": _text(body, "body", errors, limit=MAX_BODY, multiline=True),
        "decided_on": decided_on, "posted_on": posted_on, "posted_days": posted_days or 30,
        "place": _text(place, "place", errors),
        "document": document,
    }
    if category not in DisclosureCategory.values:
        errors["category"] = _("Hãy chọn nhóm nội dung công khai.")
    if not 1 <= values["posted_days"] <= MAX_POSTED_DAYS:
        errors["posted_days"] = _("Thời gian công khai từ 1 đến %(n)s ngày.") % {"n": MAX_POSTED_DAYS}
    if decided_on is not None and decided_on > posted_on:
        errors["decided_on"] = _("Ngày ban hành, quyết định ở sau ngày niêm yết: hãy kiểm tra lại.")
    if document is not None and not document.is_public:
        errors["document"] = _("Văn bản kèm theo phải được đánh dấu công khai trong danh mục văn bản.")
    if errors:
        raise ValidationError(errors)
    return values


@transaction.atomic
def create_disclosure(*, actor: Staff, committee: Unit, category: str, title: str, body: str = "",
                      decided_on: date | None = None, posted_on: date | None = None, posted_days: int | None = 30,
                      place: str = "", document: Document | None = None) -> Disclosure:
    """Post an item the committee must make public, for a number of days."""
    policy.require(actor, DISCLOSURE_POST, committee)
    values = _disclosure_values(category=category, title=title, body=body, decided_on=decided_on,
                                posted_on=posted_on, posted_days=posted_days, place=place, document=document)
    item = Disclosure(committee=_committee(committee), created_by=actor, **values)
    record_change(item, actor, _("Niêm yết công khai"))
    item.save()
    return item


@transaction.atomic
def update_disclosure(*, actor: Staff, item: Disclosure, version: int | str | None, category: str, title: str,
                      body: str = "", decided_on: date | None = None, posted_on: date | None = None,
                      posted_days: int | None = 30, place: str = "", document: Document | None = None) -> Disclosure:
    item = Disclosure.objects.select_for_update().select_related("committee").get(pk=item.pk)
    policy.require(actor, DISCLOSURE_POST, item.committee)
    check_version(item, version, _("Nội dung công khai này"))
    values = _disclosure_values(category=category, title=title, body=body, decided_on=decided_on,
                                posted_on=posted_on, posted_days=posted_days, place=place, document=document)
    for field, value in values.items():
        setattr(item, field, value)
    item.version += 1
    record_change(item, actor, _("Sửa nội dung công khai"))
    item.save()
    return item
