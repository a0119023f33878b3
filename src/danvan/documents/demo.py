"""Demo keys: a certification authority for trying signatures out, the Thanh Xuân committee's key and seal,
and its chairman's key and signature image — every certificate marked "CHỈ DÙNG THỬ — không có giá trị
pháp lý".

Files are made once under ``DANVAN_SIGNING_DIR/demo`` (a second run reuses them); rows are added when
missing and an existing row is never touched.
"""

from __future__ import annotations

from django.conf import settings

from danvan.documents.issuer import issuer_for, signing_leader
from danvan.documents.models import KeyKind, OutgoingDocument, SigningKey, TrustedRoot
from danvan.documents.signing import demo_ca
from danvan.org.models import Unit

COMMITTEE = "tx-ubnd"
ROOT_NAME = "CA danvan — " + demo_ca.DEMO_MARK


def demo_dir():
    return settings.DANVAN_SIGNING_DIR / "demo"


def load(out) -> None:
    committee = Unit.objects.filter(code=COMMITTEE).first()
    if committee is None:
        return
    directory = demo_dir()
    ca_path, _ca, _key = demo_ca.ensure_ca(directory)
    if not TrustedRoot.objects.filter(name=ROOT_NAME, is_demo=True).exists():
        TrustedRoot.objects.create(name=ROOT_NAME, certificate=ca_path.read_text(), is_demo=True)
    unit_files = demo_ca.ensure_unit(directory, name=committee.name)
    if not SigningKey.objects.filter(unit=committee).exists():
        SigningKey.objects.create(unit=committee, kind=KeyKind.PKCS12, pkcs12_path=str(unit_files.pkcs12),
                                  image_path=str(unit_files.image), is_demo=True)
    chairman = signing_leader(committee)
    if chairman is not None:
        person_files = demo_ca.ensure_person(directory, name=chairman.full_name, organisation=committee.name)
        if not SigningKey.objects.filter(staff=chairman).exists():
            SigningKey.objects.create(staff=chairman, kind=KeyKind.PKCS12, pkcs12_path=str(person_files.pkcs12),
                                      image_path=str(person_files.image), is_demo=True)
    _demo_notice(committee)
    out.write(f"    khóa ký số dùng thử: {committee.name}"
              + (f", {chairman.full_name}" if chairman is not None else "") + f" ({demo_ca.DEMO_MARK})")


DEMO_SOURCE = "documents.demo:thong-bao-ky-so"


def _demo_notice(committee: Unit) -> None:
    """A numbered notice of the committee waiting for the chairman's digital signature."""
    from danvan.documents import services
    from danvan.documents.render import OfficialDocument, Paragraph
    from danvan.org import clock

    if OutgoingDocument.objects.filter(source=DEMO_SOURCE).exists():
        return
    issuer = issuer_for(committee)
    if issuer.leader is None:
        return
    today = clock.today()
    number = services.reserve_number(issuer=committee, type_code="TB", year=today.year)
    document = OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=issuer.place, date=today,
        subject="Về việc thử nghiệm ký số văn bản đi trên phần mềm dân vận", signer=issuer.signer, number=number,
        type_code="TB", issuer_code=issuer.issuer_code, issuer_name=committee.name,
        body=[Paragraph("Ủy ban nhân dân quận thông báo: từ nay các văn bản đi về công tác dân vận chính quyền được "
                        "ký số trên phần mềm theo Nghị định số 30/2020/NĐ-CP. Văn bản này dùng để thử nghiệm, "
                        "chữ ký số dùng thử không có giá trị pháp lý.")],
        recipients=["Các phòng, ban thuộc quận", "UBND các phường"], archive="Lưu: VT, NV.")
    services.prepare_outgoing(actor=None, source=DEMO_SOURCE, issuer=committee, document=document)
