"""The few fixed queries of every signed-in request, run as prepared statements on PostgreSQL.

The site roles (lms.users.roles), the published pages' version (content.page_cache) and My
learning's fingerprint run on nearly every request, and PostgreSQL spends more CPU planning them
than running them: at 50,000 employees the roles query takes 1.8 ms to plan and 0.2 ms to run.
Django binds parameters in the client and never prepares a statement (so that a pooler such as
PgBouncer in transaction mode keeps working), and so every execution is planned again.

`fetchone` prepares its statement once per connection. PostgreSQL plans the first five runs, and
then keeps one generic plan when it costs no more than those. Statements go through Django's cursor
wrappers, so they are logged, counted by the query-count tests, and seen by execute wrappers.

`DATABASE_PREPARED_STATEMENTS=0` turns this off: a pooler that does not carry prepared
statements (PgBouncer before 1.21, or one without `max_prepared_statements`) needs it off. On
SQLite, queries run on a plain cursor.
"""

from collections.abc import Sequence

from django.conf import settings
from django.db import connections
from django.db.backends.utils import CursorDebugWrapper, CursorWrapper


def _preparing_cursor_class():
    # Imported here: the PostgreSQL backend imports psycopg, which a SQLite set-up need not have.
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """Binds on the server and prepares every statement it executes."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


_cursor_class = None
_NEVER_BY_COUNT = 2**62


def fetchone(sql: str, params: Sequence = (), *, using: str = "default") -> tuple | None:
    """The first row of `sql` (with `%s` placeholders for `params`) on database `using`, from
    a statement prepared on the connection (PostgreSQL, unless turned off)."""
    return _run(sql, params, using=using, fetch=lambda cursor: cursor.fetchone())


def fetchall(sql: str, params: Sequence = (), *, using: str = "default") -> list[tuple]:
    """Every row of `sql`, as `fetchone` runs it."""
    return _run(sql, params, using=using, fetch=lambda cursor: cursor.fetchall())


def as_orm_value(model, name: str, value, *, using: str = "default"):
    """A raw row's `value` of field `name` of `model` as the ORM would give it: the backend's
    converters applied (SQLite hands datetimes over as text)."""
    connection = connections[using]
    column = model._meta.get_field(name).get_col(model._meta.db_table)
    for convert in connection.ops.get_db_converters(column):
        value = convert(value, column, connection)
    return value


def _run(sql: str, params: Sequence, *, using: str, fetch):
    global _cursor_class  # the class is made once, on first use
    connection = connections[using]
    if connection.vendor != "postgresql" or not settings.DATABASE_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return fetch(cursor)
    if _cursor_class is None:
        _cursor_class = _preparing_cursor_class()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # psycopg prepares nothing, even when asked, while this is None (Django's default). A
        # threshold no query reaches keeps every other statement unprepared: Django's cursors
        # bind in the client, which psycopg never prepares anyway.
        raw.prepare_threshold = _NEVER_BY_COUNT
    wrapper = CursorDebugWrapper if connection.queries_logged else CursorWrapper
    with wrapper(_cursor_class(raw), connection) as cursor:
        cursor.execute(sql, params)
        return fetch(cursor)
