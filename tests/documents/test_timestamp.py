"""PAdES B-T when a timestamp server is configured: each signature then carries a timestamp token from it, and
the verification reports the time the timestamp server certifies. Without one, B-B: no timestamp.

The timestamp server here is a real RFC 3161 server over HTTP on this machine, answering with pyHanko's
test timestamp authority under a certificate of the demo CA.
"""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from danvan.documents.electronic import trust_roots
from danvan.documents.signing import verify_pdf
from tests.documents.electronic import certificate_from_demo_ca, sign_blank

CERTIFIED_AT = datetime(2026, 11, 27, 2, 30, tzinfo=UTC)  # 09:30 in Việt Nam


def _tsa():
    """A timestamp authority certified by the demo CA (extended key usage: time stamping only)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate, _ca = certificate_from_demo_ca(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Máy chủ dấu thời gian thử")]), key.public_key(),
        not_before=datetime(2020, 1, 1, tzinfo=UTC), not_after=datetime(2040, 1, 1, tzinfo=UTC),
        extensions=[(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), True)])
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        fixed_dt=CERTIFIED_AT)


@pytest.fixture
def tsa_url(keys_loaded):
    authority = _tsa()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            request = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
            body = authority.request_tsa_response(request).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def _sign(tsa: str | None) -> bytes:
    from danvan.documents.models import SigningKey

    return sign_blank(SigningKey.objects.get(staff__username="chutich").spec(), tsa_url=tsa)


def _timestamp_tokens(signature) -> int:
    unsigned = signature.signer_info["unsigned_attrs"]
    if not unsigned:
        return 0
    return sum(1 for attr in unsigned if attr["type"].native == "signature_time_stamp_token")


def test_with_a_timestamp_server_both_signatures_are_pades_b_t(tsa_url):
    signed = _sign(tsa_url)
    signatures = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert len(signatures) == 2
    for signature in signatures:
        assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
        assert _timestamp_tokens(signature) == 1  # B-T: a signature timestamp token
    result = verify_pdf(signed, trust_roots=trust_roots())
    assert result.status == "valid"
    assert all(s.timestamped for s in result.signatures)
    # The time shown is the one the timestamp server certifies, in Việt Nam's time zone.
    assert [s.signed_at for s in result.signatures] == ["2026-11-27T09:30:00+07:00"] * 2


def test_without_one_they_are_pades_b_b(keys_loaded):
    signed = _sign(None)
    signatures = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    assert all(s.sig_object["/SubFilter"] == "/ETSI.CAdES.detached" for s in signatures)
    assert [_timestamp_tokens(s) for s in signatures] == [0, 0]
    result = verify_pdf(signed, trust_roots=trust_roots())
    assert result.status == "valid" and not any(s.timestamped for s in result.signatures)
    moment = datetime.fromisoformat(result.signatures[0].signed_at)
    assert abs(moment - datetime.now(UTC)) < timedelta(minutes=5) and result.signatures[0].signed_at.endswith("+07:00")
