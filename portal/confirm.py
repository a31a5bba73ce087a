"""A separate confirmation step for actions that cannot be undone (end, suspend, reject, close).

The first POST of a valid form does not act: it shows a page that says what will happen, with what the
user typed carried in hidden fields. Only the POST from that page with ``confirmed=yes`` reaches the
service. "Cancel" posts the same fields back with ``cancel`` set, so the view can show its form again
as the user left it.

Before the confirmation page is shown the action is tried once in a transaction that is always rolled
back (``dry_run``): what the service would refuse (a date before the start, another secretary who
decided first) is shown at the form at once, instead of after the user has confirmed. Services queue
mail and tasks with ``transaction.on_commit``, so a rolled-back try sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRM_FIELD = "confirmed"
CONFIRM_VALUE = "yes"
CANCEL_FIELD = "cancel"


def is_confirmed(request: HttpRequest) -> bool:
    """True for the POST from the confirmation page's "Yes, ..." button."""
    return request.POST.get(CONFIRM_FIELD) == CONFIRM_VALUE and CANCEL_FIELD not in request.POST


def is_cancelled(request: HttpRequest) -> bool:
    """True for the POST from the confirmation page's "Cancel" button."""
    return CANCEL_FIELD in request.POST


@dataclass
class Confirmation:
    """What the confirmation page says: a title, what will happen, the details and the button's words."""

    title: str
    consequence: str
    confirm_label: str
    summary: Sequence[tuple[str, Any]] = field(default_factory=list)
    warnings: Iterable[str] = ()


def render_confirmation(
    request: HttpRequest, *, form: BaseForm, action: str, confirmation: Confirmation
) -> HttpResponse:
    """The confirmation page; the form's submitted values go along as hidden fields."""
    return render(
        request,
        "components/confirm_action.html",
        {
            "confirm_form": form,
            "action": action,
            "confirmation": confirmation,
            "confirm_field": CONFIRM_FIELD,
            "confirm_value": CONFIRM_VALUE,
            "cancel_field": CANCEL_FIELD,
        },
    )


class _RolledBack(Exception):
    pass


def dry_run(action: Callable[[], object]) -> None:
    """Run ``action`` and roll everything back; a ValidationError it raises reaches the caller."""
    try:
        with transaction.atomic():
            action()
            raise _RolledBack
    except _RolledBack:
        pass
