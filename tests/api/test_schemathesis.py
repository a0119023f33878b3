"""schemathesis walks the OpenAPI document: every operation, bounded generated input, through WSGI.

No answer may be a server error, and every answer must match the document (the error body
included). A ward chairman's key with every scope calls every endpoint, writes included, on a small
batch of generated records; the number of examples per operation is bounded so that the walk
stays under a minute on a developer's machine.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error, response_schema_conformance

from danvan.api import services

from .conftest import auth

pytestmark = pytest.mark.django_db

EXAMPLES = 6


def _schema():
    from drf_spectacular.generators import SchemaGenerator

    raw = json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True), default=str))
    loaded = schemathesis.openapi.from_dict(raw)
    loaded.app = WSGIHandler()
    return loaded


@pytest.fixture
def keep_test_connection():
    """As Django's test client does: a request must not close the test's database connection
    (its transaction holds the test's records); schemathesis calls the real WSGI handler."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def test_every_operation_answers_as_its_document_says(demo_org, users, keep_test_connection):
    from danvan.datagen.generator import generate

    generate(units=1, petitions=5, seed=3, progress=lambda _text: None)
    raw = services.create_key(actor=None, name="schemathesis", staff=users["phuong"],
                              scopes=["read", "petitions.write", "reports.submit"]).raw
    headers = {"Authorization": auth(raw)["HTTP_AUTHORIZATION"]}
    schema = _schema()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))
        def call(case):
            case.call_and_validate(headers=headers, checks=[not_a_server_error, response_schema_conformance])

        call()
