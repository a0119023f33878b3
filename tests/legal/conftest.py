import pytest

from danvan.legal import selectors


@pytest.fixture(autouse=True)
def _fresh_legal_cache():
    """Each test's rows are rolled back without signals: never let a cached calendar outlive them."""
    selectors.invalidate()
    yield
    selectors.invalidate()
