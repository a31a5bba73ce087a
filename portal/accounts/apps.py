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
        from allauth.account.signals import password_changed, password_reset, password_set

        from .tokens import revoke_tokens_on_password_event

        # A new password ends every API token issued under the old one.
        for signal in (password_changed, password_set, password_reset):
            signal.connect(revoke_tokens_on_password_event, dispatch_uid=f"portal.tokens.{id(signal)}")

        from allauth.account.signals import email_confirmed

        from .receivers import email_confirmed_submit_request

        email_confirmed.connect(
            email_confirmed_submit_request, dispatch_uid="portal.accounts.email_confirmed"
        )
