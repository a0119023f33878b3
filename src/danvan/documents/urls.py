from django.urls import path

from danvan.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
]
