"""Load obviously fake demo data, app by app in the order data flows (sos, clients, ...).

Each app that has demo data offers `<app>/demo.py` with `seed(out)`. Idempotent: running it
again changes nothing that is already there.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from sos import demo


class Command(BaseCommand):
    help = __doc__

    @transaction.atomic
    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if find_spec(config.name) and find_spec(f"{config.name}.demo"):
                import_module(f"{config.name}.demo").seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is loaded."))
        demo.print_logins(self.stdout)
