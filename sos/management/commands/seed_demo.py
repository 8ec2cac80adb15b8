"""Load obviously fake demo data, app by app in the order data flows (sos, clients, ...).

Each app that has demo data offers `<app>/demo.py` with `seed(out)`. Idempotent: running it
again changes nothing that is already there, except that the demo logins' backup codes are
topped up again, so `make run` always lets them in.
"""

from importlib import import_module
from importlib.util import find_spec

import pgtrigger
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from sos import demo


class Command(BaseCommand):
    help = __doc__

    @transaction.atomic
    def handle(self, *args, **options):
        # The audit starts with the first change a person makes: inserting the synthetic
        # demo records without their audit events makes seeding about 5x faster (measured on
        # 70,000 rows), which keeps `make run` quick on a fresh clone.
        insert_events = [
            f"{model._meta.label}:{trigger.name}"
            for model, trigger in pgtrigger.registered()
            if trigger.name == "insert_insert"
        ]
        with pgtrigger.ignore(*insert_events):
            for config in apps.get_app_configs():
                if find_spec(config.name) and find_spec(f"{config.name}.demo"):
                    import_module(f"{config.name}.demo").seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        demo.print_logins(self.stdout)
