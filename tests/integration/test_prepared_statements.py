"""On PostgreSQL the fixed queries of every signed-in request are prepared once per connection
(lms.prepared): planning them cost more than running them. Nothing else is prepared, and each
person still gets their own answers."""

import pytest
from django.db import connection
from django.test import Client, override_settings

from lms.users.roles import site_roles_of
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_my_learning_prepares_the_roles_and_the_fingerprint_and_nothing_else(learner):
    client = Client()
    client.force_login(learner)
    for _ in range(3):
        assert client.get("/learn/").status_code == 200
    statements = prepared_statements()
    assert any('"has_scope"' in sql for sql in statements)  # the roles (lms.users.roles)
    assert any("courses_assignment" in sql for sql in statements)  # My learning's fingerprint
    # The ORM's own queries (the user, the session) are never prepared.
    assert not any('"users_user"."password"' in sql for sql in statements)
    assert not any("django_session" in sql for sql in statements)
    # Prepared once: a statement per query, however many requests ran it.
    assert len(statements) == len(set(statements))


def test_a_prepared_query_answers_each_person_for_themselves(learner, liaison):
    for _ in range(7):  # PostgreSQL keeps a generic plan after five runs
        assert site_roles_of(UserFactory()).has_liaison_scope is False
        liaison.__dict__.pop("_site_roles", None)
        assert site_roles_of(liaison).has_liaison_scope is True


@override_settings(DATABASE_PREPARED_STATEMENTS=False)
def test_turned_off_nothing_more_is_prepared(learner):
    client = Client()
    client.force_login(learner)
    before = prepared_statements()  # what earlier tests prepared on this connection
    for _ in range(3):
        assert client.get("/learn/").status_code == 200
    assert prepared_statements() == before
