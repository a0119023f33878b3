"""Builders shared by the petition tests."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.org import clock
from danvan.petitions import services
from danvan.petitions.models import Field


def png_bytes() -> bytes:
    """A valid 1×1 PNG, built by hand so the test needs no image library."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = b"\x00\xff\x00\x00"
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def png_upload(name: str = "anh.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def field(code: str = "trat-tu-do-thi") -> Field:
    return Field.objects.get(code=code)


def feedback(demo_org, actor=None, **kw):
    values = dict(
        actor=actor, kind="feedback", field=field(), unit=demo_org["tx-thuong-dinh"], channel="web",
        received_on=clock.today(), subject="Đèn đường hỏng ngõ 12",
        content="Đèn đường ngõ 12 Thượng Đình hỏng đã 2 tuần.",
        petitioners=[{"full_name": "Nguyễn Văn Bình", "address": "Số 3 ngõ 12", "phone": "0912345678"}],
    )
    values.update(kw)
    return services.submit_petition(**values)


#: A scan named after the denouncer, as scanners and citizens name them.
SCAN_NAME = "Đơn tố cáo - Trần Thị Bí Mật.png"


def denunciation(demo_org, actor=None, **kw):
    values = dict(
        actor=actor, kind="denunciation", field=field("dat-dai"), unit=demo_org["tx-thuong-dinh"],
        channel="post", received_on=clock.today(), subject="Tố cáo cán bộ địa chính nhận tiền",
        content="Cán bộ địa chính phường nhận tiền để hợp thức hóa đất lấn chiếm.",
        petitioners=[{"full_name": "Trần Thị Bí Mật", "address": "Số 99 phố Kín", "id_number": "001199887766",
                      "phone": "0988777666"}],
        is_signed=True, files=[SimpleUploadedFile(SCAN_NAME, png_bytes())],
    )
    values.update(kw)
    return services.submit_petition(**values)


def buf() -> io.StringIO:
    return io.StringIO()
