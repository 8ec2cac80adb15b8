from django import forms

from imports.kinds import KINDS
from imports.spreadsheets import XLSX_MAGIC, FileError, check_archive
from sos.forms import PlainMessagesMixin

# Larger files go through `manage.py import_records`, which has no upload limit.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")


class UploadForm(PlainMessagesMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=[(kind.name, kind.label) for kind in KINDS.values()],
    )
    file = forms.FileField(
        label="CSV or Excel (.xlsx) file",
        help_text="Up to 10 MB. Nothing is saved until you have checked the preview.",
        error_messages={"required": "Choose the CSV or Excel file to upload."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError("Upload a .csv or .xlsx file.")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is over 10 MB: ask an admin to import it.")
        head = upload.read(len(XLSX_MAGIC))
        upload.seek(0)
        if head == XLSX_MAGIC or upload.name.lower().endswith(".xlsx"):
            # Before anything unpacks it: a zip bomb is refused here, beside the field.
            try:
                check_archive(upload.read())
            except FileError as error:
                raise forms.ValidationError(str(error)) from None
            finally:
                upload.seek(0)
        return upload


class CommitForm(forms.Form):
    skip_invalid = forms.BooleanField(
        required=False, label="Skip the invalid rows and import only the valid ones"
    )
