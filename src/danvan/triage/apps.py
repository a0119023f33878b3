from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TriageConfig(AppConfig):
    name = "danvan.triage"
    label = "triage"
    verbose_name = _("Trợ lý phân loại đơn")

    def ready(self) -> None:
        # Registers the named permissions, and the suggestions panel and the triage listener in
        # petitions' hooks (petitions never imports this app).
        from danvan.petitions import hooks
        from danvan.triage import permissions, selectors, services  # noqa: F401

        hooks.register_triage_panel(selectors.triage_panel)
        hooks.register_on_triaged(services.record_choice)
