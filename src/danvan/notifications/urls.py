from django.urls import path

from danvan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("da-doc-het/", views.mark_all_read, name="mark_all_read"),
    path("cai-dat/", views.preferences, name="preferences"),
]
