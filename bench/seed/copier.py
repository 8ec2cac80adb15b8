"""Writing rows with PostgreSQL COPY, ids assigned here rather than by the database."""

from contextlib import contextmanager
from dataclasses import dataclass, field

import pghistory.trigger
import pgtrigger
from django.db import connections, transaction
from django.db.models import Max, Model


@dataclass
class Ids:
    """The next primary key per table: ids are assigned here, so rows can refer to each
    other without a round trip, and sequences are moved past them at the end."""

    next: dict = field(default_factory=dict)

    def take(self, model) -> int:
        value = self.next.get(model, 1)
        self.next[model] = value + 1
        return value

    def start_after_existing(self, models) -> None:
        """Continue each table's ids after the rows it already holds."""
        for model in models:
            self.next[model] = (model.objects.aggregate(last=Max("id"))["last"] or 0) + 1


@contextmanager
def bulk_load(ids: Ids):
    """A transaction for COPYs, yielding its cursor: pghistory's audit triggers are skipped (the
    audit trail starts with the first change a person makes, as seed_demo does; pgtrigger.ignore
    sets a transaction-local flag through Django's cursor) while every other trigger still runs,
    so columns the database keeps (copies, pointers) are right in bulk-loaded rows; at the end
    every table's sequence is moved past the ids `ids` handed out."""
    triggers = [
        f"{model._meta.label}:{trigger.name}"
        for model, trigger in pgtrigger.registered()
        if isinstance(trigger, pghistory.trigger.Event)
    ]
    with (
        transaction.atomic(),
        pgtrigger.ignore(*triggers),
        connections["default"].cursor() as cursor,
    ):
        cursor.execute("SELECT 1")  # sets pgtrigger.ignore for this transaction
        yield cursor
        for model in ids.next:
            table = model._meta.db_table  # our own table names, never input
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                f"(SELECT max(id) FROM {table}))"
            )


class Copier:
    """Rows for one table, buffered and written with COPY on flush (PostgreSQL runs one COPY
    at a time per connection). Fields not given take the model's default."""

    def __init__(self, cursor, model: type[Model]):
        fields = list(model._meta.concrete_fields)
        self.cursor = cursor
        self.names = [f.attname for f in fields]
        self.defaults = {f.attname: _default(f) for f in fields}
        columns = ", ".join(f'"{f.column}"' for f in fields)
        self.sql = f'COPY "{model._meta.db_table}" ({columns}) FROM STDIN'
        self.buffer: list[list] = []
        self.rows = 0

    def write(self, **values) -> None:
        self.buffer.append([values.get(n, self.defaults[n]) for n in self.names])
        self.rows += 1

    def flush(self) -> None:
        if self.buffer:
            with self.cursor.copy(self.sql) as copy:
                for row in self.buffer:
                    copy.write_row(row)
            self.buffer = []

    close = flush


def _default(field):
    """The value COPY writes when a row leaves `field` out (callable defaults are given)."""
    if field.has_default():
        return None if callable(field.default) else field.default
    return None if field.null else field.get_default()
