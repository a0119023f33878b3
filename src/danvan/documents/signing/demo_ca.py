"""A demo certification authority, with certificates and images for trying signatures out.

Everything it makes says it is for trying out only ("CHỈ DÙNG THỬ — không có giá trị pháp lý") in the
certificate's subject and on the images. Files are made once in a directory (``DATA_DIR/signing/demo``)
and reused afterwards: a second run never makes a new key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from PIL import Image, ImageDraw, ImageFont

from danvan.core.vntext import fold

__all__ = ["DEMO_MARK", "DemoFiles", "ensure_ca", "ensure_person", "ensure_unit"]

DEMO_MARK = "CHỈ DÙNG THỬ — không có giá trị pháp lý"
_VALID_FROM = datetime(2020, 1, 1, tzinfo=UTC)
_VALID_YEARS = 30


@dataclass(frozen=True)
class DemoFiles:
    pkcs12: Path
    image: Path
    certificate: Path


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "khoa"


def _key(path: Path) -> rsa.RSAPrivateKey:
    if path.exists():
        return serialization.load_pem_private_key(path.read_bytes(), password=None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                       serialization.NoEncryption()))
    path.chmod(0o600)
    return key


def _name(common: str, organisation: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.STATE_OR_PROVINCE_NAME, "Hà Nội"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEMO_MARK),
        x509.NameAttribute(NameOID.COMMON_NAME, f"{common} (CHỈ DÙNG THỬ)"[-64:]),
    ])


def ensure_ca(directory: Path) -> tuple[Path, x509.Certificate, rsa.RSAPrivateKey]:
    """The demo root certificate (PEM path, certificate, key), made once."""
    directory.mkdir(parents=True, exist_ok=True)
    key = _key(directory / "ca-key.pem")
    path = directory / "ca.pem"
    if path.exists():
        return path, x509.load_pem_x509_certificate(path.read_bytes()), key
    name = _name("CA danvan", "danvan (phần mềm dân vận chính quyền)")
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(_VALID_FROM)
        .not_valid_after(_VALID_FROM + timedelta(days=365 * _VALID_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path, certificate, key


def _issue(directory: Path, stem: str, common: str, organisation: str) -> tuple[Path, Path]:
    _ca_path, ca, ca_key = ensure_ca(directory)
    p12 = directory / f"{stem}.p12"
    cert_path = directory / f"{stem}.pem"
    if p12.exists() and cert_path.exists():
        return p12, cert_path
    key = _key(directory / f"{stem}-key.pem")
    certificate = (
        x509.CertificateBuilder().subject_name(_name(common, organisation)).issuer_name(ca.subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number()).not_valid_before(_VALID_FROM)
        .not_valid_after(_VALID_FROM + timedelta(days=365 * _VALID_YEARS - 1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        name=common.encode(), key=key, cert=certificate, cas=[ca], encryption_algorithm=serialization.NoEncryption()))
    p12.chmod(0o600)
    return p12, cert_path


def _font(size: int, *, bold: bool = False, italic: bool = False):
    style = "BoldItalic" if bold and italic else "Bold" if bold else "Italic" if italic else "Regular"
    for path in (f"/usr/share/fonts/truetype/liberation2/LiberationSerif-{style}.ttf",
                 f"/usr/share/fonts/truetype/dejavu/DejaVuSerif{'-' + style if style != 'Regular' else ''}.ttf"):
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def _signature_image(path: Path, name: str) -> None:
    """A handwritten-looking signature in blue ink on a transparent background (twice as wide as high)."""
    image = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    ink = (20, 40, 150, 255)
    surname = name.split()[-1] if name.split() else name
    draw.text((300, 130), surname, font=_font(120, italic=True), fill=ink, anchor="mm")
    draw.line([(90, 215), (250, 190), (420, 205), (520, 180)], fill=ink, width=6)
    draw.text((300, 270), "MẪU — CHỈ DÙNG THỬ", font=_font(30), fill=(120, 120, 120, 255), anchor="mm")
    image.save(path)


def _seal_image(path: Path, unit_name: str) -> None:
    """A round red seal with the unit's name around a star, marked as a demo."""
    size = 600
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    red = (200, 20, 30, 230)
    draw.ellipse([10, 10, size - 10, size - 10], outline=red, width=14)
    draw.ellipse([150, 150, size - 150, size - 150], outline=red, width=6)
    centre = size / 2
    star = []
    import math

    for i in range(10):
        radius = 120 if i % 2 == 0 else 48
        angle = math.pi / 2 + i * math.pi / 5
        star.append((centre + radius * math.cos(angle), centre - radius * math.sin(angle)))
    draw.polygon(star, fill=red)
    draw.text((centre, 95), unit_name.upper()[:28], font=_font(34, bold=True), fill=red, anchor="mm")
    draw.text((centre, size - 95), "CHỈ DÙNG THỬ", font=_font(40, bold=True), fill=red, anchor="mm")
    image.save(path)


def ensure_person(directory: Path, *, name: str, organisation: str) -> DemoFiles:
    """The demo key, certificate and signature image of a person, made once."""
    stem = f"nguoi-ky-{_slug(name)}"
    p12, cert = _issue(directory, stem, name, organisation)
    image = directory / f"{stem}.png"
    if not image.exists():
        _signature_image(image, name)
    return DemoFiles(p12, image, cert)


def ensure_unit(directory: Path, *, name: str) -> DemoFiles:
    """The demo key, certificate and seal image of an agency, made once."""
    stem = f"co-quan-{_slug(name)}"
    p12, cert = _issue(directory, stem, name, name)
    image = directory / f"{stem}.png"
    if not image.exists():
        _seal_image(image, name)
    return DemoFiles(p12, image, cert)
