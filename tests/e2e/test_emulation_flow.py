"""A ward registers a "Dân vận khéo" model with a photo and nominates it; two council members vote; the
chairman recognises it at district level and downloads the numbered decision."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest
from playwright.sync_api import expect

from danvan.documents.render import check_docx
from danvan.emulation import services
from danvan.emulation.models import CouncilPosition, ExemplaryModel
from danvan.org.models import Staff, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def _png(path: Path) -> Path:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\x00\x00\x80\x00")) + chunk(b"IEND", b""))
    return path


def _logout(page) -> None:
    page.click("button:has-text('Đăng xuất')")


def test_nomination_votes_and_recognition(page, live_server, demo_org, login, tmp_path):
    district = Unit.objects.get(code="tx-ubnd")
    for username, position in (("chutich", CouncilPosition.CHAIR), ("noivu", CouncilPosition.SECRETARY),
                               ("kiemtra", CouncilPosition.MEMBER)):
        services.add_council_member(actor=None, unit=district, staff=Staff.objects.get(username=username),
                                    position=position)

    login("canbo")
    page.click("text=Thi đua")
    page.click("[data-testid=models-link]")
    page.click("[data-testid=model-create]")
    page.fill("#id_name", "Chợ dân sinh văn minh")
    page.select_option("#id_field", "economy")
    page.fill("#id_problem", "Chợ tạm lấn chiếm lòng đường, mất vệ sinh.")
    page.fill("#id_approach", "Họp tiểu thương, sắp xếp lại quầy, cam kết giữ vệ sinh.")
    page.fill("#id_results", "60 quầy vào chợ, giải tỏa 300 m lòng đường.")
    page.click("[data-testid=model-form] button[type=submit]")
    expect(page.locator("[data-testid=model-status]")).to_have_text("Đã đăng ký")
    page.set_input_files("#ev-file", str(_png(tmp_path / "anh-cho.png")))
    page.fill("#ev-title", "Ảnh chợ sau khi sắp xếp")
    page.click("[data-testid=evidence] button[type=submit]")
    expect(page.locator("[data-testid=evidence]")).to_contain_text("Ảnh chợ sau khi sắp xếp")
    page.select_option("#reviewing", str(district.pk))
    page.click("[data-testid=nominate] button[type=submit]")
    expect(page.locator("[data-testid=model-status]")).to_have_text("Đã đề nghị xét công nhận")
    model_url = page.url
    _logout(page)

    for member in ("noivu", "chutich"):
        login(member)
        page.goto(model_url)
        page.select_option("#vote", "agree")
        page.fill("#comment", "Có kết quả cụ thể, nên nhân rộng.")
        page.click("[data-testid=vote] button[type=submit]")
        expect(page.locator("[data-testid=council]")).to_contain_text("Đồng ý")
        if member != "chutich":
            _logout(page)

    page.select_option("#level", "district")
    page.click("[data-testid=decide] button:has-text('Công nhận')")
    page.click("[data-testid=confirm-button]")
    expect(page.locator("[data-testid=model-status]")).to_have_text("Đã được công nhận")
    with page.expect_download() as info:
        page.click("[data-testid=decision]")
    target = Path(tmp_path) / "quyet-dinh.docx"
    info.value.save_as(target)
    assert check_docx(target.read_bytes()) == []
    page.click("[data-testid=public]")
    expect(page.locator("[data-testid=public]")).to_contain_text("Thôi công khai")
    model = ExemplaryModel.objects.get(name="Chợ dân sinh văn minh")
    assert model.decision_number == 1 and model.public and model.evidence.count() == 1
