"""Import a large CSV or XLSX from the command line, as a named member of staff (whose
boroughs scope the import exactly as on the import page). Without --commit it only previews."""

from pathlib import Path

import pghistory
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from imports import services
from imports.kinds import KINDS
from imports.kinds.base import Plan
from sos.access import may_oversee
from sos.models import User

ERRORS_PRINTED = 200


def progress_bar(items, description):
    return tqdm(items, desc=description, unit="", leave=False)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", choices=sorted(KINDS), required=True)
        parser.add_argument("--as", dest="email", required=True, help="the importer's email")
        parser.add_argument("--commit", action="store_true", help="write, not only preview")
        parser.add_argument("--skip-invalid", action="store_true", help="import the valid rows")

    def handle(self, *args, file, kind, email, commit, skip_invalid, **options):
        user = self._importer(email)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from None
        run = services.import_upload(
            user=user, kind=kind, file_name=file.name, content=content, via_command=True
        )
        if not commit:
            plan = services.import_plan(run=run, user=user, progress=progress_bar)
            services.import_cancel(run=run)
            self._report(plan)
            self.stdout.write("Preview only: nothing was written (add --commit to import).")
            return
        # The acting user goes on every audit event the import's writes cause.
        with pghistory.context(user=user.pk, command="import_records"):
            plan = services.import_commit(
                run=run, user=user, skip_invalid=skip_invalid, progress=progress_bar
            )
        self._report(plan)
        if plan.file_errors or (plan.errors and not skip_invalid):
            raise CommandError("Nothing was imported: fix the rows above or use --skip-invalid.")
        self.stdout.write(self.style.SUCCESS(f"Imported {file.name}."))

    def _importer(self, email: str) -> User:
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None or not may_oversee(user):
            raise CommandError("--as must name an active admin or manager.")
        return user

    def _report(self, plan: Plan) -> None:
        for message in plan.file_errors:
            self.stderr.write(message)
        for error in plan.errors[:ERRORS_PRINTED]:
            self.stderr.write(f"row {error.row}, {error.column or 'whole row'}: {error.reason}")
        if len(plan.errors) > ERRORS_PRINTED:
            self.stderr.write(f"... and {len(plan.errors) - ERRORS_PRINTED} more problems")
        self.stdout.write(
            f"{plan.rows} rows: {plan.created} create, {plan.updated} update, "
            f"{plan.unchanged} unchanged, {plan.invalid} invalid."
        )
