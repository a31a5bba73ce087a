from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "portal.dashboards"
    label = "dashboards"
    verbose_name = _("Dashboards")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_nav

        from . import cache

        register_nav(_("Dashboards"), "dashboards:index", roles={Role.SECRETARIAT, Role.GOVERNMENT}, order=15)
        cache.connect()
