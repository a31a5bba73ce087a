from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "portal.enquiries"
    label = "enquiries"
    verbose_name = _("Enquiries")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.registry import register_home_section, register_nav, register_question

        from . import home

        register_nav(_("Contact"), "enquiries:contact", order=90)
        register_nav(_("Enquiries"), "enquiries:list", roles={Role.SECRETARIAT}, order=46)
        register_question(
            _("Do you need help negotiating a covenant?"),
            _("Ask the secretariat, without obligation: it helps sectors set up and negotiate a covenant."),
            "enquiries:contact",
            _("Contact the secretariat"),
            order=20,
        )
        register_home_section(
            "enquiries/_home_secretariat.html",
            roles={Role.SECRETARIAT},
            order=45,
            context=home.secretariat_section,
        )
