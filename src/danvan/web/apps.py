from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "danvan.web"
    label = "web"
    verbose_name = _("Giao diện")

    def ready(self) -> None:
        # Cached home-page counts are dropped whenever a case is written.
        from django.db.models.signals import post_delete, post_save

        from danvan.petitions.models import Petition
        from danvan.web.selectors import invalidate_figures

        post_save.connect(invalidate_figures, sender=Petition, dispatch_uid="web-figures-petition-save")
        post_delete.connect(invalidate_figures, sender=Petition, dispatch_uid="web-figures-petition-delete")
