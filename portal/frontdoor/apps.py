from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrontdoorConfig(AppConfig):
    """The public front door (top layer): site search, sitemap.xml and robots.txt."""

    name = "portal.frontdoor"
    label = "frontdoor"
    verbose_name = _("Front door")

    def ready(self) -> None:
        from portal.registry import register_nav

        register_nav(_("Search"), "search", order=90)
