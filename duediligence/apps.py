from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DuediligenceConfig(AppConfig):
    name = "duediligence"
    verbose_name = _("Due diligence")

    def ready(self) -> None:
        from covenants.hooks import register_pending_reviews

        from .selectors import pending_review_count

        # The cycle's "pending reviews" (closing a cycle with reviews pending needs "close anyway").
        register_pending_reviews(pending_review_count)
