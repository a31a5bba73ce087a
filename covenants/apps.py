from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CovenantsConfig(AppConfig):
    name = "covenants"
    verbose_name = _("Covenants")

    def ready(self) -> None:
        from . import fragments

        fragments.connect()
