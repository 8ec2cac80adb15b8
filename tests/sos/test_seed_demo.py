from django.core.management import call_command

from sos.models import Borough, Role, User


def test_it_seeds_once_and_changes_nothing_the_second_time(db):
    call_command("seed_demo")
    counts = (Borough.objects.count(), User.objects.count())
    call_command("seed_demo")
    assert (Borough.objects.count(), User.objects.count()) == counts
    assert counts[0] >= 12
    assert 25 <= counts[1] <= 30
    for role in Role:
        assert User.objects.filter(role=role, email__startswith=role.value).exists()


def test_it_puts_every_non_admin_in_a_borough(db):
    call_command("seed_demo")
    assert not User.objects.exclude(role=Role.ADMIN).filter(boroughs=None).exists()
