"""Posting a create form twice with its one-time token, as a double click or a refresh does."""

from __future__ import annotations

import re
from typing import Any

from django.db.models import Model

_FORM = re.compile(r"<form\b[^>]*>", re.S)


def token_for(html: str, action: str | None = None) -> str:
    """The one-time token of the form posting to ``action`` (the page itself when None)."""
    for match in _FORM.finditer(html):
        tag = match.group(0)
        if 'method="post"' not in tag.lower():
            continue
        found = re.search(r'action="([^"]*)"', tag)
        if (found.group(1) if found else None) != action and not (action is None and found and not found.group(1)):
            continue
        once = re.search(r'name="once" value="([^"]+)"', html[match.end():html.find("</form>", match.end())])
        assert once, f"the form posting to {action or 'its page'} carries no one-time token"
        return once.group(1)
    raise AssertionError(f"no form posting to {action or 'its page'}")


def post_twice(client, page: str, data: dict[str, Any], model: type[Model], *, action: str | None = None,
               files: dict[str, Any] | None = None) -> Any:
    """Open ``page``, post its form twice with the same token; exactly one ``model`` row is added.

    Returns the second response (a redirect to the first one's result)."""
    token = token_for(client.get(page).content.decode(), action)
    before = model.objects.count()
    url = action or page
    first = client.post(url, {**data, "once": token, **(files() if callable(files) else {})})
    assert first.status_code == 302, first.content.decode()[:3000]
    second = client.post(url, {**data, "once": token, **(files() if callable(files) else {})})
    assert model.objects.count() == before + 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    return second
