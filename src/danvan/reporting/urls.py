from django.urls import path, re_path

from danvan.reporting import views

app_name = "reporting"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("tao/", views.request_create, name="request_create"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/lap/", views.submission_open, name="submission_open"),
    path("<int:pk>/tong-hop/", views.consolidation, name="consolidation"),
    path("<int:pk>/tong-hop/soan/", views.consolidated_open, name="consolidated_open"),
    path("<int:pk>/tong-hop/cap-so/", views.consolidated_issue, name="consolidated_issue"),
    path("<int:pk>/tong-hop/van-ban-dien-tu/", views.consolidated_outgoing, name="consolidated_outgoing"),
    re_path(r"^(?P<pk>\d+)/tong-hop\.(?P<fmt>docx|xlsx)$", views.consolidation_export, name="consolidation_export"),
    re_path(r"^(?P<pk>\d+)/tong-hop/lap-tep-(?P<fmt>docx|xlsx)/$", views.consolidation_job, name="consolidation_job"),
    path("nop/<int:pk>/", views.submission_detail, name="submission_detail"),
    re_path(r"^nop/(?P<pk>\d+)/(?P<action>nop|tra-lai|tiep-nhan)/$", views.submission_action,
            name="submission_action"),
    path("nop/<int:pk>/tep/", views.attachment_add, name="attachment_add"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    re_path(r"^nop/(?P<pk>\d+)/bao-cao\.(?P<fmt>docx|xlsx)$", views.submission_export, name="submission_export"),
]
