from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_home_section, register_nav, register_question

        from . import home
        from .notifications import register_kinds

        register_kinds()
        register_nav(
            _("Complaints"),
            "complaints:list",
            roles={Role.SECRETARIAT, Role.COMMITTEE, Role.COMPANY, Role.NGO, Role.TRADE_UNION},
            order=40,
        )
        register_nav(_("Identity access log"), "complaints:access-log", roles={Role.SECRETARIAT}, order=41)
        register_question(
            _("Do you want to file a complaint against a company?"),
            _("Workers, their representatives, unions and NGOs file online, anonymously if they wish, "
              "and follow the case; the complaints committee handles it independently."),
            "complaints:file",
            _("File a complaint"),
            order=40,
        )  # fmt: skip
        register_home_section(
            "complaints/_home_cases.html",
            roles={Role.COMMITTEE, Role.COMPANY, Role.NGO, Role.TRADE_UNION},
            order=40,
            context=home.cases_section,
        )
        register_home_section(
            "complaints/_home_secretariat.html",
            roles={Role.SECRETARIAT},
            order=40,
            context=home.secretariat_section,
        )

        from . import frontdoor

        frontdoor.connect()
