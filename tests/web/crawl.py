"""Walk every page of danvan as each demo role and list what a user should never read.

A page must not show the inside of the program: stored codes of choices (``received``,
``complaint``, ``fixed``…), rule ids and milestone names of the legal rules table, indicator keys,
repository file names, JSON dumps, or Python's ``None``. Only the text a person reads is checked
(text nodes and ``title``/``aria-label``), not the values of ``<option>`` or hidden inputs.

Used by ``tests/web/test_no_internals.py``; it can also be run by hand against a demo database.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse

#: URL names that are not pages of danvan (Django's own admin, language switch, log-out; the API and
#: Open311 answer programs in JSON/XML, and their own tests walk them: tests/api).
SKIPPED_NAMESPACES = {"admin", "api", "open311"}
SKIPPED_NAMES = {"logout", "set_language", "javascript-catalog"}

#: Words that are codes but also ordinary Vietnamese/English text on pages (never a stored code alone).
ALLOWED_WORDS = {"email", "docx", "xlsx", "csv", "pdf", "png", "jpg", "English"}

FILE_NAMES = re.compile(r"\b[\w-]+\.(?:md|py|json|html|txt|toml)\b|\blegal-rules\b|\bholidays\b|\bdjango\b",
                        re.IGNORECASE)


class _Text(HTMLParser):
    """Readable text of a page: text nodes outside <script>/<style>, plus titles and labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "textarea"}:
            self._skip += 1
        for name, value in attrs:
            if name in {"title", "aria-label", "placeholder", "alt"} and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "textarea"} and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def page_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "\n".join(p.strip() for p in parser.parts if p.strip())


def raw_codes() -> set[str]:
    """Every stored code a user must not read: choices of every danvan model and the rules table."""
    from danvan.core.deadlines import default_rules
    from danvan.reporting.models import TemplateIndicator
    from danvan.reporting.sources import known_specs

    codes: set[str] = set()
    for model in apps.get_models():
        if not model.__module__.startswith("danvan."):
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or []:
                if isinstance(value, str) and value != str(label):
                    codes.add(value)
    for rule in default_rules().rules:
        codes.update({rule.id, rule.kind, rule.milestone})
    codes.update(known_specs())
    codes.update(TemplateIndicator.objects.values_list("code", flat=True))
    return {c for c in codes if len(c) >= 3 and re.search(r"[A-Za-z]", c) and c not in ALLOWED_WORDS}


def _nested_parentheses(text: str) -> list[str]:
    """Due-date explanations (lines speaking of a "hạn") with a parenthesis inside a parenthesis."""
    found = []
    for line in text.splitlines():
        if "hạn" not in line.lower():
            continue
        depth = 0
        for char in line:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth > 1:
                found.append(line.strip()[:120])
                break
    return found


def problems_in(text: str, codes: set[str], *, administrator: bool = False) -> list[str]:
    found = []
    words = set(re.findall(r"[\w.-]+", text))
    for code in sorted(codes):
        if code in words or (("." in code or "-" in code) and code in text):
            found.append(f"mã {code!r}")
    for match in FILE_NAMES.finditer(text):
        found.append(f"tên tệp/thư viện {match.group(0)!r}")
    if '{"' in text:
        found.append("JSON")
    if re.search(r"\bNone\b", text):
        found.append("None")
    found.extend(f"mã quy tắc {m!r}" for m in re.findall(r"\bFIELD-[\w-]+", text))
    if not administrator and "cần kiểm tra" in text:
        found.append("(cần kiểm tra) cho người không phải quản trị")
    found.extend(f"ngoặc lồng nhau: {line!r}" for line in _nested_parentheses(text))
    return found


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            if ns in SKIPPED_NAMESPACES:
                continue
            yield from _patterns(entry, f"{namespace}{ns}:" if ns else namespace)
        elif entry.name and entry.name not in SKIPPED_NAMES:
            yield f"{namespace}{entry.name}", entry


def url_names() -> list[str]:
    return sorted({name for name, _ in _patterns(get_resolver())})


