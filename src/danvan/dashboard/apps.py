from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "danvan.dashboard"
    label = "dashboard"
    verbose_name = _("Bảng điều hành của lãnh đạo")

    def ready(self) -> None:
        from danvan.dashboard import permissions  # noqa: F401  (registers the named permissions)
