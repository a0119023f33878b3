"""Django's database sessions, each write in one statement.

Django checks that a new key is free with a SELECT before its INSERT, and wraps every session write
in a transaction (BEGIN, the statement, COMMIT): three round trips for a new visitor and three for an
update, on every page that touches the session — among them the citizen's form, twice a filing.
The INSERT that must create already refuses a key in use (the unique key; Django then draws a new
one), and a single statement outside a transaction is atomic by itself, so here a new key is drawn
without the check and, outside a transaction, the write is the statement alone. Inside a
transaction it keeps Django's savepoint, so a refused INSERT does not break the outer transaction.
"""

from __future__ import annotations

from django.contrib.sessions.backends.base import VALID_KEY_CHARS, CreateError, UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import DatabaseError, IntegrityError, connections, router
from django.utils.crypto import get_random_string


class SessionStore(DatabaseSessionStore):
    def _get_new_session_key(self) -> str:
        # 32 characters of 36 (165 bits); a key in use is refused by save(must_create=True), see create().
        return get_random_string(32, VALID_KEY_CHARS)

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        using = router.db_for_write(self.model)
        if connections[using].in_atomic_block:
            return super().save(must_create=must_create)
        obj = self.create_model_instance(self._get_session(no_load=must_create))
        try:
            obj.save(force_insert=must_create, force_update=not must_create, using=using)
        except IntegrityError:
            if must_create:
                raise CreateError from None
            raise
        except DatabaseError:
            if not must_create:
                raise UpdateError from None
            raise
        return None
