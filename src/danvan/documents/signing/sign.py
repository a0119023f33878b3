"""Signing a converted document as Decree 30/2020 (Appendix I, part II) shows it.

1. The person with authority signs first: their signature image at the signing position.
2. The agency signs second: its seal image over about the left third of the signer's image, with the
   agency's name and the signing time (ISO 8601, Vietnamese time zone: ``2026-11-27T09:30:00+07:00``) in
   10 pt italic Times (Liberation Serif, metric-compatible, with Vietnamese glyphs) under it, in the
   signature column (see ``pdf/layout.py``).
3. An attachment carries only the agency's signature, without image, at the top right of its first page
   (number and symbol, and the signing time, upright).

PAdES baseline B-B (``/ETSI.CAdES.detached``); B-T when a timestamp server is configured. Each signature
is an incremental update, so the first stays intact when the second is added, and the PDF/A-2b
declaration of the converted file is kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path
from zoneinfo import ZoneInfo

from PIL import Image
from pyhanko.pdf_utils import layout
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.images import PdfImage
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers, timestamps
from pyhanko.stamp import StaticStampStyle, TextStampStyle

from danvan.documents.pdf.layout import Box, SignaturePlace, attachment_box

from .keys import KeySpec, SigningKeyError, open_signer
from .loop import outside_event_loop

__all__ = ["AGENCY_FIELD", "ATTACHMENT_FIELD", "SIGNER_FIELD", "VIETNAM", "sign_attachment", "sign_official"]

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
SIGNER_FIELD = "ChuKyNguoiCoThamQuyen"
AGENCY_FIELD = "ChuKyCoQuan"
ATTACHMENT_FIELD = "ChuKyCoQuanVanBanKemTheo"
_TS_FORMAT = "%Y-%m-%dT%H:%M:%S%z"

_FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
              "/usr/share/fonts/truetype/dejavu")
_FONT_FILES = {"italic": ("LiberationSerif-Italic.ttf", "DejaVuSerif-Italic.ttf"),
               "regular": ("LiberationSerif-Regular.ttf", "DejaVuSerif.ttf")}


def _font(style: str) -> str:
    for directory in _FONT_DIRS:
        for name in _FONT_FILES[style]:
            path = Path(directory) / name
            if path.is_file():
                return str(path)
    raise SigningKeyError("Máy chủ thiếu phông chữ có dấu tiếng Việt (gói fonts-liberation2) để ghi thông tin "
                          "chữ ký số.")


def iso_vietnam(moment: datetime) -> str:
    """``2026-11-27T09:30:00+07:00``: ISO 8601 in the Vietnamese time zone, to the second."""
    return moment.astimezone(VIETNAM).isoformat(timespec="seconds")


@dataclass(frozen=True)
class _VietnamTimeStampStyle(TextStampStyle):
    """A text stamp whose ``%(ts)s`` is the signing time in ISO 8601 with +07:00."""

    def create_stamp(self, writer, box, text_params):
        params = dict(text_params)
        if "ts" in params:
            params["ts"] = iso_vietnam(datetime.strptime(params["ts"], _TS_FORMAT))
        return super().create_stamp(writer, box, params)


def _image(path: str, label: str) -> PdfImage:
    if not path or not Path(path).is_file():
        raise SigningKeyError(f"Chưa có hình ảnh chữ ký (con dấu) của {label} để thể hiện trên văn bản.")
    return PdfImage(Image.open(path))


_NO_MARGIN = layout.Margins.uniform(0)


def _margins(inner: Box, x1: int, y1: int, x2: int, y2: int) -> layout.Margins:
    """The margins that leave ``inner`` of the widget whose rectangle is (x1, y1, x2, y2)."""
    return layout.Margins(left=max(inner.x1 - x1, 0), right=max(x2 - inner.x2, 0), top=max(y2 - inner.y2, 0),
                          bottom=max(inner.y1 - y1, 0))


def _sign(pdf: bytes, *, key: KeySpec, field: str, page: int, box: Box, style, tsa_url: str | None,
          text_params: dict | None = None) -> bytes:
    writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
    timestamper = timestamps.HTTPTimeStamper(tsa_url) if tsa_url else None
    meta = signers.PdfSignatureMetadata(
        field_name=field, subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
        location="Việt Nam")
    with open_signer(key) as signer:
        pdf_signer = signers.PdfSigner(
            meta, signer=signer, timestamper=timestamper, stamp_style=style,
            new_field_spec=fields.SigFieldSpec(sig_field_name=field, on_page=page, box=box.as_tuple()))
        out = outside_event_loop(pdf_signer.sign_pdf, writer, appearance_text_params=text_params)
    return out.getvalue()


def sign_official(pdf: bytes, *, person: KeySpec, agency: KeySpec, agency_name: str, place: SignaturePlace,
                  tsa_url: str | None = None) -> bytes:
    """``pdf`` signed by the person with authority, then by the agency, placed as the decree says."""
    signer_style = StaticStampStyle(
        background=_image(person.image_path, person.label), border_width=0, background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID,
                                                     y_align=layout.AxisAlignment.ALIGN_MID, margins=_NO_MARGIN))
    signed = _sign(pdf, key=person, field=SIGNER_FIELD, page=place.page, box=place.signer, style=signer_style,
                   tsa_url=tsa_url)
    x1, y1, x2, y2 = place.agency.as_tuple()  # the widget's rectangle, as written in the file
    agency_style = _VietnamTimeStampStyle(
        stamp_text="%(agency)s\n%(ts)s", timestamp_format=_TS_FORMAT, border_width=0,
        text_box_style=TextBoxStyle(
            font=GlyphAccumulatorFactory(_font("italic"), font_size=10), font_size=10,
            box_layout_rule=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN,
                                                       y_align=layout.AxisAlignment.ALIGN_MAX, margins=_NO_MARGIN)),
        background=_image(agency.image_path, agency.label), background_opacity=1.0,
        background_layout=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN,
                                                     y_align=layout.AxisAlignment.ALIGN_MAX,
                                                     margins=_margins(place.seal, x1, y1, x2, y2)),
        inner_content_layout=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MIN,
                                                        y_align=layout.AxisAlignment.ALIGN_MAX,
                                                        margins=_margins(place.text, x1, y1, x2, y2)))
    return _sign(signed, key=agency, field=AGENCY_FIELD, page=place.page, box=place.agency, style=agency_style,
                 tsa_url=tsa_url, text_params={"agency": agency_name})


def sign_attachment(pdf: bytes, *, agency: KeySpec, number: str, tsa_url: str | None = None) -> bytes:
    """An attachment signed by the agency without image: number and time at the top right of page 1."""
    page, box = attachment_box(pdf)
    style = _VietnamTimeStampStyle(
        stamp_text="%(number)s\n%(ts)s", timestamp_format=_TS_FORMAT, border_width=0,
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(_font("regular"), font_size=10), font_size=10),
        inner_content_layout=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MAX,
                                                        y_align=layout.AxisAlignment.ALIGN_MAX, margins=_NO_MARGIN))
    return _sign(pdf, key=agency, field=ATTACHMENT_FIELD, page=page, box=box, style=style, tsa_url=tsa_url,
                 text_params={"number": number})
