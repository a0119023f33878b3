from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Đơn thư và tiếp công dân")

    def ready(self) -> None:
        # Registers the petition permissions in the one policy.
        from danvan.petitions import daily, permissions  # noqa: F401

        self._connect_public_choices()
        daily.connect()  # every save of a case or a rating moves the daily figures

    @staticmethod
    def _connect_public_choices() -> None:
        """The public form's cached lists are listed anew after any change of what they show."""
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from danvan.org.models import Unit, UnitSuccession
        from danvan.petitions.models import Field
        from danvan.petitions.selectors import invalidate_public_choices

        for model in (Unit, UnitSuccession, Field):
            name = model.__name__
            post_save.connect(invalidate_public_choices, sender=model, dispatch_uid=f"public-choices-save-{name}")
            post_delete.connect(invalidate_public_choices, sender=model, dispatch_uid=f"public-choices-delete-{name}")
        m2m_changed.connect(invalidate_public_choices, sender=Unit.successors.through,
                            dispatch_uid="public-choices-successors")
