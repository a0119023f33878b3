from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Đơn thư và tiếp công dân")

    def ready(self) -> None:
        # Registers the petition permissions in the one policy.
        from danvan.petitions import permissions  # noqa: F401
