from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "portal.accounts"
    label = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .roles import sync_role_groups

        # Groups and their model permissions follow the code after every migrate.
        post_migrate.connect(sync_role_groups, dispatch_uid="portal.accounts.sync_role_groups")

        from allauth.account.signals import email_confirmed

        from .receivers import email_confirmed_submit_request

        email_confirmed.connect(
            email_confirmed_submit_request, dispatch_uid="portal.accounts.email_confirmed"
        )
