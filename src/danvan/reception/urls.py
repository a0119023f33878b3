from django.urls import path, re_path

from danvan.reception import views

app_name = "reception"

urlpatterns = [
    path("", views.session_list, name="session_list"),
    path("buoi/them/", views.session_edit, name="session_add"),
    path("buoi/<int:pk>/", views.session_detail, name="session_detail"),
    path("buoi/<int:pk>/sua/", views.session_edit, name="session_edit"),
    path("buoi/<int:session_pk>/ghi-so/", views.entry_add, name="entry_add"),
    path("so/", views.book, name="book"),
    path("so/them/", views.entry_add, name="entry_add_free"),
    re_path(r"^so/xuat\.(?P<fmt>xlsx|docx)$", views.book_export, name="book_export"),
    path("so/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("so/<int:pk>/sua/", views.entry_edit, name="entry_edit"),
    path("so/<int:pk>/tra-loi/", views.entry_reply, name="entry_reply"),
    path("so/<int:pk>/tao-ho-so/", views.entry_create_petition, name="entry_create_petition"),
    path("tan-suat/", views.frequency, name="frequency"),
    path("doi-thoai/", views.dialogue_list, name="dialogue_list"),
    path("doi-thoai/them/", views.dialogue_edit, name="dialogue_add"),
    path("doi-thoai/hoi-nghi/", views.conference_status, name="conference_status"),
    path("doi-thoai/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("doi-thoai/<int:pk>/sua/", views.dialogue_edit, name="dialogue_edit"),
    path("doi-thoai/<int:pk>/y-kien/", views.issue_add, name="issue_add"),
    path("doi-thoai/<int:pk>/cam-ket/", views.commitment_add, name="commitment_add"),
    path("doi-thoai/<int:pk>/bien-ban.docx", views.dialogue_minutes, name="dialogue_minutes"),
    path("cam-ket/", views.figure_commitments, name="figure_commitments"),
    path("cam-ket/<int:pk>/xong/", views.commitment_done, name="commitment_done"),
]
