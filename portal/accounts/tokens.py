"""API tokens: the only writers of ApiToken rows, and the lookup used by the API's authentication."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.audit.services import audit_record

from .models import ApiToken, User

KEY_PREFIX = "imvo_"
#: How many tokens one user may hold at a time.
MAX_ACTIVE_TOKENS = 20
#: "Last used" is written at most this often, so a busy client does not write on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    # The key has 256 random bits, so a fast hash is enough: there is nothing to guess.
    return hashlib.sha256(key.encode()).hexdigest()


def password_stamp(user: User) -> str:
    """Changes whenever the user's password changes (the same HMAC Django uses to end sessions)."""
    return user.get_session_auth_hash()


def api_token_list_for(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens that still work, newest first."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the key, which is never shown again."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    User.objects.select_for_update().filter(pk=user.pk).first()
    if api_token_list_for(user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            {"name": _("You have %(count)s tokens. Revoke one first.") % {"count": MAX_ACTIVE_TOKENS}}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=key[:12], key_hash=hash_key(key), password_stamp=password_stamp(user)
    )
    audit_record(actor=user, action="api_token.created", target=user, note=name)
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of the actor's own tokens (another user's token is "not found")."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=actor, revoked_at__isnull=True)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action="api_token.revoked", target=actor, note=token.name)
    return token


def api_token_revoke_all(*, user: User, reason: str) -> int:
    """Revoke every token of `user` (after a password change or reset); returns how many."""
    count = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    if count:
        audit_record(actor=user, action="api_token.revoked_all", target=user, note=reason)
    return count


def api_token_authenticate(key: str) -> ApiToken | None:
    """The working token with this key (and its active user), or None."""
    if not key.startswith(KEY_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__organisation")
        .filter(key_hash=hash_key(key), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if not hmac.compare_digest(token.password_stamp, password_stamp(token.user)):
        # The password changed without the signals (admin, shell): this token ends now.
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=now)
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def revoke_tokens_on_password_event(
    sender: Any, request: Any = None, user: Any = None, **kwargs: Any
) -> None:
    """allauth signal receiver: password changed, set or reset."""
    if user is not None and user.pk is not None:
        api_token_revoke_all(user=user, reason="password changed")
