"""Which database each query goes to: the primary, and optionally a PostgreSQL read replica.

With DATABASE_REPLICA_URL set, settings add the "replica" alias. Nothing goes there by default:
Django reads and writes the primary ("default"), and migrations run only there. The callers that
may read a little behind the primary ask for the replica by name, through `replica_alias()`:
the nightly full analytics run reads its extracts there (the heaviest reads the City makes), so
they do not compete with deadline-day traffic. The incremental runs after a completion read the
primary: a replica a moment behind would miss the very change they were queued for.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

REPLICA = "replica"


def replica_alias() -> str:
    """The alias to read from when reading a little behind the primary will do: the replica
    if one is configured, else the primary."""
    return REPLICA if REPLICA in settings.DATABASES else DEFAULT_DB_ALIAS


class PrimaryReplicaRouter:
    """Every write, and every read not sent elsewhere with `.using()`, to the primary; the
    replica holds the same rows, so objects from either may be related."""

    def db_for_read(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        # The replica copies the primary's schema; it is never migrated itself.
        return db == DEFAULT_DB_ALIAS
