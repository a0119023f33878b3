from django.urls import path

from danvan.surveys import views

app_name = "surveys"

urlpatterns = [
    path("", views.survey_list, name="survey_list"),
    path("tao/", views.survey_create, name="survey_create"),
    path("<int:pk>/", views.survey_detail, name="survey_detail"),
    path("<int:pk>/sua/", views.survey_edit, name="survey_edit"),
    path("<int:pk>/trang-thai/", views.survey_status, name="survey_status"),
    path("<int:pk>/cau-hoi/", views.question_add, name="question_add"),
    path("<int:pk>/cau-hoi/<int:question_pk>/xoa/", views.question_delete, name="question_delete"),
    path("<int:pk>/ket-qua/", views.survey_results, name="survey_results"),
    path("papi/", views.papi_index, name="papi"),
    path("papi/nhap/", views.papi_enter, name="papi_enter"),
    path("tra-loi/cam-on/", views.answer_thanks, name="answer_thanks"),
    path("tra-loi/ho-so/<str:token>/", views.answer_case, name="answer_case"),
    path("tra-loi/<str:key>/", views.answer, name="answer"),
]
