from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantsConfig(AppConfig):
    name = "covenants"
    verbose_name = _("Covenants")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_home_section, register_nav, register_question

        from . import fragments, frontdoor, home
        from .notifications import register_kinds

        register_kinds()

        register_nav(_("Covenants"), "covenants:list", order=10)
        register_nav(_("My memberships"), "covenants:memberships", roles={Role.COMPANY}, order=20)
        register_nav(_("Manage covenants"), "covenants:manage", roles={Role.SECRETARIAT}, order=20)
        register_nav(_("News"), "news:list", order=12)
        register_nav(_("Manage news"), "news:manage", roles={Role.SECRETARIAT}, order=22)
        register_question(
            _("Do you want to join a covenant as a company?"),
            _("See what each covenant covers, who takes part, and how a company joins."),
            "covenants:list",
            _("The covenants and how to join"),
            order=10,
        )
        register_home_section(
            "covenants/_home_company.html", roles={Role.COMPANY}, order=10, context=home.company_section
        )
        register_home_section(
            "covenants/_home_secretariat.html",
            roles={Role.SECRETARIAT},
            order=10,
            context=home.secretariat_section,
        )

        fragments.connect()
        frontdoor.connect()
