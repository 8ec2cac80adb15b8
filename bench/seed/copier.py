"""Writing rows with PostgreSQL COPY, ids assigned here rather than by the database."""

from dataclasses import dataclass, field

from django.db.models import Model


@dataclass
class Ids:
    """The next primary key per table: ids are assigned here, so rows can refer to each
    other without a round trip, and sequences are moved past them at the end."""

    next: dict = field(default_factory=dict)

    def take(self, model) -> int:
        value = self.next.get(model, 1)
        self.next[model] = value + 1
        return value


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
