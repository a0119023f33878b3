"""A signature made with a certificate that had expired when it signed: intact, but not valid at signing time,
so the file is not reported as validly signed (Done when of issue 19, verification of incoming documents)."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.management import call_command

from danvan.documents import demo
from danvan.documents.electronic import trust_roots
from danvan.documents.signing import KeySpec, verify_pdf
from tests.documents.electronic import certificate_from_demo_ca, sign_blank


def _expired_key(tmp_path) -> KeySpec:
    """A key whose certificate, from the demo CA (a trusted root here), was valid only during 2020."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    certificate, ca = certificate_from_demo_ca(
        x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Văn Hết Hạn"),
                   x509.NameAttribute(NameOID.ORGANIZATION_NAME, "UBND quận Thanh Xuân")]),
        key.public_key(), not_before=datetime(2020, 1, 1, tzinfo=UTC), not_after=datetime(2021, 1, 1, tzinfo=UTC),
        extensions=[(x509.BasicConstraints(ca=False, path_length=None), True),
                    (x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                   data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                   crl_sign=False, encipher_only=False, decipher_only=False), True)])
    path = tmp_path / "het-han.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        name=b"het-han", key=key, cert=certificate, cas=[ca], encryption_algorithm=serialization.NoEncryption()))
    image = next(demo.demo_dir().glob("nguoi-ky-*.png"))
    return KeySpec(kind="pkcs12", label="Nguyễn Văn Hết Hạn", pkcs12_path=str(path), image_path=str(image))


def test_a_certificate_expired_when_it_signed_is_not_valid(keys_loaded, tmp_path):
    signed = sign_blank(_expired_key(tmp_path))
    result = verify_pdf(signed, trust_roots=trust_roots())
    assert result.status == "untrusted"
    person, agency = result.signatures
    assert person.signer == "Nguyễn Văn Hết Hạn" and person.intact and not person.valid_at_signing
    assert person.not_after.startswith("2021-01-01T07:00:00+07:00")
    assert agency.intact and agency.trusted and agency.valid_at_signing
    # The command line says which signature was not valid, and exits 2 (intact, not trusted).
    target = tmp_path / "het-han.pdf"
    target.write_bytes(signed)
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("docs", "verify", str(target), stdout=out)
    assert exit_info.value.code == 2
    text = out.getvalue()
    assert "Chữ ký nguyên vẹn nhưng chưa xác thực được người ký" in text
    assert "Nguyễn Văn Hết Hạn" in text and "còn hiệu lực khi ký: không" in text
