from django.urls import include, path
from django.views.generic import RedirectView

from danvan.petitions import views

app_name = "petitions"

# Officers' pages, under /don-thu/.
internal = [
    path("", views.petition_list, name="petition_list"),
    path("xuat.<str:fmt>", views.petition_export, name="petition_export"),
    path("tiep-nhan/", views.petition_create, name="petition_create"),
    path("<int:pk>/", views.petition_detail, name="petition_detail"),
    path("<int:pk>/xu-ly/", views.petition_action, name="petition_action"),
    path("<int:pk>/thong-bao/<str:which>/", views.notice_issue, name="notice_issue"),
    path("<int:pk>/thong-bao/<str:which>.docx", views.notice, name="notice"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
]

# The citizens' pages live under the portal (its guard adds limits and headers there); the addresses
# they had under /don-thu/ send people on, query string included.
PORTAL = "cong-thong-tin/"


def _moved(name: str) -> RedirectView:
    return RedirectView.as_view(pattern_name=f"petitions:{name}", query_string=True, permanent=True)


urlpatterns = [
    path(PORTAL + "gui/", views.public_submit, name="public_submit"),
    path(PORTAL + "gui/da-gui/", views.public_submitted, name="public_submitted"),
    path(PORTAL + "tra-cuu/", views.public_track, name="public_track"),
    path(PORTAL + "tra-cuu/tep/<str:token>/", views.public_attachment_download, name="public_attachment"),
    path("don-thu/gui/", _moved("public_submit"), name="moved_public_submit"),
    path("don-thu/gui/da-gui/", _moved("public_submitted"), name="moved_public_submitted"),
    path("don-thu/tra-cuu/", _moved("public_track"), name="moved_public_track"),
    path("don-thu/", include(internal)),
]
