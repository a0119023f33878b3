"""/api/v1/ (REST), /api/schema/ (OpenAPI 3), /api/tai-lieu/ (the documentation page)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from danvan.api import docs, views

router = SimpleRouter()
router.register("units", views.UnitViewSet, basename="unit")
router.register("staff", views.StaffViewSet, basename="staff")
router.register("petitions", views.PetitionViewSet, basename="petition")
router.register("notes", views.NoteViewSet, basename="note")
router.register("reception-entries", views.ReceptionEntryViewSet, basename="reception-entry")
router.register("dialogues", views.DialogueViewSet, basename="dialogue")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("tasks", views.TaskViewSet, basename="task")
router.register("report-requests", views.ReportRequestViewSet, basename="report-request")
router.register("submissions", views.SubmissionViewSet, basename="submission")
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("emulation-schemes", views.SchemeViewSet, basename="emulation-scheme")
router.register("surveys", views.SurveyViewSet, basename="survey")
router.register("satisfaction", views.SatisfactionViewSet, basename="satisfaction")
router.register("papi-scores", views.PapiScoreViewSet, basename="papi-score")

app_name = "api"

urlpatterns = [
    path("v1/figures/", views.FiguresView.as_view(), name="figures"),
    path("v1/", include(router.urls)),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("tai-lieu/", docs.DocsView.as_view(url_name="api:schema"), name="docs"),
]