def sample_kwargs() -> dict[str, list[dict[str, Any]]]:
    """Arguments for each URL with parameters, taken from the demo (one detail page per module)."""
    from danvan.documents.models import Document, OutgoingDocument
    from danvan.emulation.models import Evidence, ExemplaryModel, Proposal, Scheme
    from danvan.inspections.models import EvidenceFile, Inspection, Recommendation
    from danvan.jobs.models import Job
    from danvan.legal.models import DeadlineRuleRow, DeclaredDay
    from danvan.notifications.models import Notification
    from danvan.org.models import CarryOverRun, Staff, Unit
    from danvan.petitions import notices
    from danvan.petitions.models import Attachment, Petition
    from danvan.plans.models import ACTIVITY_MODELS, Plan, Task, UnitPlan
    from danvan.portal.models import Disclosure, News
    from danvan.reception.models import Commitment, Dialogue, ReceptionEntry, ReceptionSession
    from danvan.reporting.models import ReportRequest, Submission, SubmissionAttachment
    from danvan.surveys import services as survey_services
    from danvan.surveys.models import Survey

    def pks(qs, n=1):
        return [{"pk": pk} for pk in qs.order_by("pk").values_list("pk", flat=True)[:n]]

    unit = Unit.objects.filter(code="tx-thuong-dinh").first() or Unit.objects.first()
    old = Unit.objects.exclude(valid_to=None).order_by("pk")
    units = [{"pk": u.pk} for u in [unit, *old[:1]] if u]
    petitions = Petition.objects.order_by("pk")
    closed = petitions.filter(status="closed")
    one_of_each_state = {}
    for p in petitions:
        one_of_each_state.setdefault(p.status, p.pk)
    rule = DeadlineRuleRow.objects.order_by("pk").first()
    portals = [{"code": c} for c in ("tx-ubnd", "tx-thuong-dinh", "hn-thanh-xuan")
               if Unit.objects.filter(code=c).exists()]
    answered = petitions.filter(published_on__isnull=False).select_related("handling_unit")[:2]
    request = ReportRequest.objects.order_by("pk").first()
    surveys = Survey.objects.filter(unit=unit).order_by("pk")
    unanswered = closed.filter(survey_responses=None, handling_unit=unit).first()
    survey_links = [{"token": survey_services.case_token(s, unanswered)} for s in surveys[:1] if unanswered]
    scheme = Scheme.objects.order_by("pk").first()
    scored = [{"pk": scheme.pk, "unit_pk": pk} for pk in Unit.objects.filter(
        code__in=["tx-thuong-dinh", "tx-kim-giang"]).values_list("pk", flat=True)] if scheme else []
    return {
        "emulation:ranking": pks(Scheme.objects),
        "emulation:ranking_export": [{"pk": p["pk"], "fmt": f} for p in pks(Scheme.objects) for f in ("xlsx", "docx")],
        "emulation:scheme_action": [],  # POST only
        "emulation:criterion_edit": [],  # POST only
        "emulation:sheet": scored,
        "emulation:sheet_export": [{**s, "fmt": f} for s in scored[:1] for f in ("xlsx", "docx")],
        "emulation:manual_points": [],  # POST only
        "emulation:model_detail": pks(ExemplaryModel.objects, 4),
        "emulation:model_action": [],  # POST only
        "emulation:evidence_add": [],  # POST only
        "emulation:evidence_download": pks(Evidence.objects),
        "emulation:decision_export": pks(ExemplaryModel.objects.filter(status="recognised")),
        "emulation:proposal_detail": pks(Proposal.objects, 3),
        "emulation:staff_rate": [],  # POST only
        "emulation:staff_record": pks(Staff.objects.filter(username="cc-td-3")),
        "emulation:proposal_action": [],  # POST only
        "emulation:proposal_export": [{"pk": p["pk"], "what": w} for p in pks(Proposal.objects.filter(
            status="approved")) for w in ("to-trinh", "quyet-dinh")],
        "dashboard:chart": [{"name": "xu-huong"}, {"name": "don-vi"}],  # SVG pictures, numbers beside them
        "carryover:propose": [{"pk": u.pk} for u in Unit.objects.filter(code="tx-ubnd")],
        "carryover:run_detail": pks(CarryOverRun.objects),
        "carryover:run_export": [{"pk": p["pk"], "fmt": f} for p in pks(CarryOverRun.objects)
                                 for f in ("xlsx", "docx")],
        "org:unit_detail": units,
        "org:unit_edit": units[:1],
        "org:responsibility_add": units[:1],
        "org:staff_detail": pks(Staff.objects.filter(unit=unit)),
        "org:staff_edit": pks(Staff.objects.filter(unit=unit)),
        "org:staff_password": pks(Staff.objects.filter(unit=unit)),
        "org:export": [{"what": w, "fmt": "csv"} for w in ("units", "staff")],
        "org:import": [{"what": w} for w in ("units", "staff")],
        "legal:rule_edit": ([{"rule_id": rule.rule_id, "valid_from": rule.valid_from.isoformat()}]
                            if rule and rule.valid_from else []),
        "legal:rule_delete": pks(DeadlineRuleRow.objects),
        "legal:calendar": [{"year": 2026}],
        "legal:day_edit": pks(DeclaredDay.objects),
        "legal:day_delete": pks(DeclaredDay.objects),
        "documents:document_detail": pks(Document.objects),
        "documents:document_edit": pks(Document.objects),
        "documents:document_file": [],  # a file download
        "documents:outgoing_detail": pks(OutgoingDocument.objects),
        "documents:outgoing_sign": [],  # POST only
        "documents:outgoing_issue": [],  # POST only
        "documents:outgoing_file": [{"pk": p["pk"], "fmt": "docx"} for p in pks(OutgoingDocument.objects)],
        "plans:task_detail": pks(Task.objects, 2),
        "plans:unit_plan_detail": pks(UnitPlan.objects),
        "plans:activity_add": [{"kind": k} for k in ACTIVITY_MODELS],
        "plans:plan_detail": pks(Plan.objects),
        "plans:plan_progress": pks(Plan.objects),
        "plans:cascade": pks(Plan.objects),
        "plans:plan_docx": pks(Plan.objects),
        "plans:plan_outgoing": pks(Plan.objects),  # POST only
        "plans:progress_export": [{"pk": p["pk"], "fmt": f} for p in pks(Plan.objects) for f in ("xlsx", "docx")],
        "petitions:petition_export": [{"fmt": "xlsx"}, {"fmt": "docx"}],
        "petitions:petition_detail": [{"pk": pk} for pk in one_of_each_state.values()],
        "petitions:petition_action": [],  # POST only
        "petitions:notice_issue": [{"pk": pk, "which": "acceptance"} for pk in list(one_of_each_state.values())[:2]],
        "petitions:notice": [{"pk": p["pk"], "which": w} for p in pks(closed) for w in list(notices.NOTICE_KINDS)[:1]],
        "petitions:attachment": pks(Attachment.objects),
        "petitions:public_attachment": [],  # a signed file link
        "portal:home": portals,
        "portal:answers": portals,
        "portal:find_answer": portals[:1],
        "portal:disclosure": portals,
        "portal:news_list": portals[:1],
        "portal:documents": portals[:1],
        "portal:answer_detail": [{"code": (p.handling_unit.committee() or p.handling_unit).code, "case": p.code}
                                 for p in answered],
        "portal:news_detail": [{"code": n.committee.code, "pk": n.pk}
                               for n in News.objects.select_related("committee").order_by("pk")[:1]],
        "portal:news_edit": pks(News.objects),
        "portal:disclosure_edit": pks(Disclosure.objects),
        "portal:document_file": [],  # a file download
        "portal:language": [{"lang": "vi"}],  # sets the cookie and goes back
        "reception:session_detail": pks(ReceptionSession.objects),
        "reception:session_edit": pks(ReceptionSession.objects),
        "reception:entry_add": [{"session_pk": p["pk"]} for p in pks(ReceptionSession.objects)],
        "reception:book_export": [{"fmt": "xlsx"}, {"fmt": "docx"}],
        "reception:entry_detail": pks(ReceptionEntry.objects, 2),
        "reception:entry_edit": pks(ReceptionEntry.objects),
        "reception:entry_reply": pks(ReceptionEntry.objects),
        "reception:entry_create_petition": pks(ReceptionEntry.objects),
        "reception:dialogue_detail": pks(Dialogue.objects),
        "reception:dialogue_edit": pks(Dialogue.objects),
        "reception:issue_add": pks(Dialogue.objects),
        "reception:commitment_add": pks(Dialogue.objects),
        "reception:dialogue_minutes": pks(Dialogue.objects),
        "reception:commitment_done": pks(Commitment.objects),
        "inspections:inspection_detail": pks(Inspection.objects),
        "inspections:team_add": [],  # POST only
        "inspections:line_add": [],  # POST only
        "inspections:inspection_step": [],  # POST only
        "inspections:conclude": pks(Inspection.objects),
        "inspections:conclusion_docx": pks(Inspection.objects.filter(status="concluded")),
        "inspections:unit_sheet": [{"pk": i.pk, "unit_pk": u.pk} for i in Inspection.objects.order_by("pk")[:1]
                                   for u in i.units.order_by("path")],
        "inspections:recommendation_add": [],  # POST only
        "inspections:proposal_add": [],  # POST only
        "inspections:recommendation_detail": pks(Recommendation.objects, 2),
        "inspections:recommendation_answer": [],  # POST only
        "inspections:recommendation_complete": [],  # POST only
        "inspections:evidence_file": pks(EvidenceFile.objects),
        "reporting:request_detail": [{"pk": request.pk}] if request else [],
        "reporting:submission_open": [{"pk": request.pk}] if request else [],
        "reporting:consolidation": [{"pk": request.pk}] if request else [],
        "reporting:consolidated_open": [{"pk": request.pk}] if request else [],
        "reporting:consolidated_issue": [{"pk": request.pk}] if request else [],
        "reporting:consolidated_outgoing": [{"pk": request.pk}] if request else [],
        "reporting:consolidation_export": [{"pk": request.pk, "fmt": f} for f in ("xlsx", "docx")] if request else [],
        "reporting:submission_detail": pks(Submission.objects, 3),
        "reporting:submission_action": [{"pk": p["pk"], "action": "nop"} for p in pks(Submission.objects)],
        "reporting:attachment_add": pks(Submission.objects),
        "reporting:attachment_download": pks(SubmissionAttachment.objects),
        "notifications:open": pks(Notification.objects, 3),  # someone's own; 404 for everyone else
        "jobs:detail": pks(Job.objects),  # the person's own (and administrators'); 404 for everyone else
        "jobs:status": pks(Job.objects),
        "jobs:download": pks(Job.objects),
        "plans:plan_import_preview": pks(Job.objects),  # a preview job's page (the demo's job is a save: 404)
        "reporting:consolidation_job": [],  # POST only
        "emulation:ranking_job": [],  # POST only
        "reporting:submission_export": [{"pk": p["pk"], "fmt": f} for p in pks(Submission.objects)
                                        for f in ("xlsx", "docx")],
        "surveys:survey_detail": pks(surveys),
        "surveys:survey_edit": pks(surveys),
        "surveys:survey_results": pks(surveys),
        "surveys:survey_status": [],  # POST only
        "surveys:question_add": [],  # POST only
        "surveys:question_delete": [],  # POST only
        "surveys:answer": [{"key": s.public_key} for s in surveys[:1]],
        "surveys:answer_case": survey_links,  # the link on a closed case's tracking page
    }


