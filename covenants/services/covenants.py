"""Covenants and their risk themes: create, edit, move through their status."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.audit.services import audit_record

from .. import workflow
from ..models import (
    STANDARD_RISK_THEMES,
    Covenant,
    RiskTheme,
)
from ._common import _full_clean, _require_secretariat

# --- covenants -------------------------------------------------------------------------------------

COVENANT_FIELDS = (
    "slug",
    "name_nl",
    "name_en",
    "description_nl",
    "description_en",
    "sector",
    "signed_on",
    "starts_on",
    "ends_on",
    "secretariat",
    "contact_email",
    "contact_phone",
    "contact_address",
    "complaint_time_frames",
)


def _check_secretariat_organisation(organisation: Organisation) -> None:
    if organisation.kind != Role.SECRETARIAT:
        raise ValidationError({"secretariat": _("Choose an organisation of the kind “secretariat”.")})


def _check_themes(covenant: Covenant, themes: Iterable[RiskTheme]) -> list[RiskTheme]:
    themes = list(themes)
    foreign = [t for t in themes if not t.is_standard and t.covenant_id != covenant.pk]
    if foreign:
        raise ValidationError({"themes": _("A covenant can only select the standard themes and its own.")})
    return themes


@transaction.atomic
def covenant_create(*, actor: User, themes: Iterable[RiskTheme] = (), **fields: Any) -> Covenant:
    """The secretariat records a new covenant; it starts "in negotiation"."""
    _require_secretariat(actor)
    unknown = set(fields) - set(COVENANT_FIELDS)
    if unknown:
        raise TypeError(f"unknown covenant fields: {sorted(unknown)}")
    covenant = Covenant(**fields)
    _check_secretariat_organisation(covenant.secretariat)
    _full_clean(covenant)
    covenant.save()
    covenant.themes.set(_check_themes(covenant, themes))
    audit_record(actor=actor, action="covenant.created", target=covenant)
    return covenant


@transaction.atomic
def covenant_update(
    *, actor: User, covenant_id: int, themes: Iterable[RiskTheme] | None = None, **fields: Any
) -> Covenant:
    """The secretariat edits a covenant's content, dates, settings and themes (not its status)."""
    _require_secretariat(actor)
    unknown = set(fields) - set(COVENANT_FIELDS)
    if unknown:
        raise TypeError(f"unknown covenant fields: {sorted(unknown)}")
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    for name, value in fields.items():
        setattr(covenant, name, value)
    _check_secretariat_organisation(covenant.secretariat)
    _full_clean(covenant)
    covenant.save(update_fields=[*fields, "updated_at"])
    if themes is not None:
        covenant.themes.set(_check_themes(covenant, themes))
    audit_record(actor=actor, action="covenant.updated", target=covenant, note=", ".join(sorted(fields)))
    return covenant


@transaction.atomic
def covenant_transition(*, actor: User, covenant_id: int, to: Covenant.Status, note: str = "") -> Covenant:
    """Activate a negotiated covenant or end an active one. An ended covenant takes no new members."""
    _require_secretariat(actor)
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    workflow.check_covenant(covenant.status, to)
    from_status = covenant.status
    covenant.status, covenant.status_changed_at = to, timezone.now()
    covenant.save(update_fields=["status", "status_changed_at", "updated_at"])
    audit_record(
        actor=actor, action=f"covenant.{to}", target=covenant, note=f"{from_status} -> {to}. {note}".strip()
    )
    return covenant


@transaction.atomic
def risk_theme_sync_standard() -> int:
    """Make sure the ten standard themes exist with their current names (idempotent). Returns the count."""
    for position, (code, name_nl, name_en) in enumerate(STANDARD_RISK_THEMES, start=1):
        RiskTheme.objects.update_or_create(
            code=code,
            covenant=None,
            defaults={"name_nl": name_nl, "name_en": name_en, "is_standard": True, "position": position * 10},
        )
    return len(STANDARD_RISK_THEMES)


@transaction.atomic
def risk_theme_add(*, actor: User, covenant_id: int, name_nl: str, name_en: str) -> RiskTheme:
    """A covenant adds a theme of its own to the shared list, and selects it."""
    _require_secretariat(actor)
    covenant = Covenant.objects.select_for_update().get(pk=covenant_id)
    name_nl, name_en = name_nl.strip(), name_en.strip()
    if not name_en:
        raise ValidationError({"name_en": _("Give the theme's English name.")})
    if not name_nl:
        raise ValidationError({"name_nl": _("Give the theme's Dutch name.")})
    code = slugify(name_en)[:80] or f"theme-{secrets.token_hex(3)}"
    clash = (
        RiskTheme.objects.filter(covenant=covenant, code=code).exists()
        or RiskTheme.objects.filter(covenant__isnull=True, name_en__iexact=name_en).exists()
    )
    if clash:
        raise ValidationError({"name_en": _("This covenant already has a theme with this name.")})
    theme = RiskTheme(code=code, name_nl=name_nl, name_en=name_en, is_standard=False, covenant=covenant)
    _full_clean(theme)
    theme.save()
    covenant.themes.add(theme)
    audit_record(actor=actor, action="covenant.theme_added", target=covenant, note=name_en)
    return theme
