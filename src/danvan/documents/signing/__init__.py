"""Digital signatures of outgoing documents (PAdES with pyHanko) and their verification.

No Django here: keys are described by :class:`KeySpec` (a PKCS#12 file or a PKCS#11 token), the PDF is
bytes, and verification returns plain data that the services store and the pages show.
"""

from .keys import KeySpec, SigningKeyError
from .sign import sign_attachment, sign_official
from .verify import SignatureReport, Verification, verify_pdf

__all__ = ["KeySpec", "SignatureReport", "SigningKeyError", "Verification", "sign_attachment", "sign_official",
           "verify_pdf"]
