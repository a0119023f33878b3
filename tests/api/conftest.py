"""Keys for the API tests: one per person and scopes, sent as the other systems send them."""

from __future__ import annotations

import pytest

from danvan.api import services


def auth(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {raw}"}


@pytest.fixture
def key_for(users):
    """``key_for("canbo", "read", unit=...)`` → the raw key (acting as that person)."""

    def make(username: str, *scopes: str, unit=None) -> str:
        return services.create_key(actor=None, name=f"Hệ thống thử {username}", staff=users[username], unit=unit,
                                   scopes=list(scopes) or ["read"]).raw

    return make
