from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "danvan.inspections"
    verbose_name = _("Kiểm tra công tác dân vận")

    def ready(self) -> None:
        from danvan.inspections import permissions  # noqa: F401  (registers the named permissions)
