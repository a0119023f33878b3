"""Outgoing documents as PDF/A-2b: the .docx of the one renderer converted by LibreOffice, and where its
signature block lies on the page (for the signatures' images).

No Django here: the command line, services and tests call these with bytes.
"""

from .convert import PdfConversionError, convert_docx_to_pdfa, find_soffice
from .layout import Box, SignaturePlace, pdfa_part, signature_place

__all__ = ["Box", "PdfConversionError", "SignaturePlace", "convert_docx_to_pdfa", "find_soffice", "pdfa_part",
           "signature_place"]
