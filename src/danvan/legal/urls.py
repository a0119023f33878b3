from django.urls import path

from danvan.legal import views

app_name = "legal"

urlpatterns = [
    path("", views.rule_list, name="rule_list"),
    path("quy-tac/them/", views.rule_edit, name="rule_add"),
    path("quy-tac/<str:rule_id>/<str:valid_from>/sua/", views.rule_edit, name="rule_edit"),
    path("quy-tac/dong/<int:pk>/xoa/", views.rule_delete, name="rule_delete"),
    path("lich/", views.calendar_redirect, name="calendar_current"),
    path("lich/<int:year>/", views.calendar, name="calendar"),
    path("ngay/them/", views.day_edit, name="day_add"),
    path("ngay/<int:pk>/sua/", views.day_edit, name="day_edit"),
    path("ngay/<int:pk>/xoa/", views.day_delete, name="day_delete"),
]
