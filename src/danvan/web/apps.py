from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "danvan.web"
    label = "web"
    verbose_name = _("Giao diện")

    def ready(self) -> None:
        # Cached home-page counts are dropped whenever a case or a line of the reception book is written.
        from django.db.models.signals import post_delete, post_save

        from danvan.petitions.models import Petition
        from danvan.reception.models import ReceptionEntry
        from danvan.web.selectors import invalidate_figures

        for model in (Petition, ReceptionEntry):
            name = model.__name__
            post_save.connect(invalidate_figures, sender=model, dispatch_uid=f"web-figures-{name}-save")
            post_delete.connect(invalidate_figures, sender=model, dispatch_uid=f"web-figures-{name}-delete")
