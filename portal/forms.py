"""Form helpers shared by every app: the form renderer and showing a service's errors on a form."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.forms import BaseForm, ChoiceField, ModelChoiceField
from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every form and field with the portal's templates (templates/django/forms/).

    Each field shows its label without a colon and with "(optional)" when it is not required, its hint
    and its errors linked to the input with aria-describedby, and a checkbox beside its label. The
    error summary at the top of the form is components/error_summary.html.
    """

    form_template_name = "django/forms/div.html"
    field_template_name = "django/forms/field.html"


def form_has_errors(form: object) -> bool:
    """True for a bound form that failed validation (a form that was not submitted has no errors)."""
    return isinstance(form, BaseForm) and form.is_bound and bool(form.errors)


class DistinctErrorsMixin:
    """Shows each message once per field, e.g. when both the form field and the model's clean() refuse
    the same value with the same words."""

    _errors: Any

    def add_error(self, field: str | None, error: Any) -> None:
        super().add_error(field, error)  # type: ignore[misc]
        for errors in self._errors.values():
            seen: set[str] = set()
            kept = []
            for item in errors.data:
                text = " ".join(
                    str(message) for message in (item if isinstance(item, ValidationError) else [item])
                )
                if text not in seen:
                    seen.add(text)
                    kept.append(item)
            errors.data[:] = kept


def set_empty_choice(field: Any, label: Any) -> None:
    """Replace the "---------" empty choice of a select with words that say what to do ("Choose ...")."""
    if isinstance(field, ModelChoiceField):
        field.empty_label = label
        field.widget.choices = field.choices
    elif isinstance(field, ChoiceField):
        choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
        field.choices = [("", label), *((value, text) for value, text in choices if value != "")]


def add_service_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field when it names one, else at the top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(field if field in form.fields else None, error)
    else:
        form.add_error(None, exc)
