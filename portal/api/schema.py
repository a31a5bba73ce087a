"""The API schema documents every status Django REST framework itself can answer with.

drf-spectacular documents what a view returns when it works (200, 201, 204) and what its
`@extend_schema` names. The framework answers on its own too: 400 for a body or query it cannot
parse, 401 or 403 when authentication fails, 403 when a permission or CSRF check refuses, 404 for a
missing object or page, 406 for an `Accept` header it cannot serve, 415 for a body type it cannot
parse and 429 when throttled. A client (and schemathesis) must find those in the schema, so this
AutoSchema adds each status that applies to the operation, unless the view documents it already.

405 is not added: the framework answers it only for a method the schema does not list.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny

#: Methods whose request has a body that a parser reads.
BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
#: Methods a session-authenticated request must send with a CSRF token.
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

DETAIL_ERROR = "Error"
FIELD_ERRORS = "ValidationError"

DESCRIPTIONS = {
    "400": _("The request body or a query parameter is not valid: errors per field, or a `detail` message."),
    "401": _("Authentication failed (for example an unknown token)."),
    "403": _("Not signed in, not allowed for your role, or the CSRF check failed."),
    "404": _("Missing, not visible to you, or a page number that does not exist."),
    "406": _("None of the media types in the Accept header can be served."),
    "415": _("The request body has a media type this operation does not accept."),
    "429": _("Too many requests: try again later (see the Retry-After header)."),
}


def _detail_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    }


def _field_errors_schema() -> dict[str, Any]:
    # {"field": ["message", ...], "non_field_errors": [...]}, or {"detail": "..."} for a parse error.
    return {"type": "object", "additionalProperties": {}}


class PortalAutoSchema(AutoSchema):
    """drf-spectacular's AutoSchema, plus the framework's own error statuses per operation."""

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if not operation:
            return operation
        responses = operation.setdefault("responses", {})
        for status in self.framework_statuses(operation):
            if status not in responses:
                responses[status] = self._error_response(status, registry)
        return operation

    def framework_statuses(self, operation: dict[str, Any]) -> list[str]:
        """The statuses the framework itself may answer this operation with."""
        view = self.view
        method = self.method.upper()
        has_body = method in BODY_METHODS and "requestBody" in operation
        parameters = operation.get("parameters", [])
        statuses = {"406"}

        if has_body or any(p.get("in") == "query" for p in parameters):
            statuses.add("400")
        if has_body:
            statuses.add("415")

        authenticators = view.get_authenticators()
        if authenticators:
            # A failed authentication is a 401 when the first authenticator names a scheme for the
            # WWW-Authenticate header, a 403 otherwise.
            statuses.add("401" if view.get_authenticate_header(view.request) else "403")
        permissions = view.get_permissions()
        if any(not isinstance(permission, AllowAny) for permission in permissions):
            statuses.add("403")
        if method in UNSAFE_METHODS and any(isinstance(a, SessionAuthentication) for a in authenticators):
            statuses.add("403")

        if any(p.get("in") == "path" for p in parameters) or (
            method == "GET" and self._is_list_view() and self._get_paginator() is not None
        ):
            statuses.add("404")
        if view.get_throttles():
            statuses.add("429")
        return sorted(statuses)

    def _error_response(self, status: str, registry: Any) -> dict[str, Any]:
        name, schema = (
            (FIELD_ERRORS, _field_errors_schema()) if status == "400" else (DETAIL_ERROR, _detail_schema())
        )
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, schema=schema, object=name)
        registry.register_on_missing(component)
        return {
            "content": {"application/json": {"schema": component.ref}},
            "description": DESCRIPTIONS[status],
        }
