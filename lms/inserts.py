"""Inserting a row that a unique constraint may already hold, in one round trip.

Django's `get_or_create` reads first and, when the row is missing, inserts inside a savepoint
(so that losing a race to another request leaves the transaction usable): four commands for a
new row. `row_insert_new` sends one, `INSERT … ON CONFLICT DO NOTHING RETURNING`, which both
PostgreSQL and SQLite (3.35 and later) run: a conflicting row is skipped, never an error, and
the transaction stays usable. Two requests inserting the same row at once: the second waits for
the first's transaction, then skips the row.
"""

from django.db import connections, models, router


def row_insert_new(instance: models.Model) -> bool:
    """Inserts `instance`, a model row not yet saved, unless a unique constraint holds a row
    with its values already. True when it was inserted (its primary key is then set); False
    when it was skipped (nothing is written). Any other failure (a check constraint, a missing
    foreign key) raises as `save()` would. No signals are sent, as with `bulk_create`."""
    model = type(instance)
    using = router.db_for_write(model, instance=instance)
    connection = connections[using]
    quote = connection.ops.quote_name
    pk = model._meta.pk
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and getattr(instance, field.attname) is None)
    ]
    params = [
        field.get_db_prep_save(field.pre_save(instance, add=True), connection) for field in fields
    ]
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} "  # noqa: S608 - names from the model
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT DO NOTHING RETURNING {quote(pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        made = cursor.fetchone()
    if made is None:
        return False
    setattr(instance, pk.attname, pk.to_python(made[0]))
    instance._state.adding = False
    instance._state.db = using
    return True
