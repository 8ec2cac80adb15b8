"""Who opened which record, when: the access log. Never the record's values, only its type
and id, so the log itself holds no personal data beyond who looked."""

import pghistory
import pgtrigger
from django.conf import settings
from django.db import models
from django_otp_webauthn.models import WebAuthnCredential

from sos.event_tables import event_meta


class AccessRecordQuerySet(models.QuerySet):
    def of_clients(self):
        return self.filter(client__isnull=False)


class AccessRecord(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # A B-tree, not a BRIN, although rows are appended in `at` order: the newest-first page
    # reads it backwards and stops after one page, which a BRIN cannot do, and with it in
    # place PostgreSQL never chose a BRIN for a date range either (EXPLAIN at 5M rows).
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    route = models.CharField(max_length=100, help_text="The page or download, e.g. clients:detail.")
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.BigIntegerField(null=True, blank=True)
    # The young person the record is about, to search by client. No database constraint: the
    # log must outlive anything that happens to the record, and never block it.
    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AccessRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["user", "at"]),
            models.Index(fields=["client", "at"]),
        ]
        # The log is evidence: a database trigger refuses every UPDATE and DELETE, whatever
        # the code path (ORM, bulk update, raw SQL). Same name as pghistory's event guard.
        triggers = [
            pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return f"{self.user_id} opened {self.route} {self.object_id or ''} at {self.at:%c}"


# Passkeys are sign-in events too: each added, used (a sign-in moves last_used_at), renamed
# (the name is how its owner tells which one to remove) or removed is recorded with who did
# it, through a proxy of the library's table (as sos.models does for StaffBorough; sos
# cannot hold it, since the library's models import the user model).
# The public key and credential id stay out: the record says which passkey, not its material.
@pghistory.track(
    pghistory.InsertEvent("passkey.add"),
    pghistory.UpdateEvent("passkey.use", condition=pghistory.AnyChange("last_used_at")),
    pghistory.UpdateEvent("passkey.rename", condition=pghistory.AnyChange("name")),
    pghistory.DeleteEvent("passkey.remove"),
    fields=["id", "user", "name", "created_at", "last_used_at"],
    obj_field=None,
    model_name="PasskeyEvent",
    meta=event_meta(),
)
class PasskeyRecord(WebAuthnCredential):
    class Meta:
        proxy = True
