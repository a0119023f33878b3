from django.urls import path

from danvan.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.index, name="index"),
    path("ngon-ngu/<str:lang>/", views.language, name="language"),
    path("van-ban/<int:pk>/tep/", views.document_file, name="document_file"),
    path("quan-ly/", views.manage, name="manage"),
    path("quan-ly/tin/them/", views.news_add, name="news_add"),
    path("quan-ly/tin/<int:pk>/", views.news_edit, name="news_edit"),
    path("quan-ly/cong-khai/them/", views.disclosure_add, name="disclosure_add"),
    path("quan-ly/cong-khai/<int:pk>/", views.disclosure_edit, name="disclosure_edit"),
    path("<slug:code>/", views.home, name="home"),
    path("<slug:code>/tra-loi/", views.answers, name="answers"),
    path("<slug:code>/tra-loi/tim/", views.find_answer, name="find_answer"),
    path("<slug:code>/tra-loi/<str:case>/", views.answer_detail, name="answer_detail"),
    path("<slug:code>/cong-khai/", views.disclosure, name="disclosure"),
    path("<slug:code>/tin-tuc/", views.news_list, name="news_list"),
    path("<slug:code>/tin-tuc/<int:pk>/", views.news_detail, name="news_detail"),
    path("<slug:code>/van-ban/", views.documents, name="documents"),
]
