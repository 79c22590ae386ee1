"""Database connections from the environment: persistent connections, or PostgreSQL's pool."""

from tests.lms.settings_probe import settings_probe

SCRIPT = (
    "import json; from django.conf import settings; d = settings.DATABASES['default']; "
    "print(json.dumps({'age': d['CONN_MAX_AGE'], 'checks': d['CONN_HEALTH_CHECKS'], "
    "'pool': d.get('OPTIONS', {}).get('pool')}))"
)


def _database_settings(**variables) -> dict:
    unset = ("DATABASE_POOL", "DATABASE_CONN_MAX_AGE", "DATABASE_POOL_TIMEOUT")
    return settings_probe(SCRIPT, variables=variables, unset=unset)


def test_postgresql_keeps_connections_a_minute_with_health_checks_by_default():
    found = _database_settings(DATABASE_URL="postgres://lms@db.example:5432/lms")
    assert found == {"age": 60, "checks": True, "pool": None}


def test_postgresql_pool_replaces_persistent_connections():
    found = _database_settings(DATABASE_URL="postgres://lms@db.example:5432/lms", DATABASE_POOL="8")
    # Django refuses a pool with CONN_MAX_AGE: the pool turns it off.
    assert found == {
        "age": 0,
        "checks": True,
        "pool": {"min_size": 1, "max_size": 8, "timeout": 10},
    }


def test_sqlite_has_no_pool_even_when_asked():
    found = _database_settings(DATABASE_URL="sqlite:////tmp/lms-test.sqlite3", DATABASE_POOL="8")
    assert found["pool"] is None
    assert found["age"] == 0
