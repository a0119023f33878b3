from django.urls import path, re_path

from danvan.carryover import views

app_name = "carryover"

urlpatterns = [
    path("", views.index, name="index"),
    path("don-vi/<int:pk>/", views.propose, name="propose"),
    path("dot/<int:pk>/", views.run_detail, name="run_detail"),
    re_path(r"^dot/(?P<pk>\d+)\.(?P<fmt>docx|xlsx)$", views.run_export, name="run_export"),
]
