from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    name = "danvan.legal"
    label = "legal"
    verbose_name = _("Thời hạn theo luật")