def urls_to_visit() -> tuple[list[str], list[str]]:
    """(paths, names without samples): every URL of danvan, with demo arguments where needed."""
    samples = sample_kwargs()
    paths, missing = [], []
    for name, pattern in _patterns(get_resolver()):
        needs_args = bool(pattern.pattern.regex.groupindex) or "<" in str(pattern.pattern)
        if not needs_args:
            paths.append(reverse(name))
        elif name in samples:
            paths.extend(reverse(name, kwargs=kwargs) for kwargs in samples[name])
        else:
            missing.append(name)
    return sorted(set(paths)), missing


def response_text(response) -> str | None:
    """The readable text of a response: HTML pages, CSV and .xlsx exports; None for other files."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    if content_type.startswith("text/html"):
        return page_text(body.decode())
    if content_type.startswith("text/csv"):
        rows = csv.reader(io.StringIO(body.decode("utf-8-sig")))
        return "\n".join(" | ".join(row) for row in rows)
    if "spreadsheetml" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(" | ".join(str(c) for c in row if c is not None)
                         for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    if "wordprocessingml" in content_type:
        from docx import Document

        doc = Document(io.BytesIO(body))
        parts = [p.text for p in doc.paragraphs]
        for table in doc.tables:
            parts.extend(cell.text for row in table.rows for cell in row.cells)
        return "\n".join(parts)
    return None


def crawl(client_for: Callable[[Any], Any], users: list[Any]) -> tuple[dict[str, list[str]], int]:
    """Visit every URL as each user (None = anonymous). Returns ({"user path": problems}, pages seen)."""
    codes = raw_codes()
    paths, _ = urls_to_visit()
    found: dict[str, list[str]] = {}
    seen = 0
    for user in users:
        client = client_for(user)
        for path in paths:
            response = client.get(path)
            if response.status_code in (301, 302, 405):
                continue
            who = getattr(user, "username", "khách")
            if response.status_code >= 500:
                found[f"{who} {path}"] = [f"HTTP {response.status_code}"]
                continue
            text = response_text(response)
            if text is None:
                continue
            seen += 1
            problems = problems_in(text, codes, administrator=getattr(user, "role", "") == "administrator")
            if problems:
                found[f"{who} {path} [{response.status_code}]"] = problems
    return found, seen
