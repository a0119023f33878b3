from django.urls import path, re_path

from danvan.org import views

app_name = "org"

urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/them/", views.unit_edit, name="unit_add"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:pk>/phu-trach/", views.responsibility_add, name="responsibility_add"),
    path("can-bo/", views.staff_list, name="staff_list"),
    path("can-bo/them/", views.staff_edit, name="staff_add"),
    path("can-bo/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("can-bo/<int:pk>/sua/", views.staff_edit, name="staff_edit"),
    path("can-bo/<int:pk>/mat-khau/", views.staff_password, name="staff_password"),
    re_path(r"^danh-muc/(?P<what>units|staff)/xuat\.(?P<fmt>xlsx|csv)$", views.registry_export, name="export"),
    re_path(r"^danh-muc/(?P<what>units|staff)/nhap/$", views.registry_import, name="import"),
]
