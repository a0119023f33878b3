from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "danvan.legal"
    label = "legal"
    verbose_name = _("Thời hạn theo luật")

    def ready(self) -> None:
        """Register the named permissions and the cache invalidation of the calendar and rules."""
        from danvan.legal import permissions, selectors  # noqa: F401

        selectors.connect_signals()
