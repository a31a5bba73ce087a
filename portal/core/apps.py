from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_nav

        # The dashboards (portal/dashboards, the top layer) have no app of their own.
        register_nav(_("Dashboards"), "dashboards:index", roles={Role.SECRETARIAT, Role.GOVERNMENT}, order=15)
