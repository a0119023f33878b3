"""``danvan docs verify FILE [--json]``: the digital signatures of a PDF, as the registry checks them.

Exit status 0 when every signature is intact, trusted and was valid when made; 1 when the file was
changed after signing (or is damaged); 2 when it is intact but not trusted, or unsigned.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.documents.electronic import verify
from danvan.documents.models import VerificationStatus

EXIT = {"valid": 0, "altered": 1, "damaged": 1, "untrusted": 2, "unsigned": 2}
YES_NO = {True: "có", False: "không"}


class Command(BaseCommand):
    help = "Kiểm tra chữ ký số của tệp PDF: còn nguyên vẹn không, ai ký, ký lúc nào, chứng thư có tin cậy không."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("verify", help="Kiểm tra chữ ký số của một tệp PDF.")
        check.add_argument("file")
        check.add_argument("--json", action="store_true", help="In kết quả dưới dạng JSON.")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror}.") from exc
        result = verify(data)
        if options["json"]:
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(f"{path.name}: {VerificationStatus(result.status).label}")
            for number, signature in enumerate(result.signatures, start=1):
                self.stdout.write(
                    f"  Chữ ký {number}: {signature.signer or 'không đọc được chữ ký'}"
                    + (f" — {signature.organisation}" if signature.organisation else "")
                    + f"\n    ký lúc {signature.signed_at or 'không rõ'}; nguyên vẹn: {YES_NO[signature.intact]}; "
                    f"không bị sửa sau khi ký: {YES_NO[signature.unchanged_after]}; chứng thư tin cậy: "
                    f"{YES_NO[signature.trusted]}; còn hiệu lực khi ký: {YES_NO[signature.valid_at_signing]}"
                    + ("; CHỈ DÙNG THỬ" if signature.demo else ""))
        self.stdout.flush()
        code = EXIT[result.status]
        if code:
            sys.exit(code)
