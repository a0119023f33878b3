"""Shared by the tests of electronic documents: whether LibreOffice can run here, signing a blank page,
certificates from the demo CA, and reading signed PDFs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from io import BytesIO

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from danvan.documents.pdf import Box, SignaturePlace, find_soffice

#: Where a blank A4 page is signed in these tests: the signer's image, the seal over its left third, the text.
BLANK_PAGE_PLACE = SignaturePlace(page=0, signer=Box(360, 300, 500, 370), seal=Box(305, 284, 407, 386),
                                  text=Box(312, 258, 552, 282), agency=Box(305, 258, 552, 386))


def blank_pdf() -> bytes:
    """One blank A4 page."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    buffer = BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def sign_blank(person, *, tsa_url: str | None = None) -> bytes:
    """A blank page signed by ``person`` (a KeySpec), then by the demo committee, UBND quận Thanh Xuân."""
    from danvan.documents.models import SigningKey
    from danvan.documents.signing import sign_official

    return sign_official(blank_pdf(), person=person, agency=SigningKey.objects.get(unit__code="tx-ubnd").spec(),
                         agency_name="UBND quận Thanh Xuân", place=BLANK_PAGE_PLACE, tsa_url=tsa_url)


def certificate_from_demo_ca(subject, public_key, *, not_before, not_after, extensions):
    """(a certificate issued by the demo CA, the CA's certificate): the CA is a trusted root in the tests."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization

    from danvan.documents import demo

    directory = demo.demo_dir()
    ca = x509.load_pem_x509_certificate((directory / "ca.pem").read_bytes())
    ca_key = serialization.load_pem_private_key((directory / "ca-key.pem").read_bytes(), password=None)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(ca.subject).public_key(public_key)
               .serial_number(x509.random_serial_number()).not_valid_before(not_before).not_valid_after(not_after))
    for extension, critical in extensions:
        builder = builder.add_extension(extension, critical=critical)
    builder = builder.add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                                    critical=False)
    return builder.sign(ca_key, hashes.SHA256()), ca


def require_soffice() -> None:
    """Skip when LibreOffice is not installed on a developer's machine; on CI (CI=true) it must be there."""
    if find_soffice() is None and os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        pytest.skip("LibreOffice (soffice) chưa được cài trên máy này; CI cài nó qua .ci/run")


def page_text(pdf: bytes, index: int = 0) -> str:
    return " ".join(PdfReader(BytesIO(pdf)).pages[index].extract_text().split())


def signature_widgets(pdf: bytes) -> dict[str, tuple[int, Box]]:
    """Field name → (page index, rectangle) of every signature widget."""
    reader = PdfReader(BytesIO(pdf))
    found = {}
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig" or annot.get("/Parent", {}).get("/FT") == "/Sig":
                x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
                found[str(annot.get("/T"))] = (index, Box(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
    return found


@dataclass
class Appearance:
    """What a signature widget shows, in page coordinates: its images and its text (with fonts and sizes)."""

    images: list[Box]
    text: str
    fonts: list[str]  # the base font names used for text
    sizes: list[float]  # the effective font sizes (Tf size times the scale in force)
    origins: list[tuple[float, float]]  # where each text run's coordinate system starts on the page


def appearance(pdf: bytes, field: str) -> Appearance:
    """The normal appearance of the signature widget ``field``: each image drawn, where it lands on the page,
    and the text written (pyHanko marks each run with its ActualText)."""
    reader = PdfReader(BytesIO(pdf))
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if str(annot.get("/T")) == field:
                break
        else:
            continue
        break
    else:
        raise AssertionError(f"no widget {field}")
    x0, y0 = (float(v) for v in annot["/Rect"][:2])
    stream = annot["/AP"]["/N"].get_object()
    resources = stream.get("/Resources") or {}
    xobjects = resources.get("/XObject") or {}
    fonts = resources.get("/Font") or {}
    images: list[Box] = []
    texts: list[str] = []
    used_fonts: list[str] = []
    sizes: list[float] = []
    origins: list[tuple[float, float]] = []
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack = []

    def times(m, n):
        a, b, c, d, e, f = m
        a2, b2, c2, d2, e2, f2 = n
        return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2, e * a2 + f * c2 + e2,
                e * b2 + f * d2 + f2)

    for operands, operator in ContentStream(stream, reader).operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop()
        elif operator == b"cm":
            ctm = times(tuple(float(v) for v in operands), ctm)
        elif operator == b"Do" and xobjects[operands[0]].get_object().get("/Subtype") == "/Image":
            a, _b, _c, d, e, f = ctm
            images.append(Box(x0 + e, y0 + f, x0 + e + a, y0 + f + d))
        elif operator == b"Tf":
            used_fonts.append(str(fonts[operands[0]].get_object()["/BaseFont"]))
            sizes.append(round(float(operands[1]) * ctm[3], 2))
            origins.append((x0 + ctm[4], y0 + ctm[5]))
        elif operator == b"BDC" and len(operands) > 1 and hasattr(operands[1], "get"):
            if operands[1].get("/ActualText") is not None:
                texts.append(str(operands[1]["/ActualText"]))
    return Appearance(images=images, text="\n".join(texts), fonts=used_fonts, sizes=sizes,
                      origins=origins)


def text_positions(pdf: bytes, index: int) -> dict[str, tuple[float, float]]:
    """Each piece of text on page ``index`` → where it starts (x, baseline y), in points."""
    found: dict[str, tuple[float, float]] = {}

    def visit(text, cm, tm, _font, _size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.setdefault(" ".join(text.split()), (x, y))

    PdfReader(BytesIO(pdf)).pages[index].extract_text(visitor_text=visit)
    return found


def fonts_not_embedded(pdf: bytes) -> list[str]:
    """The fonts used anywhere in the file (pages, forms, signature appearances) whose program is not in it."""
    reader = PdfReader(BytesIO(pdf))
    missing: set[str] = set()
    seen: set[int] = set()

    def check_font(font) -> None:
        font = font.get_object()
        if font.get("/Subtype") == "/Type3":
            return  # drawn with PDF operators, nothing to embed
        described = font["/DescendantFonts"][0].get_object() if font.get("/Subtype") == "/Type0" else font
        descriptor = (described.get("/FontDescriptor") or {})
        if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
            missing.add(str(font.get("/BaseFont")))

    def visit(resources) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            check_font(font)
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.idnum in seen if hasattr(xobject, "idnum") else False:
                continue
            if hasattr(xobject, "idnum"):
                seen.add(xobject.idnum)
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader.pages:
        visit(page.get("/Resources"))
        for annot in page.get("/Annots") or []:
            normal = (annot.get_object().get("/AP") or {}).get("/N")
            if normal is not None and hasattr(normal.get_object(), "get_data"):
                visit(normal.get_object().get("/Resources"))
    return sorted(missing)
