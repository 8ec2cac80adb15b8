"""Optimistic locking for edit forms: a save based on an old version is refused, not merged.

Models opt in with a `version` integer field; forms carry the version they were opened on.
"""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import transaction


class EditConflict(Exception):
    """Someone else saved the record after this form was opened."""

    def __init__(self, current):
        super().__init__("The record changed since the form was opened")
        self.current = current


class VersionedFormMixin(forms.Form):
    """Adds the hidden version the form was opened on."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version


def rebased_data(data, current) -> dict:
    """The posted data, now based on the current version: after a conflict the user has seen
    the other save, so their next save (of what they typed, kept intact) may replace it."""
    data = data.copy()
    data["version"] = current.version
    return data


@transaction.atomic
def save_versioned(form, **changes):
    """Save a valid versioned model form unless the row moved on since the form was opened.

    The row lock makes two simultaneous saves of the same version queue up: the first wins and
    the second sees the new version and raises EditConflict. `changes` are extra attributes the
    view sets (never fields the user could post)."""
    model = type(form.instance)
    current = model.objects.select_for_update().get(pk=form.instance.pk)
    if current.version != form.cleaned_data["version"]:
        raise EditConflict(current)
    obj = form.save(commit=False)
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.version = current.version + 1
    obj.save()
    form.save_m2m()
    return obj


def differences(form, current) -> list[tuple[str, str, str]]:
    """(label, saved by the other person, typed here) for each field the two versions disagree
    on, so the person whose save was refused can see both before deciding."""
    rows = []
    for name, field in form.fields.items():
        try:
            model_field = current._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if name == "version" or model_field.many_to_many:
            continue
        theirs, yours = (model_field.value_from_object(obj) for obj in (current, form.instance))
        if theirs != yours:
            rows.append((str(field.label), _shown(current, name), _shown(form.instance, name)))
    return rows


def _shown(obj, name: str) -> str:
    display = getattr(obj, f"get_{name}_display", None)
    value = display() if display else getattr(obj, name)
    return "" if value is None else str(value)


@dataclass
class VersionedEdit:
    """The outcome of posting a versioned edit form: the form to show, and either the saved
    object or the conflicting current version with the fields that differ."""

    form: forms.Form
    saved: object = None
    conflict: object = None
    changes: list | None = None


def edit_versioned(make_form, data, *, save=save_versioned) -> VersionedEdit:
    """Bind `make_form(data)` and save it with `save(form=...)` unless someone else saved the
    record first; then rebuild the form on the current version with the typed data intact.
    `data` is None for a GET."""
    form = make_form(data)
    if not form.is_valid():
        return VersionedEdit(form)
    try:
        return VersionedEdit(form, saved=save(form=form))
    except EditConflict as error:
        rebuilt = make_form(rebased_data(data, error.current))
        return VersionedEdit(
            rebuilt, conflict=error.current, changes=differences(form, error.current)
        )
