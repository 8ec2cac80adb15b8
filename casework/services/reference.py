"""Adding to and retiring from the reference lists; the database audits each write with the
acting admin (pghistory), and refuses deletes."""

from django.db import models, transaction


@transaction.atomic
def reference_add(*, form) -> models.Model:
    """Save a new entry from a valid ReferenceEntryForm: offered on forms at once."""
    return form.save()


@transaction.atomic
def reference_set_active(*, entry: models.Model, active: bool) -> None:
    """Retire `entry` (no longer offered on forms, kept on every record that has it) or offer
    it again."""
    entry.is_active = active
    entry.save(update_fields=["is_active"])
