"""``danvan demo`` is add-only: a second run leaves every row and its history as officers left them."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from danvan.documents import services as documents
from danvan.documents.models import Document, DocumentStatus
from danvan.org import clock
from danvan.org import services as org
from danvan.org.models import Staff, Unit
from danvan.petitions import services as petitions
from danvan.petitions.models import Petition
from danvan.plans import services as plans
from danvan.plans.models import Task, TaskKind, TaskStatus
from danvan.reception.models import Commitment


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", indent=1, stdout=out)
    return out.getvalue()


def _demo() -> None:
    call_command("demo", stdout=io.StringIO())


@pytest.mark.django_db(transaction=False)
def test_second_demo_run_changes_nothing_an_officer_did():
    _demo()
    users = {s.username: s for s in Staff.objects.all()}
    # An officer closes a case of their ward.
    case = Petition.objects.get(subject="Trả kết quả hồ sơ hộ tịch chậm")
    petitions.close(actor=users["canbo"], petition=case, outcome="fixed", on=clock.today(),
                    answer="Đã trả kết quả trích lục và xin lỗi công dân.")
    # The ward finally sends its late 2022 yearly report: the task is done for a period now past.
    report = Task.objects.get(kind=TaskKind.REPORT, lead_unit__code="tx-thuong-dinh", status=TaskStatus.NOT_STARTED)
    plans.set_task_status(actor=users["canbo"], task=report, status=TaskStatus.DONE)
    # The coordinator renames a department; the decree the demo marked replaced is marked in force again.
    org.update_unit(actor=users["admin"], unit=Unit.objects.get(code="tx-vhtt"),
                    name="Phòng Văn hóa, Khoa học và Thông tin", reason="Đổi tên theo quyết định mới")
    decree = Document.objects.get(number_key="4/2015/nd-cp")
    documents.set_status(actor=None, document=decree, status=DocumentStatus.IN_FORCE)

    before = _dump()
    _demo()
    after = _dump()

    assert after == before
    report.refresh_from_db()
    assert report.status == TaskStatus.DONE and report.due_date.year == 2022
    assert Unit.objects.get(code="tx-vhtt").name == "Phòng Văn hóa, Khoa học và Thông tin"


def test_demo_fills_in_what_is_missing(demo_org):
    """A database with the organisation only gets every module's records, once."""
    _demo()
    counts = (Petition.objects.count(), Task.objects.count(), Commitment.objects.count())
    assert all(counts)
    Petition.objects.filter(subject="Trả kết quả hồ sơ hộ tịch chậm").delete()
    _demo()
    assert (Petition.objects.count(), Task.objects.count(), Commitment.objects.count()) == counts
