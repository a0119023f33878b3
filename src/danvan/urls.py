"""URL map. Paths are Vietnamese (without diacritics), as officers read them."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.web import views as web_views
from danvan.web.security import ThrottledAdminAuthenticationForm, ThrottledAuthenticationForm

admin.site.site_header = "danvan — Quản trị"
admin.site.site_title = "danvan"
admin.site.login_form = ThrottledAdminAuthenticationForm

urlpatterns = [
    path("", web_views.home, name="home"),
    path("dang-nhap/", auth_views.LoginView.as_view(authentication_form=ThrottledAuthenticationForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("tiep-can/", web_views.accessibility, name="accessibility"),
    path("quan-tri/", admin.site.urls),
    path("", include("danvan.org.urls")),
    path("thoi-han/", include("danvan.legal.urls")),
    path("van-ban/", include("danvan.documents.urls")),
    path("ke-hoach/", include("danvan.plans.urls")),
    path("", include("danvan.petitions.urls")),  # /don-thu/ for officers; the citizens' form under the portal
    path("tiep-cong-dan/", include("danvan.reception.urls")),
    path("kiem-tra/", include("danvan.inspections.urls")),
    path("khao-sat/", include("danvan.surveys.urls")),
    path("bao-cao/", include("danvan.reporting.urls")),
    path("thi-dua/", include("danvan.emulation.urls")),
    path("chuyen-giao/", include("danvan.carryover.urls")),
    path("bang-dieu-hanh/", include("danvan.dashboard.urls")),
    path("tro-ly-phan-loai/", include("danvan.triage.urls")),
    path("api/", include("danvan.api.urls")),
    path("open311/v2/", include("danvan.api.open311_urls")),
    path("thong-bao/", include("danvan.notifications.urls")),
    path("viec-nen/", include("danvan.jobs.urls")),
    path("cong-thong-tin/", include("danvan.portal.urls")),
]
