from django.urls import path, re_path

from danvan.emulation import views

app_name = "emulation"

urlpatterns = [
    path("", views.index, name="index"),
    path("bo-tieu-chi/moi/", views.scheme_create, name="scheme_create"),
    path("bang-diem/<int:pk>/", views.ranking, name="ranking"),
    re_path(r"^bang-diem/(?P<pk>\d+)/xep-hang\.(?P<fmt>docx|xlsx)$", views.ranking_export, name="ranking_export"),
    re_path(r"^bang-diem/(?P<pk>\d+)/lap-tep-(?P<what>docx|xlsx|phieu)/$", views.ranking_job, name="ranking_job"),
    re_path(r"^bang-diem/(?P<pk>\d+)/(?P<action>ap-dung|cong-bo|thoi-cong-bo|chot|phien-ban-moi)/$",
            views.scheme_action, name="scheme_action"),
    path("bang-diem/<int:pk>/tieu-chi/<int:criterion_pk>/", views.criterion_edit, name="criterion_edit"),
    path("bang-diem/<int:pk>/don-vi/<int:unit_pk>/", views.sheet, name="sheet"),
    re_path(r"^bang-diem/(?P<pk>\d+)/don-vi/(?P<unit_pk>\d+)/phieu\.(?P<fmt>docx|xlsx)$", views.sheet_export,
            name="sheet_export"),
    path("bang-diem/<int:pk>/don-vi/<int:unit_pk>/cham/<int:criterion_pk>/", views.manual_points,
         name="manual_points"),
    path("mo-hinh/", views.model_list, name="model_list"),
    path("mo-hinh/dang-ky/", views.model_create, name="model_create"),
    path("mo-hinh/<int:pk>/", views.model_detail, name="model_detail"),
    re_path(r"^mo-hinh/(?P<pk>\d+)/(?P<action>de-nghi|bieu-quyet|cong-nhan|khong-cong-nhan|cong-khai|thoi-cong-khai)/$",
            views.model_action, name="model_action"),
    path("mo-hinh/<int:pk>/minh-chung/", views.evidence_add, name="evidence_add"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("mo-hinh/<int:pk>/quyet-dinh.docx", views.decision_export, name="decision_export"),
    path("de-nghi/", views.proposal_list, name="proposal_list"),
    path("de-nghi/lap/", views.proposal_create, name="proposal_create"),
    path("de-nghi/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    re_path(r"^de-nghi/(?P<pk>\d+)/(?P<action>trinh|bieu-quyet|chap-thuan|khong-chap-thuan)/$", views.proposal_action,
            name="proposal_action"),
    re_path(r"^de-nghi/(?P<pk>\d+)/(?P<what>to-trinh|quyet-dinh)\.docx$", views.proposal_export,
            name="proposal_export"),
    path("can-bo/", views.staff_quality, name="staff_quality"),
    path("can-bo/xep-loai/", views.staff_rate, name="staff_rate"),
    path("can-bo/boi-duong/them/", views.training_add, name="training_add"),
    path("can-bo/<int:pk>/", views.staff_record, name="staff_record"),
]
