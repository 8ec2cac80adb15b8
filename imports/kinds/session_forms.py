"""The web form for logging a session, bound once per imported row. The rules are the form's
own (casework.forms.session.SessionFormBase: date not in the future and within the case's
referral and closure, duration 1 to 720 minutes, no interventions in a session not attended);
only how interventions are looked up changes: from a list loaded once per file."""

from django import forms

from casework.forms.session import SessionFormBase
from casework.models import Session
from clients.models import Case
from imports.kinds.client_forms import LoadedChoicesMixin

SEPARATOR = ";"


class LoadedMultipleChoiceField(forms.Field):
    """Several objects loaded once for the whole file, named in one cell separated by ";" and
    matched by lower-cased name."""

    def __init__(self, *, options: dict, unknown: str, **kw):
        super().__init__(**kw)
        self.options, self.unknown = options, unknown

    def to_python(self, value) -> list:
        names = [name.strip() for name in str(value or "").split(SEPARATOR) if name.strip()]
        unknown = [name for name in names if name.lower() not in self.options]
        if unknown:
            raise forms.ValidationError(f"{self.unknown}: {', '.join(unknown)}.")
        # dict.fromkeys: a type named twice is still delivered once (session_intervention_once).
        return list(dict.fromkeys(self.options[name.lower()] for name in names))


class SessionImportForm(LoadedChoicesMixin, SessionFormBase):
    """A session of the case the row names; the form checks its date against that case.

    Built once per file and re-bound for each row (`check`): building a form copies every
    field, which was a third of the time an import of 10,000 sessions took."""

    def __init__(self, *args, case: Case | None = None, **kwargs):
        super().__init__(*args, instance=Session(case=case), **kwargs)

    def check(self, data: dict, *, case: Case | None) -> bool:
        """Whether `data` is a valid session of `case`; `instance` is then that session."""
        self.data, self.instance, self._errors = data, Session(case=case), None
        return self.is_valid()

    def validate_unique(self):
        # A session has no unique field a row sets, and its one table constraint (duration in
        # range) is QuickDurationMixin's rule, held again by the database on insert. Django
        # would build a query per row to re-check it.
        pass
