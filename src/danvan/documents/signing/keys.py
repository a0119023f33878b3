"""A signing key as configured for a unit (its seal) or a signer (their own signature).

Two kinds, as officials hold them: a PKCS#12 file (``.p12``) on the server, or a PKCS#11 token (the USB
token a certification authority issues to an official, used through its vendor's PKCS#11 library).
Secrets are never stored with the configuration: a passphrase or PIN is read from the environment
variable the configuration names.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pyhanko.sign import signers

__all__ = ["KeySpec", "SigningKeyError", "open_signer"]


class SigningKeyError(RuntimeError):
    """A key cannot be used; the message is Vietnamese and says what to fix."""


@dataclass(frozen=True)
class KeySpec:
    kind: str  # "pkcs12" or "pkcs11"
    label: str  # who holds it, for messages: "Trần Văn Minh", "UBND quận Thanh Xuân"
    pkcs12_path: str = ""
    secret_env: str = ""  # environment variable with the passphrase (PKCS#12) or PIN (PKCS#11)
    pkcs11_module: str = ""
    pkcs11_token: str = ""
    pkcs11_key: str = ""
    image_path: str = ""  # signature image (a person) or seal image (a unit), PNG with transparency

    def secret(self) -> bytes | None:
        if not self.secret_env:
            return None
        value = os.environ.get(self.secret_env)
        if value is None:
            raise SigningKeyError(f"Chưa đặt biến môi trường {self.secret_env} (mật khẩu khóa ký số của "
                                  f"{self.label}) trên máy chủ.")
        return value.encode()


@contextlib.contextmanager
def open_signer(spec: KeySpec) -> Iterator[signers.Signer]:
    """A pyHanko signer for ``spec``; a token's session is closed when the block ends."""
    if spec.kind == "pkcs12":
        path = Path(spec.pkcs12_path)
        if not path.is_file():
            raise SigningKeyError(f"Không tìm thấy tệp khóa ký số của {spec.label} trên máy chủ.")
        signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=spec.secret())
        if signer is None:
            raise SigningKeyError(f"Không mở được tệp khóa ký số của {spec.label}: sai mật khẩu hoặc tệp hỏng.")
        yield signer
        return
    if spec.kind == "pkcs11":
        try:
            from pyhanko.sign import pkcs11
        except ImportError as exc:  # python-pkcs11 is an optional extra
            raise SigningKeyError("Máy chủ chưa cài hỗ trợ thiết bị ký số (gói python-pkcs11, "
                                  "pip install 'pyHanko[pkcs11]').") from exc
        pin = spec.secret()
        session = pkcs11.open_pkcs11_session(spec.pkcs11_module, token_label=spec.pkcs11_token or None,
                                             user_pin=pin.decode() if pin is not None else None)
        try:
            yield pkcs11.PKCS11Signer(session, key_label=spec.pkcs11_key, cert_label=spec.pkcs11_key)
        finally:
            session.close()
        return
    raise SigningKeyError(f"Loại khóa ký số của {spec.label} không hợp lệ.")
