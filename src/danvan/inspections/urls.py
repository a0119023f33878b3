from django.urls import path

from danvan.inspections import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="inspection_list"),
    path("them/", views.inspection_add, name="inspection_add"),
    path("<int:pk>/", views.inspection_detail, name="inspection_detail"),
    path("<int:pk>/doan/", views.team_add, name="team_add"),
    path("<int:pk>/tieu-chi/", views.line_add, name="line_add"),
    path("<int:pk>/buoc/<slug:step>/", views.inspection_step, name="inspection_step"),
    path("<int:pk>/ket-luan/", views.conclude, name="conclude"),
    path("<int:pk>/ket-luan.docx", views.conclusion_docx, name="conclusion_docx"),
    path("<int:pk>/don-vi/<int:unit_pk>/", views.unit_sheet, name="unit_sheet"),
    path("<int:pk>/kien-nghi/", views.recommendation_add, name="recommendation_add"),
    path("<int:pk>/de-xuat/", views.proposal_add, name="proposal_add"),
    path("kien-nghi/", views.recommendation_list, name="recommendation_list"),
    path("kien-nghi/<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("kien-nghi/<int:pk>/tra-loi/", views.recommendation_answer, name="recommendation_answer"),
    path("kien-nghi/<int:pk>/hoan-thanh/", views.recommendation_complete, name="recommendation_complete"),
    path("minh-chung/<int:pk>/", views.evidence_file, name="evidence_file"),
]
