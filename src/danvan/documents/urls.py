from django.urls import path, re_path

from danvan.documents import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("them/", views.document_create, name="document_create"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("<int:pk>/tep/", views.document_file, name="document_file"),
    path("di/<int:pk>/", views.outgoing_detail, name="outgoing_detail"),
    path("di/<int:pk>/ky-so/", views.outgoing_sign, name="outgoing_sign"),
    path("di/<int:pk>/ban-hanh/", views.outgoing_issue, name="outgoing_issue"),
    re_path(r"^di/(?P<pk>\d+)/van-ban\.(?P<fmt>pdf|docx)$", views.outgoing_file, name="outgoing_file"),
]
