"""The Django admin's app config, with a site whose login is the portal's own (lockout, two-factor)."""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "portal.accounts.admin_site.PortalAdminSite"
