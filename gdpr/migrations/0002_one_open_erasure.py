from django.conf import settings
from django.db import migrations, models


def drop_duplicate_open_requests(apps, schema_editor):
    """Before one open request per young person is enforced: a later open request for someone
    who already has one asked for the same thing again; the earliest is kept."""
    ErasureRequest = apps.get_model("gdpr", "ErasureRequest")
    kept = set()
    for erasure in ErasureRequest.objects.filter(approved_at__isnull=True).order_by(
        "requested_at", "pk"
    ):
        if erasure.client_id in kept:
            erasure.delete()
        kept.add(erasure.client_id)


def seed_closure_reason(apps, schema_editor):
    """The reason support still open is closed with when its young person is anonymised."""
    ClosureReason = apps.get_model("clients", "ClosureReason")
    ClosureReason.objects.get_or_create(
        name="Record anonymised", defaults={"is_active": False, "sort_order": 900}
    )


class Migration(migrations.Migration):
    # Seeded before reference lists are audited, like every other seeded entry: an audit row
    # written by a migration would be in the test database's serialized rows, which are
    # restored by UPDATE and refused by the append-only guard.
    run_before = [("clients", "0008_reference_history")]
    dependencies = [
        ("clients", "0007_justice_events_from_offences"),
        ("gdpr", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(drop_duplicate_open_requests, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="erasurerequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("approved_at__isnull", True)),
                fields=("client",),
                name="one_open_erasure_per_client",
            ),
        ),
        migrations.RunPython(seed_closure_reason, migrations.RunPython.noop),
    ]
