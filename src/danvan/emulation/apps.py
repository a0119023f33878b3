from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "danvan.emulation"
    label = "emulation"
    verbose_name = _("Thi đua, khen thưởng")

    def ready(self) -> None:
        from danvan.emulation import permissions  # noqa: F401  (registers emulation.* in the policy)
