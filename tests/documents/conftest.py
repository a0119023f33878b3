"""Fixtures of the documents tests."""

from __future__ import annotations

import io

import pytest

from danvan.documents import demo


@pytest.fixture
def keys_loaded(demo_org, settings, tmp_path):
    """The demo's certificate authority, committee and chairman keys, in a folder of this test's own."""
    settings.DANVAN_SIGNING_DIR = tmp_path / "signing"
    demo.load(io.StringIO())
    return demo_org
