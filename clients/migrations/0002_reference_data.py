"""Seed the reference lists admins may later extend (referral sources, closure reasons,
offence categories, risk flags): DOMAIN.md and the client records issue name these."""

from django.db import migrations

REFERENCE_DATA = {
    "ReferralSource": [
        "Prison",
        "Youth offending team",
        "Probation",
        "Police",
        "School",
        "College",
        "Pupil referral unit",
        "Family",
        "Self",
        "Other",
    ],
    "ClosureReason": [
        "Completed",
        "Disengaged",
        "Moved away",
        "Custody",
        "Transferred",
        "Other",
    ],
    "OffenceCategory": [
        "Violence against the person",
        "Possession of a weapon",
        "Robbery",
        "Drug offences",
        "Theft and handling",
        "Burglary",
        "Criminal damage",
        "Public order",
        "Sexual offences",
        "Motoring offences",
        "Breach of order",
        "Other",
    ],
    "RiskFlagType": [
        "Gang affiliation",
        "Weapon carrying",
        "Criminal exploitation or county lines",
        "Self-harm",
        "Risk to staff",
        "Other",
    ],
}


def seed(apps, schema_editor):
    for model_name, names in REFERENCE_DATA.items():
        model = apps.get_model("clients", model_name)
        for order, name in enumerate(names, start=1):
            model.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("clients", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
