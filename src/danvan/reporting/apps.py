from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Báo cáo")

    def ready(self) -> None:
        from danvan.reporting import permissions  # noqa: F401  (registers report.* in the policy)
