from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "portal.reports"
    label = "reports"
    verbose_name = _("Annual reports")

    def ready(self) -> None:
        from portal.registry import register_nav

        register_nav(_("Annual reports"), "reports:list", order=45)

        from . import frontdoor

        frontdoor.connect()
