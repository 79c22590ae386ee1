"""Test databases copied from one migrated template instead of each being migrated.

Migrating an empty database runs some 250 migrations (Wagtail's included) and costs about
40 s of CPU. Each pytest-xdist process used to pay it, in every run. Now the first process
migrates a template, and every test database is a copy of it:
- on PostgreSQL, `CREATE DATABASE ... TEMPLATE`;
- on SQLite, the backup API copies the template file into the usual in-memory test database.

The template's name carries a fingerprint of everything that decides what migrating
produces:
- every migration file;
- the post_migrate handlers of our apps;
- the languages;
- the Django and Wagtail versions.

A changed migration therefore gets a template of its own, and a stale one is never used.
`pytest --create-db` builds the template again anyway. Templates live in `.test-db/` for
SQLite, and as `tpl_<fingerprint>_<database>` databases on PostgreSQL, where building one
drops the older ones of the same database.
"""

import contextlib
import fcntl
import hashlib
import os
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import connections

# Files whose code runs during `migrate` besides the migrations themselves.
_MIGRATE_HOOKS = ("content/handlers.py", "content/roles.py")


def fingerprint() -> str:
    """What migrating an empty database produces depends on this and nothing else."""
    import django
    import wagtail
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256()
    versions = (django.__version__, wagtail.__version__, settings.LANGUAGE_CODE)
    digest.update(repr((versions, settings.LANGUAGES, settings.INSTALLED_APPS)).encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        module = sys.modules[loader.disk_migrations[key].__module__]
        digest.update(repr(key).encode())
        digest.update(Path(module.__file__).read_bytes())
    for hook in _MIGRATE_HOOKS:
        digest.update(Path(settings.BASE_DIR, hook).read_bytes())
    return digest.hexdigest()[:12]


@contextlib.contextmanager
def _locked(name: str) -> Iterator[None]:
    """One process of this checkout at a time builds or copies the template."""
    folder = Path(settings.BASE_DIR, ".test-db")
    folder.mkdir(exist_ok=True)
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _migrate_into(connection, name: str) -> None:
    """Create the database `name` and migrate it, as Django makes a test database."""
    connection.settings_dict["TEST"]["NAME"] = name
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    connection.close()


class _SQLite:
    def __init__(self, connection, key: str):
        self.connection = connection
        self.template = Path(settings.BASE_DIR, ".test-db", f"sqlite-{key}.sqlite3")

    def exists(self) -> bool:
        return self.template.exists()

    def build(self) -> None:
        building = self.template.with_suffix(f".{os.getpid()}.building")
        _migrate_into(self.connection, str(building))
        with sqlite3.connect(building) as database:  # one self-contained file
            database.execute("PRAGMA journal_mode=DELETE")
        for stale in self.template.parent.glob("sqlite-*.sqlite3"):
            stale.unlink()
        building.replace(self.template)

    def copy_to(self, name: str) -> None:
        connection = self.connection
        connection.close()
        settings.DATABASES[connection.alias]["NAME"] = name
        connection.settings_dict["NAME"] = name
        if not connection.creation.is_in_memory_db(name):
            Path(name).write_bytes(self.template.read_bytes())
            return
        connection.ensure_connection()  # the in-memory database lives while this is open
        source = sqlite3.connect(f"file:{self.template}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()


class _PostgreSQL:
    def __init__(self, connection, key: str):
        self.connection = connection
        self.database = connection.settings_dict["NAME"]
        self.template = f"tpl_{key}_{self.database}"[:63]

    def _execute(self, sql: str, params=None) -> list:
        with self.connection._nodb_cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall() if cursor.description else []

    def exists(self) -> bool:
        return bool(self._execute("SELECT 1 FROM pg_database WHERE datname = %s", [self.template]))

    def build(self) -> None:
        quote = self.connection.ops.quote_name
        building = f"tpb_{os.getpid()}_{self.database}"[:63]
        _migrate_into(self.connection, building)
        self.connection.settings_dict["NAME"] = self.database
        others = self._execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'tpl\\_%%' AND datname <> %s"
            " AND substr(datname, 18) = %s",
            [self.template, self.database[:46]],
        )
        for (other,) in others:
            self._execute(f"DROP DATABASE IF EXISTS {quote(other)}")
        self._execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(self.template)}")

    def copy_to(self, name: str) -> None:
        quote = self.connection.ops.quote_name
        self.connection.close()
        self._execute(f"DROP DATABASE IF EXISTS {quote(name)}")
        self._execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(self.template)}")
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name


def _backend(connection, key: str):
    vendor = connection.vendor
    if vendor == "sqlite":
        return _SQLite(connection, key)
    if vendor == "postgresql":
        return _PostgreSQL(connection, key)
    return None


def setup_databases(*, rebuild: bool, serialize: bool):
    """Give the default database its test copy; return what `teardown_databases` needs, or
    None when this set-up does not apply (another backend, or a second database that is not a
    mirror) and Django's own must be used."""
    aliases = list(settings.DATABASES)
    mirrors = {
        alias: settings.DATABASES[alias]["TEST"]["MIRROR"]
        for alias in aliases
        if settings.DATABASES[alias].get("TEST", {}).get("MIRROR")
    }
    if set(aliases) - set(mirrors) != {"default"}:
        return None
    connection = connections["default"]
    key = fingerprint()
    backend = _backend(connection, key)
    if backend is None:
        return None
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    test_setting = connection.settings_dict["TEST"].get("NAME")
    with _locked(f"{connection.vendor}-{key}"):
        if rebuild or not backend.exists():
            backend.build()
            connection.settings_dict["TEST"]["NAME"] = test_setting
        backend.copy_to(test_name)
    for alias, mirror in mirrors.items():
        connections[alias].creation.set_as_test_mirror(connections[mirror].settings_dict)
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    return connection, old_name


def teardown_databases(state, *, keepdb: bool) -> None:
    connection, old_name = state
    connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=keepdb)
