"""The read replica: configured from the environment, never written, never migrated."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from lms.db_router import REPLICA, PrimaryReplicaRouter, replica_alias
from lms.users.models import User

ROOT = Path(__file__).resolve().parents[2]


def _settings_with(env: dict) -> str:
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "replica = settings.DATABASES.get('replica'); "
        "print(replica and (replica['ENGINE'], replica['NAME'], replica['HOST'], "
        "replica['TEST']['MIRROR'])); print(settings.DATABASE_ROUTERS)"
    )
    result = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_replica_url_adds_a_replica_alias_that_tests_mirror_to_the_primary():
    out = _settings_with({"DATABASE_REPLICA_URL": "postgres://reader@replica.internal:5432/lms"})
    assert "('django.db.backends.postgresql', 'lms', 'replica.internal', 'default')" in out, out
    assert "lms.db_router.PrimaryReplicaRouter" in out


def test_without_a_replica_url_there_is_no_replica_alias():
    env = {"DATABASE_REPLICA_URL": ""}
    assert _settings_with(env).splitlines()[0] == "None"


def test_without_a_replica_everything_goes_to_the_primary():
    assert replica_alias() == DEFAULT_DB_ALIAS


def test_with_a_replica_only_callers_that_ask_read_it(monkeypatch):
    monkeypatch.setitem(settings.DATABASES, REPLICA, {**settings.DATABASES[DEFAULT_DB_ALIAS]})
    assert replica_alias() == REPLICA
    router = PrimaryReplicaRouter()
    assert router.db_for_read(User) == DEFAULT_DB_ALIAS
    assert router.db_for_write(User) == DEFAULT_DB_ALIAS


def test_the_replica_is_never_migrated():
    router = PrimaryReplicaRouter()
    assert router.allow_migrate(DEFAULT_DB_ALIAS, "users") is True
    assert router.allow_migrate(REPLICA, "users") is False
