"""Model permissions each role's group gets (see docs/permissions.md)."""

from .roles import Role

ROLE_PERMISSIONS: dict[Role, list[str]] = {
    Role.SECRETARIAT: [
        "accounts.view_organisation",
        "accounts.change_organisation",
        "accounts.view_user",
    ],
}
