from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_nav

        register_nav(_("Production locations"), "companies:locations", order=30)
        register_nav(_("Location matches"), "companies:matches", roles={Role.SECRETARIAT}, order=40)
