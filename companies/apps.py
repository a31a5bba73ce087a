from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "companies"
    verbose_name = _("Companies")

    def ready(self) -> None:
        from portal.accounts.roles import Role
        from portal.notifications.kinds import register
        from portal.registry import register_home_section, register_nav

        from . import home

        register_nav(_("Production locations"), "companies:locations", order=30)
        register_nav(_("My location lists"), "companies:uploads", roles={Role.COMPANY}, order=31)
        register_home_section("companies/_home_uploads.html", roles={Role.COMPANY}, order=30)
        register_nav(_("Location matches"), "companies:matches", roles={Role.SECRETARIAT}, order=40)
        # --- signals and relay ---
        register_nav(_("My signals"), "companies:my-signals", roles={Role.NGO, Role.TRADE_UNION}, order=41)
        register_home_section(
            "companies/_home_signals.html",
            roles={Role.NGO, Role.TRADE_UNION},
            order=35,
            context=home.reporter_section,
        )
        register_nav(_("Signals inbox"), "companies:signal-inbox", roles={Role.SECRETARIAT}, order=42)
        register_nav(_("Location signals"), "companies:company-signals", roles={Role.COMPANY}, order=43)
        register_home_section(
            "companies/_home_relays.html", roles={Role.COMPANY}, order=35, context=home.company_section
        )
        # --- exports and the supply chain ---
        register_nav(_("My supply chain"), "companies:supply-chain", roles={Role.COMPANY}, order=44)
        register(
            "companies.signal_relayed",
            subject=_("A problem has been reported at {location}"),
            body=_(
                "The secretariat has relayed a signal about {theme} at {location}, where your company "
                "sources. Please read it and record your response and follow-up in the portal."
            ),
        )

        from . import frontdoor, public_cache

        frontdoor.connect()
        public_cache.connect()
