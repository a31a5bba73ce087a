from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.decisions import check_rejection_reason
from portal.forms import add_service_errors

from .models import kvk_validator
from .roles import Role

#: Kinds an organisation may choose when it asks for an account. The secretariat and the committee
#: are set up by the secretariat itself.
SIGNUP_KINDS = [
    (Role.COMPANY.value, Role.COMPANY.label),
    (Role.INDUSTRY_ASSOCIATION.value, Role.INDUSTRY_ASSOCIATION.label),
    (Role.TRADE_UNION.value, Role.TRADE_UNION.label),
    (Role.NGO.value, Role.NGO.label),
    (Role.GOVERNMENT.value, Role.GOVERNMENT.label),
]


class OrganisationSignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: the person and the organisation asking for access."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    organisation_name = forms.CharField(label=_("Organisation name"), max_length=200)
    organisation_kind = forms.ChoiceField(label=_("Type of organisation"), choices=SIGNUP_KINDS)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=8,
        required=False,
        validators=[kvk_validator],
        help_text=_(
            "Dutch Chamber of Commerce number: 8 digits. Leave empty if not registered in the Netherlands."
        ),
    )

    def clean_kvk_number(self) -> str:
        # Whether the number is taken is not checked here: the answer would tell anyone which
        # organisations have an account. organisation_register handles a known number.
        return str(self.cleaned_data.get("kvk_number", "")).strip()

    def signup(self, request: Any, user: Any) -> None:
        from .services import organisation_register

        organisation_register(
            user=user,
            first_name=self.cleaned_data["first_name"],
            last_name=self.cleaned_data["last_name"],
            name=self.cleaned_data["organisation_name"],
            kind=Role(self.cleaned_data["organisation_kind"]),
            kvk_number=self.cleaned_data.get("kvk_number", ""),
        )


class OrganisationDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject: say why."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision"):
            try:
                check_rejection_reason(approve=cleaned["decision"] == "approve", note=cleaned.get("note"))
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_("So you can tell your tokens apart, e.g. the program that uses it."),
    )
