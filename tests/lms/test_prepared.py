"""The fixed queries of every request run through lms.prepared: same rows as a plain cursor,
logged and counted like any other query, with prepared statements on or off."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from lms.prepared import fetchall, fetchone
from lms.users.models import User
from tests.factories import UserFactory


def plain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


SQL = f"SELECT id, email FROM {User._meta.db_table} WHERE id >= %s ORDER BY id"  # noqa: S608


@pytest.mark.django_db
@pytest.mark.parametrize("prepared", [True, False])
def test_rows_are_those_of_a_plain_cursor_and_each_query_is_counted(prepared):
    first, second = UserFactory(), UserFactory()
    with (
        override_settings(DATABASE_PREPARED_STATEMENTS=prepared),
        CaptureQueriesContext(connection) as queries,
    ):
        for _ in range(7):  # past PostgreSQL's five planned runs of a prepared statement
            rows = fetchall(SQL, [first.pk])
            one = fetchone(SQL, [second.pk])
    assert [tuple(row) for row in rows] == [tuple(row) for row in plain(SQL, [first.pk])]
    assert rows[-1][1] == second.email
    assert tuple(one) == (second.pk, second.email)
    assert len(queries) == 14


@pytest.mark.django_db
def test_no_row_is_none():
    assert fetchone(SQL, [10**12]) is None
    assert fetchall(SQL, [10**12]) == []


@pytest.mark.django_db
def test_a_bad_query_raises_the_databases_error_and_the_next_query_works():
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError), transaction.atomic():
        fetchone("SELECT no_such_column FROM users_user WHERE id = %s", [1])
    user = UserFactory()
    assert fetchone(SQL, [user.pk])[0] == user.pk
