"""The OpenAPI document and the page that shows it (Swagger UI from the installed sidecar package,
its start-up script a separate file, its styles a static file: the strict CSP holds)."""

from __future__ import annotations

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny


class SchemaView(SpectacularAPIView):
    """The document is public: it describes the endpoints, never data (every endpoint asks for a key)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []


class DocsView(SpectacularSwaggerSplitView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    template_name = "api/swagger_ui.html"
    title = "danvan API — tài liệu"
