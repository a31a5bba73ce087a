from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .notifications import register_kinds
        from .roles import sync_role_groups

        register_kinds()

        # Groups and their model permissions follow the code after every migrate.
        post_migrate.connect(sync_role_groups, dispatch_uid="portal.accounts.sync_role_groups")
