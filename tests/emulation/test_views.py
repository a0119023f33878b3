"""Emulation pages as people use them: a ward's own sheet and the published ranking, the council's manual
points with their history, exports reopened, and direct links refused outside one's unit."""

from __future__ import annotations

import zipfile
from io import BytesIO

import openpyxl
import pytest
from docx import Document as DocxDocument

from danvan.documents.render import check_docx
from danvan.emulation import services
from danvan.emulation.models import Evidence, ExemplaryModel, ManualPoints, Scheme
from danvan.jobs.models import Job
from danvan.org.models import Staff, Unit
from tests.jobs.helpers import post, run_queued


@pytest.fixture
def scene(full_demo):
    staff = {s.username: s for s in Staff.objects.select_related("unit")}
    units = {u.code: u for u in Unit.objects.all()}
    return staff, units, Scheme.objects.get(unit__code="tx-ubnd", year=2026)


def _docx_text(data: bytes) -> str:
    doc = DocxDocument(BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return "\n".join(parts)


@pytest.mark.django_db
def test_a_ward_sees_its_own_sheet_and_the_published_ranking_only(scene, client_for):
    staff, units, scheme = scene
    client = client_for(staff["canbo"])  # an officer of ward Thượng Đình
    own = client.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{units['tx-thuong-dinh'].pk}/")
    assert own.status_code == 200
    assert "Phiếu chấm điểm thi đua" in own.content.decode() and 'data-testid="manual-form"' not in own.content.decode()
    other = client.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{units['tx-kim-giang'].pk}/")
    assert other.status_code == 403
    assert client.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{units['tx-kim-giang'].pk}/phieu.xlsx").status_code == 403
    ranking = client.get(f"/thi-dua/bang-diem/{scheme.pk}/")
    assert ranking.status_code == 200 and "UBND phường Kim Giang" in ranking.content.decode()
    services.set_published(actor=None, scheme=scheme, published=False)
    assert client.get(f"/thi-dua/bang-diem/{scheme.pk}/").status_code == 403
    assert client.get(f"/thi-dua/bang-diem/{scheme.pk}/xep-hang.xlsx").status_code == 403
    assert client.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{units['tx-thuong-dinh'].pk}/").status_code == 200


@pytest.mark.django_db
def test_the_sheet_opens_down_to_the_overdue_cases_that_cost_points(scene, client_for):
    staff, units, scheme = scene
    client = client_for(staff["ct-tx-kim-giang"])
    html = client.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{units['tx-kim-giang'].pk}/").content.decode()
    section = html.split('data-formula="cases_overdue"')[1].split("</section>")[0]
    assert "quá hạn từ" in section and "/don-thu/" in section


@pytest.mark.django_db
def test_only_the_council_enters_manual_points_with_a_reason_kept_in_history(scene, client_for):
    staff, units, scheme = scene
    manual = scheme.criteria.get(kind="manual")
    ward = units["tx-kim-giang"]
    url = f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{ward.pk}/cham/{manual.pk}/"
    # The ward's own chairman may not score the ward.
    assert client_for(staff["ct-tx-kim-giang"]).post(url, {"points": "5", "reason": "Tự chấm"}).status_code == 403
    council = client_for(staff["noivu"])
    page = council.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{ward.pk}/").content.decode()
    assert 'data-testid="manual-form"' in page
    council.post(url, {"points": "7", "reason": "Vượt điểm tối đa"})
    assert not ManualPoints.objects.filter(criterion=manual, unit=ward).exists()
    council.post(url, {"points": "3,5", "reason": ""})
    assert not ManualPoints.objects.filter(criterion=manual, unit=ward).exists()
    council.post(url, {"points": "3,5", "reason": "Hoàn thành tốt việc vận động hộ kinh doanh chuyển đổi số."})
    entry = ManualPoints.objects.get(criterion=manual, unit=ward)
    assert str(entry.points) == "3.50" and entry.entered_by == staff["noivu"]
    council.post(url, {"points": "4", "reason": "Hội đồng họp lại, bổ sung kết quả tuyên truyền.",
                       "version": entry.version})
    entry.refresh_from_db()
    reasons = [h.history_change_reason for h in entry.history.order_by("history_date")]
    assert reasons == ["Hoàn thành tốt việc vận động hộ kinh doanh chuyển đổi số.",
                       "Hội đồng họp lại, bổ sung kết quả tuyên truyền."]
    page = council.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{ward.pk}/").content.decode()
    assert "Hội đồng họp lại" in page


@pytest.mark.django_db
def test_exports_reopen_with_the_same_numbers(scene, client_for):
    staff, units, scheme = scene
    client = client_for(staff["noivu"])
    xlsx = client.get(f"/thi-dua/bang-diem/{scheme.pk}/xep-hang.xlsx")
    assert xlsx.status_code == 200
    rows = list(openpyxl.load_workbook(BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert any(r and r[1] == "UBND phường Kim Giang" for r in rows)
    docx = client.get(f"/thi-dua/bang-diem/{scheme.pk}/xep-hang.docx")
    assert check_docx(docx.content) == []
    assert "UBND phường Kim Giang" in _docx_text(docx.content)
    ward = units["tx-kim-giang"]
    sheet_docx = client.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{ward.pk}/phieu.docx")
    assert check_docx(sheet_docx.content) == []
    text = _docx_text(sheet_docx.content)
    assert "Đơn thư quá hạn chưa giải quyết" in text and "Hồ sơ" in text
    sheet_xlsx = client.get(f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{ward.pk}/phieu.xlsx")
    cells = [c for r in openpyxl.load_workbook(BytesIO(sheet_xlsx.content)).active.iter_rows(values_only=True)
             for c in r if c is not None]
    assert "Tổng điểm" in cells

    # From the ranking page the files are made by the worker, its progress shown on the job's page.
    job = _job(client, f"/thi-dua/bang-diem/{scheme.pk}/lap-tep-xlsx/")
    assert job.steps[0] == "Chấm điểm các đơn vị theo bộ tiêu chí." and job.done == job.total == 2
    rows = list(openpyxl.load_workbook(BytesIO(_download(client, job))).active.iter_rows(values_only=True))
    assert any(r and r[1] == "UBND phường Kim Giang" for r in rows)
    job = _job(client, f"/thi-dua/bang-diem/{scheme.pk}/lap-tep-phieu/")
    with zipfile.ZipFile(BytesIO(_download(client, job))) as archive:
        names = archive.namelist()
        assert len(names) == job.total - 1 and len(job.steps) == len(names) + 1  # one step per unit's sheet
        kim_giang = next(n for n in names if "kim-giang" in n)
        assert check_docx(archive.read(kim_giang)) == []
        assert "UBND phường Kim Giang" in _docx_text(archive.read(kim_giang))
    assert job.steps[-1].startswith(f"Soạn phiếu {len(names)}/{len(names)}: ")
    # Another officer's direct link to the job or its file finds nothing.
    other = client_for(staff["canbo"])
    assert other.get(job.get_absolute_url()).status_code == 404
    assert other.get(f"/viec-nen/{job.pk}/tai-ve/").status_code == 404


def _job(client, url: str) -> Job:
    response = post(client, url)
    job = Job.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))
    run_queued()
    job.refresh_from_db()
    assert job.state == "done", job.error
    return job


def _download(client, job: Job) -> bytes:
    response = client.get(f"/viec-nen/{job.pk}/tai-ve/")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.django_db
def test_recognition_decision_is_numbered_and_files_stay_within_the_unit(scene, client_for):
    staff, _units, _scheme = scene
    model = ExemplaryModel.objects.get(name="Ngõ phố xanh - sạch - đẹp")
    assert model.decision_number and model.public
    client = client_for(staff["canbo"])
    decision = client.get(f"/thi-dua/mo-hinh/{model.pk}/quyet-dinh.docx")
    assert decision.status_code == 200 and check_docx(decision.content) == []
    text = _docx_text(decision.content)
    assert f"Số: {model.decision_number:02d}/QĐ-" in text and "Ngõ phố xanh - sạch - đẹp" in text
    evidence = Evidence.objects.filter(model=model).first()
    assert client.get(f"/thi-dua/minh-chung/{evidence.pk}/").status_code == 200
    outsider = client_for(staff["canbo2"])  # an officer of ward Khương Đình
    assert outsider.get(f"/thi-dua/minh-chung/{evidence.pk}/").status_code == 403
    assert outsider.get(f"/thi-dua/mo-hinh/{model.pk}/").status_code == 403
    assert outsider.get(f"/thi-dua/mo-hinh/{model.pk}/quyet-dinh.docx").status_code == 403
