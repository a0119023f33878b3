from django.urls import path

from danvan.petitions import views

app_name = "petitions"

urlpatterns = [
    path("", views.petition_list, name="petition_list"),
    path("xuat.<str:fmt>", views.petition_export, name="petition_export"),
    path("tiep-nhan/", views.petition_create, name="petition_create"),
    path("<int:pk>/", views.petition_detail, name="petition_detail"),
    path("<int:pk>/xu-ly/", views.petition_action, name="petition_action"),
    path("<int:pk>/thong-bao/<str:which>/", views.notice_issue, name="notice_issue"),
    path("<int:pk>/thong-bao/<str:which>.docx", views.notice, name="notice"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment"),
    path("gui/", views.public_submit, name="public_submit"),
    path("gui/da-gui/", views.public_submitted, name="public_submitted"),
    path("tra-cuu/", views.public_track, name="public_track"),
    path("tra-cuu/tep/<str:token>/", views.public_attachment_download, name="public_attachment"),
]
