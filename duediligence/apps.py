from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuediligenceConfig(AppConfig):
    name = "duediligence"
    verbose_name = _("Due diligence")

    def ready(self) -> None:
        from covenants.hooks import register_member_details, register_pending_reviews
        from portal.accounts.roles import Role
        from portal.registry import register_home_section, register_nav, register_question

        from . import home
        from .notifications import register_kinds
        from .selectors import pending_review_count, published_performance

        register_kinds()

        register_nav(_("Due diligence"), "duediligence:assessments", roles={Role.COMPANY}, order=25)
        register_nav(_("Risk register"), "duediligence:risks", roles={Role.COMPANY}, order=26)
        register_nav(_("Self-assessments"), "duediligence:assessments", roles={Role.SECRETARIAT}, order=25)
        register_nav(
            _("Assessment frameworks"), "duediligence:frameworks", roles={Role.SECRETARIAT}, order=26
        )
        register_nav(
            _("Performance checks"),
            "duediligence:performances",
            roles={Role.COMPANY, Role.SECRETARIAT},
            order=27,
        )
        register_nav(
            _("Suspension reviews"), "duediligence:suspension-reviews", roles={Role.SECRETARIAT}, order=28
        )
        register_nav(_("Quick scan"), "duediligence:quickscan", order=24)
        register_question(
            _("Do you want to apply human-rights due diligence in your own business?"),
            _("The quick scan shows, without an account, the risks that apply to your sector, countries and "
              "products, what to do first per OECD step, and which covenant covers your sector."),
            "duediligence:quickscan",
            _("Do the quick scan"),
            order=30,
        )  # fmt: skip
        register_nav(
            _("Quick scan dataset"), "duediligence:quickscan-dataset", roles={Role.SECRETARIAT}, order=29
        )
        register_home_section(
            "duediligence/_home_company.html", roles={Role.COMPANY}, order=20, context=home.company_section
        )
        # The cycle's "pending reviews" (closing a cycle with reviews pending needs "close anyway").
        register_pending_reviews(pending_review_count)
        # The covenant page lists each member with its latest published performance check.
        register_member_details(published_performance)

        from . import frontdoor

        frontdoor.connect()
