from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CarryOverConfig(AppConfig):
    name = "danvan.carryover"
    label = "carryover"
    verbose_name = _("Chuyển giao công việc khi sắp xếp đơn vị")

    def ready(self) -> None:
        from danvan.carryover import permissions  # noqa: F401  (registers the named permissions)
