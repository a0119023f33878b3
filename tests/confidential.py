"""Every form in which a page could show who someone is, for the confidentiality walks.

A page can show a name as typed, in capitals, without diacritics (search keys, file names), in
decomposed Unicode, HTML-escaped, percent-encoded in a link, or inside a file's name in a header;
a walk that looks only for the typed string misses all of those.
"""

from __future__ import annotations

import html
import unicodedata
from urllib.parse import quote

from danvan.core.vntext import fold


def forms_of(*bits: str) -> set[str]:
    out: set[str] = set()
    for bit in bits:
        if not bit:
            continue
        folded = fold(bit)
        for variant in (bit, bit.upper(), bit.casefold(), unicodedata.normalize("NFD", bit), folded,
                        folded.replace(" ", "-"), folded.replace(" ", "_"), folded.title(),
                        folded.title().replace(" ", "-")):
            out |= {variant, html.escape(variant), quote(variant), quote(variant, safe="")}
    return {v for v in out if len(v) >= 5}


def response_text(response) -> str:
    """Body (decoded leniently, .docx/.xlsx opened) and headers of a response, as one string."""
    from io import BytesIO

    body = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    kind = response.get("Content-Type", "")
    text = body.decode("utf-8", errors="ignore")
    if response.status_code == 200 and kind.endswith("wordprocessingml.document"):
        import docx

        document = docx.Document(BytesIO(body))
        text = "\n".join([p.text for p in document.paragraphs]
                         + [c.text for t in document.tables for r in t.rows for c in r.cells])
    elif response.status_code == 200 and kind.endswith("spreadsheetml.sheet"):
        import openpyxl

        book = openpyxl.load_workbook(BytesIO(body))
        text = "\n".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row
                         if c.value is not None)
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return text + "\n" + headers


def leaks(response, forms: set[str]) -> list[str]:
    text = response_text(response)
    return sorted(f for f in forms if f in text)
