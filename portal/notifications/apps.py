from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "portal.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_home_section

        from . import home

        register_home_section(
            "notifications/_home_recent.html", roles=set(Role), order=90, context=home.recent_section
        )
