from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "api"
    verbose_name = _("Kết nối hệ thống khác (API)")

    def ready(self) -> None:
        from danvan.api import permissions  # noqa: F401  (registers the named permissions)
