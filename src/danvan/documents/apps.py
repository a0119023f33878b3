from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from danvan.documents import permissions  # noqa: F401  (registers named permissions)
