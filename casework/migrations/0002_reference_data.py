"""Seed the seven reducing-reoffending pathways (DOMAIN.md) with starting intervention types,
the outcome types the monthly return counts, and the assessment domains. Admins extend them."""

from django.db import migrations

PATHWAYS = {
    "Accommodation": ["Housing application", "Tenancy support", "Emergency accommodation"],
    "Education, training and employment": [
        "CV workshop",
        "Job search",
        "Training or course enrolment",
        "Interview preparation",
    ],
    "Health (mental and physical)": ["GP or health registration", "Mental health referral"],
    "Drugs and alcohol": ["Substance misuse referral", "Harm reduction advice"],
    "Finance, benefit and debt": ["Benefits claim", "ID documents", "Bank account", "Debt advice"],
    "Children and families": ["Family mediation", "Parenting support"],
    "Attitudes, thinking and behaviour": [
        "Gang exit plan",
        "Mentoring conversation",
        "Court support",
        "Prison visit",
        "Conflict resolution",
    ],
}

# (name, category, positive)
OUTCOME_TYPES = [
    ("Entered employment", "employment", True),
    ("Entered education or training", "education", True),
    ("Gained a qualification", "qualification", True),
    ("Secured accommodation", "accommodation", True),
    ("Exited gang", "gang_exit", True),
    ("Reconnected with family", "family", True),
    ("Registered with a GP", "health", True),
    ("Completed a court order", "justice", True),
    ("Lost accommodation", "accommodation", False),
    ("Left employment or training", "employment", False),
]

ASSESSMENT_DOMAINS = [
    "Confidence",
    "Feeling safe",
    "Relationships and family",
    "Education, training and work",
    "Housing stability",
    "Distance from gang life",
]


def seed(apps, schema_editor):
    Pathway = apps.get_model("casework", "Pathway")
    InterventionType = apps.get_model("casework", "InterventionType")
    OutcomeType = apps.get_model("casework", "OutcomeType")
    AssessmentDomain = apps.get_model("casework", "AssessmentDomain")
    for order, (pathway_name, types) in enumerate(PATHWAYS.items(), start=1):
        pathway, _ = Pathway.objects.get_or_create(
            name=pathway_name, defaults={"sort_order": order * 10}
        )
        for type_order, type_name in enumerate(types, start=1):
            InterventionType.objects.get_or_create(
                name=type_name, defaults={"pathway": pathway, "sort_order": type_order * 10}
            )
    for order, (name, category, positive) in enumerate(OUTCOME_TYPES, start=1):
        OutcomeType.objects.get_or_create(
            name=name,
            defaults={"category": category, "is_positive": positive, "sort_order": order * 10},
        )
    for order, name in enumerate(ASSESSMENT_DOMAINS, start=1):
        AssessmentDomain.objects.get_or_create(name=name, defaults={"sort_order": order * 10})


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
