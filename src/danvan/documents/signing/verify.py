"""Checking the digital signatures of a PDF: intact, who signed, when, trusted, valid at signing time.

Used for incoming documents (a PDF uploaded to the registry), for ``danvan docs verify`` and for the
documents danvan signs itself. The result is plain data (:class:`Verification`) that the registry
stores as JSON and its page shows with Vietnamese labels.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from io import BytesIO

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from .demo_ca import DEMO_MARK
from .loop import outside_event_loop
from .sign import VIETNAM, iso_vietnam

__all__ = ["STATUSES", "SignatureReport", "Verification", "load_roots", "verify_pdf"]

# valid: every signature intact, trusted and valid when made; untrusted: intact, but a certificate does
# not chain to a trusted root or was not valid at signing time; altered: the file changed after a
# signature; unsigned: no signature; damaged: not a readable PDF.
STATUSES = ("valid", "untrusted", "altered", "unsigned", "damaged")
_ALLOWED_LATER = (ModificationLevel.NONE, ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)


@dataclass
class SignatureReport:
    field: str
    signer: str
    organisation: str
    signed_at: str  # ISO 8601, +07:00
    intact: bool
    trusted: bool
    valid_at_signing: bool
    unchanged_after: bool
    timestamped: bool
    demo: bool
    not_before: str = ""
    not_after: str = ""

    @property
    def signed_at_display(self) -> str:
        """ "28/11/2026 09:30:05 (giờ Việt Nam)" for pages."""
        if not self.signed_at:
            return ""
        moment = datetime.fromisoformat(self.signed_at).astimezone(VIETNAM)
        return f"{moment:%d/%m/%Y %H:%M:%S} (UTC+07:00)"


@dataclass
class Verification:
    status: str
    sha256: str
    signatures: list[SignatureReport] = field(default_factory=list)
    detail: str = ""

    @property
    def altered(self) -> bool:
        return self.status in ("altered", "damaged")

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Verification:
        return cls(status=data["status"], sha256=data.get("sha256", ""), detail=data.get("detail", ""),
                   signatures=[SignatureReport(**s) for s in data.get("signatures", [])])


def load_roots(pems: list[str | bytes]) -> list[asn1_x509.Certificate]:
    """Trusted root certificates from PEM texts (several certificates per text allowed)."""
    roots = []
    for text in pems:
        data = text.encode() if isinstance(text, str) else text
        if pem.detect(data):
            for _kind, _headers, der in pem.unarmor(data, multiple=True):
                roots.append(asn1_x509.Certificate.load(der))
        elif data:
            roots.append(asn1_x509.Certificate.load(data))
    return roots


def _name_part(name: asn1_x509.Name, key: str) -> str:
    value = name.native.get(key, "")
    return value[-1] if isinstance(value, list) else str(value or "")


def verify_pdf(data: bytes, *, trust_roots: list[asn1_x509.Certificate]) -> Verification:
    digest = hashlib.sha256(data).hexdigest()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # whatever cannot be read is reported as damaged
        return Verification("damaged", digest, detail=str(exc)[:300])
    if not embedded:
        return Verification("unsigned", digest)
    reports: list[SignatureReport] = []
    problems: list[str] = []
    for signature in embedded:
        try:
            reports.append(_check(signature, trust_roots))
        except Exception as exc:  # a signature that cannot even be read back was tampered with: not intact
            problems.append(str(exc)[:300])
            reports.append(_unreadable(signature))
    if any(not r.intact or not r.unchanged_after for r in reports):
        result = "altered"
    elif all(r.trusted and r.valid_at_signing for r in reports):
        result = "valid"
    else:
        result = "untrusted"
    return Verification(result, digest, reports, detail="; ".join(problems))


def _check(signature, trust_roots: list[asn1_x509.Certificate]) -> SignatureReport:
    """One signature: intact, trusted at the time it claims (or its timestamp's), unchanged after."""
    moment = signature.self_reported_timestamp or datetime.now(UTC)
    context = ValidationContext(trust_roots=trust_roots, allow_fetching=False, revocation_mode="soft-fail",
                                moment=moment, best_signature_time=moment)
    status = outside_event_loop(validate_pdf_signature, signature, signer_validation_context=context)
    certificate = status.signing_cert
    subject = certificate.subject
    signed_at = status.signer_reported_dt or signature.self_reported_timestamp
    timestamp = getattr(status, "timestamp_validity", None)
    if timestamp is not None and timestamp.timestamp:
        signed_at = timestamp.timestamp
    not_before, not_after = certificate.not_valid_before, certificate.not_valid_after
    level = status.modification_level
    return SignatureReport(
        field=signature.field_name or "",
        signer=_name_part(subject, "common_name"),
        organisation=_name_part(subject, "organization_name"),
        signed_at=iso_vietnam(signed_at) if signed_at else "",
        intact=bool(status.intact and status.valid),
        trusted=status.trusted,
        valid_at_signing=bool(signed_at and not_before <= signed_at <= not_after),
        unchanged_after=level is None or level in _ALLOWED_LATER,
        timestamped=timestamp is not None,
        demo=DEMO_MARK in subject.human_friendly,
        not_before=iso_vietnam(not_before), not_after=iso_vietnam(not_after),
    )


def _unreadable(signature) -> SignatureReport:
    """A signature whose data no longer reads (its date, its byte range, its CMS): reported as not intact,
    with whatever of its certificate can still be read."""
    signer = organisation = ""
    demo = False
    try:
        subject = signature.signer_cert.subject
        signer, organisation = _name_part(subject, "common_name"), _name_part(subject, "organization_name")
        demo = DEMO_MARK in subject.human_friendly
    except Exception:
        pass
    try:
        field_name = signature.field_name or ""
    except Exception:
        field_name = ""
    return SignatureReport(field=field_name, signer=signer, organisation=organisation, signed_at="", intact=False,
                           trusted=False, valid_at_signing=False, unchanged_after=False, timestamped=False, demo=demo)
