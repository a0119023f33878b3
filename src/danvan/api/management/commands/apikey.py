"""``danvan apikey create --name NAME [--unit CODE] [--user USERNAME] [--scope …]`` prints a new key once;
``danvan apikey list`` lists keys (never the keys themselves); ``danvan apikey revoke PREFIX`` revokes one."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.api import services
from danvan.api.models import ApiKey, Scope
from danvan.org.models import Staff, Unit


class Command(BaseCommand):
    help = "Tạo, liệt kê, thu hồi khóa API cho hệ thống khác."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Tạo khóa mới (in ra một lần duy nhất).")
        create.add_argument("--name", required=True, help="Tên hệ thống dùng khóa.")
        create.add_argument("--unit", help="Mã đơn vị: khóa chỉ thấy đơn vị này và cấp dưới.")
        create.add_argument("--user", help="Tên đăng nhập của cán bộ mà khóa thay mặt (mặc định: một tài khoản "
                                           "hệ thống mới thuộc đơn vị, vai trò cán bộ).")
        create.add_argument("--scope", action="append", choices=Scope.values,
                            help="Quyền của khóa (lặp lại để cho nhiều quyền; mặc định: read).")
        sub.add_parser("list", help="Liệt kê khóa (không in khóa).")
        revoke = sub.add_parser("revoke", help="Thu hồi khóa theo tiền tố.")
        revoke.add_argument("prefix")

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "create":
            unit = None
            if options.get("unit"):
                unit = Unit.objects.filter(code=options["unit"]).first()
                if unit is None:
                    raise CommandError(f"Không có đơn vị mã “{options['unit']}”.")
            staff = None
            if options.get("user"):
                staff = Staff.objects.filter(username=options["user"]).first()
                if staff is None:
                    raise CommandError(f"Không có cán bộ tên đăng nhập “{options['user']}”.")
            try:
                made = services.create_key(actor=None, name=options["name"], unit=unit, staff=staff,
                                           scopes=options.get("scope") or [Scope.READ])
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from exc
            key = made.key
            self.stdout.write(made.raw)
            self.stderr.write(f"Khóa “{key.name}” (tiền tố {key.prefix}) thay mặt {key.staff.full_name}"
                              f"{', trong ' + key.unit.name if key.unit else ''}; quyền: {key.scope_labels()}.\n"
                              "Khóa chỉ hiện một lần này: hãy lưu lại ngay. danvan chỉ giữ bản băm.")
        elif action == "list":
            for key in ApiKey.objects.select_related("staff", "unit"):
                state = "đang dùng" if key.is_active else f"thu hồi {key.revoked_at:%d/%m/%Y}"
                used = f"{key.last_used_at:%d/%m/%Y %H:%M}" if key.last_used_at else "chưa dùng"
                self.stdout.write(f"{key.prefix}  {key.name}  {key.staff.full_name}  "
                                  f"{key.unit.name if key.unit else '—'}  {','.join(key.scopes)}  {used}  {state}")
        else:
            key = ApiKey.objects.filter(prefix=options["prefix"]).first()
            if key is None:
                raise CommandError(f"Không có khóa tiền tố “{options['prefix']}”.")
            services.revoke_key(actor=None, key=key)
            self.stdout.write(f"Đã thu hồi khóa {key.prefix} ({key.name}).")
