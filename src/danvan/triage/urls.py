from django.urls import path

from danvan.triage import views

app_name = "triage"

urlpatterns = [
    path("", views.accuracy, name="accuracy"),
]
