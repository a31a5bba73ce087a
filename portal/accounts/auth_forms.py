"""The authentication library's forms in the portal's voice: our labels and messages (our msgids, so the
portal's catalogue translates them), no placeholders that repeat the label, no help text in the way.
Wired in through ACCOUNT_FORMS and MFA_FORMS; the error messages of its adapters are in adapter.py."""

from __future__ import annotations

from typing import Any

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class PortalVoiceMixin:
    """Sets our labels, drops placeholders and replaces the library's own hard-coded messages."""

    labels: dict[str, Any] = {}
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]

    def add_error(self, field: str | None, error: Any) -> None:
        # The library's own words for "the passwords differ" are not in its adapter's messages.
        if isinstance(error, str | Promise) and str(error) == gettext(
            "You must type the same password each time."
        ):
            error = _("The two passwords are not the same. Type the same password twice.")
        super().add_error(field, error)  # type: ignore[misc]


class PortalLoginForm(PortalVoiceMixin, account_forms.LoginForm):
    labels = {
        "login": _("E-mail address"),
        "password": _("Password"),
        "remember": _("Stay logged in on this device"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The "forgot your password" link comes after the field in the template, not between label and field.
        self.fields["password"].help_text = ""


class PortalSignupForm(PortalVoiceMixin, account_forms.SignupForm):
    labels = {
        "email": _("E-mail address"),
        "password1": _("Password"),
        "password2": _("Repeat the password"),
    }


class PortalResetPasswordForm(PortalVoiceMixin, account_forms.ResetPasswordForm):
    labels = {"email": _("E-mail address")}


class PortalResetPasswordKeyForm(PortalVoiceMixin, account_forms.ResetPasswordKeyForm):
    labels = {"password1": _("New password"), "password2": _("Repeat the new password")}


class PortalChangePasswordForm(PortalVoiceMixin, account_forms.ChangePasswordForm):
    labels = {
        "oldpassword": _("Current password"),
        "password1": _("New password"),
        "password2": _("Repeat the new password"),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["oldpassword"].help_text = ""


class PortalSetPasswordForm(PortalVoiceMixin, account_forms.SetPasswordForm):
    labels = {"password1": _("Password"), "password2": _("Repeat the password")}


class PortalAddEmailForm(PortalVoiceMixin, account_forms.AddEmailForm):
    labels = {"email": _("E-mail address")}


class PortalReauthenticateForm(PortalVoiceMixin, account_forms.ReauthenticateForm):
    labels = {"password": _("Password")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""


class PortalMFAAuthenticateForm(PortalVoiceMixin, mfa_forms.AuthenticateForm):
    labels = {"code": _("Code from your authenticator app or a recovery code")}


class PortalMFAReauthenticateForm(PortalVoiceMixin, mfa_forms.ReauthenticateForm):
    labels = {"code": _("Code from your authenticator app or a recovery code")}


class PortalActivateTOTPForm(PortalVoiceMixin, totp_forms.ActivateTOTPForm):
    labels = {"code": _("Code from your authenticator app")}
