from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "danvan.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin cho người dân")

    def ready(self) -> None:
        from danvan.portal import notify, permissions  # noqa: F401  (permissions; e-mails to citizens)

        notify.connect_signals()
