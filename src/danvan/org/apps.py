from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "danvan.org"
    label = "org"
    verbose_name = _("Tổ chức")

    def ready(self) -> None:
        # Every date field of every form, including forms added later, is typed as dd/mm/yyyy.
        from django import forms

        from danvan.org.widgets import DateTextInput

        forms.DateField.widget = DateTextInput
