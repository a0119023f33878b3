"""``.docx`` → PDF/A-2b with LibreOffice headless (Debian's ``libreoffice-writer-nogui``).

The .docx of the one renderer is the document; the PDF must look exactly like it, so the program that
lays out Word documents (and that an office would use to print them) draws the PDF too. Each
conversion starts its own ``soffice`` with a fresh user profile in a temporary directory (two
conversions at once never share a profile lock) and a timeout; the filter options ask for PDF/A-2b
(``SelectPdfVersion=2``), which embeds every font.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

__all__ = ["DEFAULT_TIMEOUT", "PdfConversionError", "convert_docx_to_pdfa", "find_soffice"]

DEFAULT_TIMEOUT = 120  # seconds; a two-page plan takes about 2 s, a first start with a new profile 3–5 s

# writer_pdf_Export options (LibreOffice ≥ 7.4 reads them as JSON): PDF/A-2b, fonts embedded, no
# form fields made from the document, tagged for screen readers.
FILTER_OPTIONS = {
    "SelectPdfVersion": {"type": "long", "value": "2"},
    "UseTaggedPDF": {"type": "boolean", "value": "true"},
    "ExportFormFields": {"type": "boolean", "value": "false"},
    "EmbedStandardFonts": {"type": "boolean", "value": "true"},
}

MISSING_MESSAGE = (
    "Máy chủ chưa cài LibreOffice nên chưa chuyển được văn bản sang PDF. Quản trị hệ thống cần cài gói "
    "libreoffice-writer-nogui và phông chữ tiếng Việt (fonts-liberation2) — xem tài liệu triển khai, mục "
    "“Văn bản điện tử”.")


class PdfConversionError(RuntimeError):
    """The PDF could not be made; the message is Vietnamese and shown to the officer as is."""


def find_soffice(configured: str | None = None) -> str | None:
    """The LibreOffice program: ``configured`` (settings/environment ``DANVAN_SOFFICE``), else on the PATH."""
    for candidate in (configured, os.environ.get("DANVAN_SOFFICE"), "soffice", "libreoffice"):
        if candidate:
            found = shutil.which(candidate)
            if found:
                return found
    return None


def convert_docx_to_pdfa(docx: bytes, *, soffice: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF/A-2b of ``docx`` (bytes), or :class:`PdfConversionError` with what went wrong."""
    program = find_soffice(soffice)
    if program is None:
        raise PdfConversionError(MISSING_MESSAGE)
    with tempfile.TemporaryDirectory(prefix="danvan-pdf-") as tmp:
        work = Path(tmp)
        source = work / "van-ban.docx"
        source.write_bytes(docx)
        out = work / "out"
        command = [
            program, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
            "--nolockcheck", "--nodefault", "--nofirststartwizard",
            "--convert-to", "pdf:writer_pdf_Export:" + json.dumps(FILTER_OPTIONS, separators=(",", ":")),
            "--outdir", str(out), str(source),
        ]
        env = {**os.environ, "HOME": str(work), "SAL_USE_VCLPLUGIN": "svp"}
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work, env=env,
                                   start_new_session=True)
        try:
            _stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)  # soffice and the helper it starts: its own session only
            process.communicate()
            raise PdfConversionError(
                f"LibreOffice không chuyển xong văn bản sang PDF sau {int(timeout)} giây; hãy thử lại sau ít phút "
                "hoặc báo quản trị hệ thống.") from exc
        result = out / "van-ban.pdf"
        if process.returncode != 0 or not result.exists():
            detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise PdfConversionError(
                f"LibreOffice không chuyển được văn bản sang PDF (mã lỗi {process.returncode}). {detail[0]}".strip())
        return result.read_bytes()
