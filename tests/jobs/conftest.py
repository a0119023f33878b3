"""The reporting tests' 2026 yearly request, for the consolidation jobs."""

from tests.reporting.conftest import request_2026, template  # noqa: F401
