from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_home_section, register_nav

        register_nav(_("Production locations"), "companies:locations", order=30)
        register_nav(_("My location lists"), "companies:uploads", roles={Role.COMPANY}, order=31)
        register_home_section("companies/_home_uploads.html", roles={Role.COMPANY}, order=30)
        register_nav(_("Location matches"), "companies:matches", roles={Role.SECRETARIAT}, order=40)
