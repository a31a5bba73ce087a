"""The due-diligence API: a company's own self-assessments, risk register and action plan; the
secretariat reads every company's and reviews the self-assessments. Everyone else gets 404."""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from companies.relay import MAX_EVIDENCE_BYTES
from portal.access import role_permission
from portal.accounts.roles import Role

#: Reads: the company its own, the secretariat every company's.
READERS = [role_permission(Role.COMPANY, Role.SECRETARIAT)]
#: Writes to company data: the company itself only.
COMPANY = [role_permission(Role.COMPANY)]
#: The review: the secretariat only.
SECRETARIAT = [role_permission(Role.SECRETARIAT)]

#: An evidence file plus the other fields of the form.
EVIDENCE_REQUEST_BYTES = MAX_EVIDENCE_BYTES + 1024 * 1024


def validated_query(request: Request, serializer_class: Any) -> dict[str, Any]:
    """The query parameters checked by `serializer_class`: a bad value is a 400 that names it."""
    params = serializer_class(data=request.query_params)
    if not params.is_valid():
        raise ValidationError(params.errors)
    return dict(params.validated_data)


class MethodPermissions:
    """An APIView mixin: `permission_classes` for reads, `write_permission_classes` for the others
    (so that the secretariat reads an object of a company and gets 404 when it tries to change it)."""

    write_permission_classes: list[Any] = COMPANY

    def get_permissions(self) -> list[Any]:
        request = getattr(self, "request", None)
        if request is not None and request.method not in ("GET", "HEAD", "OPTIONS"):
            return [permission() for permission in self.write_permission_classes]
        return super().get_permissions()  # type: ignore[misc]
