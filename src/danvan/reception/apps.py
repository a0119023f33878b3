from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReceptionConfig(AppConfig):
    name = "danvan.reception"
    label = "reception"
    verbose_name = _("Tiếp công dân và đối thoại")

    def ready(self) -> None:
        """Register the named permissions of reception and dialogues in the one policy module."""
        from danvan.reception import daily, permissions  # noqa: F401

        daily.connect()  # every save of a line of the book moves the daily figures
