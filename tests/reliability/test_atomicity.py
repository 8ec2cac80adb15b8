"""SECURITY.md "atomicity": an error after the first write of a referral leaves nothing partial.

The case's save is made to fail in PostgreSQL itself: the form is valid, then the case is given
a start of support before its referral date, which the case_started_after_referral check
constraint refuses, after the young person's row has been inserted. `transaction=True` so
client_refer's atomic block is the outermost, real transaction, not a savepoint in the test's."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.utils import timezone

from clients.forms import ClientForm, ReferralForm
from clients.models import Case, Client, ReferralSource
from clients.services import client_refer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def referral_forms(user, borough):
    today = timezone.localdate()
    client_form = ClientForm(
        {
            "first_name": "Jordan",
            "last_name": "Example",
            "date_of_birth": "2009-05-04",
            "gender": "male",
            "ethnicity": "mixed",
            "borough": borough.pk,
        },
        user=user,
    )
    referral_form = ReferralForm(
        {
            "referral_date": today.isoformat(),
            "referral_source": ReferralSource.objects.get(name="School").pk,
        },
        user=user,
    )
    assert client_form.is_valid(), client_form.errors
    assert referral_form.is_valid(), referral_form.errors
    return client_form, referral_form


def test_it_refers_when_nothing_fails(alice, southwark):
    client_form, referral_form = referral_forms(alice, southwark)
    case = client_refer(client_form=client_form, referral_form=referral_form)
    assert Case.objects.filter(pk=case.pk, client__first_name="Jordan").exists()


def test_it_leaves_no_client_when_the_case_save_fails(alice, southwark):
    clients_before, cases_before = Client.objects.count(), Case.objects.count()
    client_form, referral_form = referral_forms(alice, southwark)
    referral_form.instance.index_date = referral_form.instance.referral_date - timedelta(days=1)
    with pytest.raises(IntegrityError, match="case_started_after_referral"):
        client_refer(client_form=client_form, referral_form=referral_form)
    assert client_form.instance.pk is not None  # the first write did happen, then rolled back
    assert not Client.objects.filter(first_name="Jordan").exists()
    assert (Client.objects.count(), Case.objects.count()) == (clients_before, cases_before)
