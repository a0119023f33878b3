from django.urls import path, re_path

from danvan.plans import views

app_name = "plans"

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("nhap/", views.plan_import, name="plan_import"),
    path("nhap/xem-truoc/<int:pk>/", views.plan_import_preview, name="plan_import_preview"),
    path("nhiem-vu/", views.my_duties, name="my_duties"),
    path("nhiem-vu/theo-so-lieu/", views.figure_tasks, name="figure_tasks"),
    path("nhiem-vu/<int:pk>/", views.task_detail, name="task_detail"),
    path("don-vi/<int:pk>/", views.unit_plan_detail, name="unit_plan_detail"),
    path("qua-han/", views.overdue, name="overdue"),
    path("hoat-dong/", views.activity_list, name="activity_list"),
    path("hoat-dong/<slug:kind>/them/", views.activity_add, name="activity_add"),
    path("<int:pk>/", views.plan_detail, name="plan_detail"),
    path("<int:pk>/tien-do/", views.plan_progress, name="plan_progress"),
    path("<int:pk>/giao-viec/", views.cascade, name="cascade"),
    path("<int:pk>/van-ban.docx", views.plan_docx, name="plan_docx"),
    path("<int:pk>/van-ban-dien-tu/", views.plan_outgoing, name="plan_outgoing"),
    re_path(r"^(?P<pk>\d+)/tien-do\.(?P<fmt>xlsx|docx)$", views.progress_export, name="progress_export"),
]
