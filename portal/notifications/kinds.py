"""The registry of notification kinds: what each kind says, rendered in the reader's language.

A notification row stores only its kind and its parameters; the text is rendered when the row is
shown (in the active language) or e-mailed (in the recipient's preferred language). Each app
registers its kinds from its `AppConfig.ready()`, so the platform never imports a domain app::

    register(
        "membership.approved",
        subject=_("Your membership of {covenant} has been approved"),
        body=_("..."),
    )

Parameters are JSON. A value that differs per language is stored in every language
(`{"covenant": {"nl": "...", "en": "..."}}`, see `per_language` and `in_each_language`); a date is
stored as `{"date": "2026-03-31"}` (see `as_date`) and shown in the reader's date format.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import formats, translation
from django.utils.functional import Promise

if TYPE_CHECKING:
    from .models import Notification, RenderedText

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NotificationKind:
    name: str
    subject: Promise | str
    body: Promise | str = ""


_KINDS: dict[str, NotificationKind] = {}


def register(kind: str, *, subject: Promise | str, body: Promise | str = "") -> NotificationKind:
    """Register what a kind of notification says. Texts are lazy translations with `{name}` fields."""
    entry = NotificationKind(kind, subject, body)
    existing = _KINDS.get(kind)
    if existing is not None and existing != entry:
        raise ImproperlyConfigured(f"notification kind {kind!r} is registered twice with different texts")
    _KINDS[kind] = entry
    return entry


def get_kind(kind: str) -> NotificationKind | None:
    return _KINDS.get(kind)


def registered_kinds() -> list[str]:
    return sorted(_KINDS)


# --- parameters ---------------------------------------------------------------------------------------


def _language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def per_language(**values: str) -> dict[str, str]:
    """A value given in each language, e.g. `per_language(nl=covenant.name_nl, en=covenant.name_en)`."""
    unknown = set(values) - set(_language_codes())
    if unknown:
        raise ValueError(f"unknown language codes: {sorted(unknown)}")
    return {code: str(value) for code, value in values.items()}


def in_each_language(make: Callable[[], Any]) -> dict[str, str]:
    """Evaluate `make()` (e.g. a model's `get_kind_display`) once in every language of the portal."""
    result = {}
    for code in _language_codes():
        with translation.override(code):
            result[code] = str(make())
    return result


def as_date(value: date) -> dict[str, str]:
    """A date, shown in the reader's own date format."""
    return {"date": value.isoformat()}


def _resolve(value: Any, language: str) -> Any:
    if isinstance(value, Mapping):
        if set(value) == {"date"}:
            try:
                return formats.date_format(date.fromisoformat(str(value["date"])), "DATE_FORMAT")
            except ValueError:
                return str(value["date"])
        codes = _language_codes()
        if value and set(value) <= set(codes):
            for code in (language, settings.LANGUAGE_CODE, *codes):
                if value.get(code):
                    return value[code]
            return ""
    return value


class _Params(dict):
    """Fills a text's `{name}` fields; a missing parameter becomes empty instead of breaking a page."""

    def __missing__(self, key: str) -> str:
        return ""


def format_text(text: Promise | str, params: Mapping[str, Any]) -> str:
    """`text` in the active language, its fields filled from `params` resolved for that language."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    template = str(text)
    if not params:
        return template
    return template.format_map(_Params({k: _resolve(v, language) for k, v in params.items()}))


def render(notification: Notification) -> RenderedText:
    """The notification's subject and body in the active language.

    Rows without parameters (written before kinds were registered) or of a kind that is no longer
    registered fall back to the text stored when they were written.
    """
    from .models import RenderedText

    kind = get_kind(notification.kind)
    if kind is None or notification.params is None:
        return RenderedText(notification.subject, notification.body)
    try:
        return RenderedText(
            format_text(kind.subject, notification.params), format_text(kind.body, notification.params)
        )
    except (ValueError, IndexError, AttributeError):  # a malformed stored text: show what was stored
        logger.warning("could not render notification %s", notification.pk, exc_info=True)
        return RenderedText(notification.subject, notification.body)
