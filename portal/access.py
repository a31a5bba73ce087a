"""Central access helpers: deny by default, and answer 404 for both "missing" and "forbidden".

A view never fetches a single object straight from a model manager: it fetches it from a queryset
that a selector has already scoped to what the user may see, through `get_visible_or_404`. A role
that may not use a page at all gets the same 404 as a missing page, so nothing leaks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponseBase
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from portal.accounts.roles import Role, role_of

M = TypeVar("M", bound=Model)
ViewFunc = TypeVar("ViewFunc", bound=Callable[..., HttpResponseBase])
Marked = TypeVar("Marked")

if TYPE_CHECKING:
    from portal.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """What a view behind `role_required` receives: a signed-in user (for the type checker)."""

    user: User
    htmx: Any


def get_visible_or_404(queryset: QuerySet[M], **lookup: Any) -> M:
    """The one object matching `lookup` inside an already scoped queryset, or Http404."""
    try:
        return queryset.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def check_role(request: HttpRequest, roles: tuple[Role, ...]) -> HttpResponseBase | None:
    """None when the request may go on; a login redirect for anonymous users; Http404 otherwise."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if role_of(user) not in roles:
        raise Http404
    return None


def public(view: Marked) -> Marked:
    """Marks a view (a function or a view class) as open to everyone, on purpose.

    It changes nothing at run time; it tells the reader and the access check
    (`portal.access_check`) that the missing role check is not an oversight.
    """
    view.access_public = True  # type: ignore[attr-defined]
    return view


class PublicViewMixin:
    """Class-based views that everyone may use, on purpose (the class form of `@public`)."""

    access_public = True


def signed_in_required(view: ViewFunc) -> ViewFunc:
    """Any signed-in user, also one whose organisation still waits for approval (so no role yet).

    Only for pages that route such a user onwards (the dashboard entry, the waiting page).
    """
    wrapped = login_required(view)
    wrapped.access_signed_in = True  # type: ignore[attr-defined]
    return wrapped


def role_required(*roles: Role) -> Callable[[ViewFunc], ViewFunc]:
    """Decorator: only signed-in users whose organisation has one of `roles` may use the view."""

    def decorator(view: ViewFunc) -> ViewFunc:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            denied = check_role(request, roles)
            if denied is not None:
                return denied
            return view(request, *args, **kwargs)

        wrapped.allowed_roles = roles  # type: ignore[attr-defined]
        return wrapped  # type: ignore[return-value]

    return decorator


class RoleRequiredMixin:
    """Class-based views: set `allowed_roles`; an empty tuple lets nobody in (deny by default)."""

    allowed_roles: tuple[Role, ...] = ()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        denied = check_role(request, self.allowed_roles)
        if denied is not None:
            return denied
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class LoginRequiredAnyRoleMixin(RoleRequiredMixin):
    """Any signed-in user of an approved organisation."""

    allowed_roles = tuple(Role)


def role_permission(*roles: Role) -> type[BasePermission]:
    """A DRF permission class that lets in the given roles only."""

    class HasRole(BasePermission):
        def has_permission(self, request: Any, view: Any) -> bool:
            if role_of(request.user) in roles:
                return True
            if getattr(request.user, "is_authenticated", False):
                # A signed-in stakeholder of the wrong role learns nothing, not even that it exists.
                raise NotFound
            return False

    HasRole.allowed_roles = roles  # type: ignore[attr-defined]
    HasRole.__name__ = "HasRole_" + "_".join(r.value for r in roles)
    return HasRole
