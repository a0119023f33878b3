"""The main menu: one list of modules, shown in order, each only once its pages exist.

An app adds its entry here when it gains pages; an entry whose URL name is not installed is
hidden, so the menu never links to a page that is not there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from danvan.org import policy


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url_name: str
    prefix: str
    permission: str = ""  # shown only to users the policy allows (e.g. "dashboard.view")


MENU: list[MenuEntry] = [
    MenuEntry(_("Tổng quan"), "home", "/$"),
    MenuEntry(_("Bảng điều hành"), "dashboard:index", "/bang-dieu-hanh/", permission="dashboard.view"),
    MenuEntry(_("Đơn vị"), "org:unit_list", "/don-vi/"),
    MenuEntry(_("Cán bộ"), "org:staff_list", "/can-bo/"),
    MenuEntry(_("Đơn thư"), "petitions:petition_list", "/don-thu/"),
    MenuEntry(_("Tiếp công dân, đối thoại"), "reception:session_list", "/tiep-cong-dan/"),
    MenuEntry(_("Khảo sát hài lòng"), "surveys:survey_list", "/khao-sat/", permission="survey.view"),
    MenuEntry(_("Kế hoạch"), "plans:plan_list", "/ke-hoach/"),
    MenuEntry(_("Kiểm tra"), "inspections:inspection_list", "/kiem-tra/"),
    MenuEntry(_("Văn bản"), "documents:document_list", "/van-ban/"),
    MenuEntry(_("Báo cáo"), "reporting:request_list", "/bao-cao/"),
    MenuEntry(_("Thi đua"), "emulation:index", "/thi-dua/"),
    MenuEntry(_("Thời hạn theo luật"), "legal:rule_list", "/thoi-han/"),
    MenuEntry(_("Trợ lý phân loại"), "triage:accuracy", "/tro-ly-phan-loai/", permission="triage.accuracy"),
    MenuEntry(_("Cổng thông tin"), "portal:manage", "/cong-thong-tin/quan-ly/", permission="portal.disclosure.post"),
]


def menu_for(path: str, user: Any = None) -> list[dict[str, object]]:
    items = []
    for entry in MENU:
        if entry.permission and (user is None or not policy.can(user, entry.permission)):
            continue
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        active = path == "/" if entry.prefix == "/$" else path.startswith(entry.prefix)
        items.append({"label": entry.label, "url": url, "active": active})
    return items
