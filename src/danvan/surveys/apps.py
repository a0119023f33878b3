from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "danvan.surveys"
    label = "surveys"
    verbose_name = _("Khảo sát sự hài lòng")

    def ready(self) -> None:
        # Registers the survey permissions in the one policy, and the survey offer on the tracking
        # page of a closed case (petitions knows only its list of panels, never this app).
        from danvan.surveys import permissions  # noqa: F401
        from danvan.surveys.views import register_panels

        register_panels()
