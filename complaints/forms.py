"""The complaint form (public, plain words, works without JavaScript), the receipt-code form, and the
secretariat's form for a complaint received by phone, post or e-mail."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from companies.models import ProductionLocation
from covenants.models import Covenant, Membership, RiskTheme
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.forms import DistinctErrorsMixin, set_empty_choice

from . import receipt
from .models import Complaint
from .models.case import TEXT_MAX
from .services.intake import check_happened_on
from .uploads import MAX_FILES


def _country_choices() -> list[tuple[str, Any]]:
    """Evaluated only when the list is shown or a country is checked, not for every form built."""
    return [("", _("Choose a country")), *countries]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


def attachments_field(label: Any = None) -> MultipleFileField:
    return MultipleFileField(
        label=label or _("Documents, photos"),
        required=False,
        help_text=_("Up to %(count)s files of at most 10 MB each: PDF, PNG, JPEG, ODT, DOCX or text.")
        % {"count": MAX_FILES},
    )


class ComplaintForm(DistinctErrorsMixin, forms.Form):
    """What the complainant tells us. Only the covenant, who files, the subject and what happened are
    required; everything else is optional and said so."""

    SUBJECT_CHOICES = (("company", _("A company")), ("location", _("A factory, farm or other workplace")))

    token = forms.CharField(widget=forms.HiddenInput, max_length=200)
    #: A field people do not see; software that fills every field does (then nothing is stored).
    website = forms.CharField(label=_("Leave this field empty"), required=False)
    covenant = forms.ModelChoiceField(
        label=_("Which covenant is it about?"), queryset=Covenant.objects.none()
    )
    filer = forms.ChoiceField(
        label=_("Who are you?"),
        choices=[c for c in Complaint.Filer.choices if c[0] != Complaint.Filer.PARTY],
        widget=forms.RadioSelect,
    )
    on_behalf_of = forms.CharField(
        label=_("On whose behalf do you complain?"),
        required=False,
        max_length=300,
        help_text=_("For example: the workers of the sewing department. Leave empty if only for yourself."),
    )
    subject = forms.ChoiceField(
        label=_("Is the complaint about"), choices=SUBJECT_CHOICES, widget=forms.RadioSelect
    )
    company = forms.ModelChoiceField(label=_("Company"), queryset=Organisation.objects.none(), required=False)
    location = forms.IntegerField(
        label=_("Number of the workplace"),
        required=False,
        min_value=1,
        help_text=_("The number shown on the workplace's page in the public list of production locations."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("What is it about?"),
        queryset=RiskTheme.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    country = forms.ChoiceField(label=_("In which country did it happen?"), choices=(), required=False)
    what_happened = forms.CharField(
        label=_("What happened?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("In your own words. Say who was affected and what you saw or heard."),
    )
    happened_on = forms.DateField(
        label=_("When did it happen?"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("The date, or the first day if it went on for longer."),
    )
    outcome_sought = forms.CharField(
        label=_("What would you like to happen?"),
        max_length=TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    attachments = attachments_field()
    anonymous = forms.BooleanField(
        label=_("I want to complain anonymously"),
        required=False,
        help_text=_("We do not ask for your name. You follow your complaint with a receipt code."),
    )
    name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    organisation = forms.CharField(label=_("Your organisation"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("We send you news about your complaint here. We never show it to the company."),
    )
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=40)
    share_identity = forms.BooleanField(
        label=_("The company may know who I am"),
        required=False,
        help_text=_("If you leave this unticked, only the secretariat and the complaints committee know."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["covenant"].queryset = Covenant.objects.filter(status=Covenant.Status.ACTIVE).order_by(  # type: ignore[attr-defined]
            "name_en"
        )
        self.fields["company"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(
                kind=Role.COMPANY,
                memberships__status__in=(Membership.Status.ACTIVE, Membership.Status.SUSPENDED),
            )
            .distinct()
            .order_by("name")
        )
        self.fields["themes"].queryset = RiskTheme.objects.filter(covenant__isnull=True)  # type: ignore[attr-defined]
        set_empty_choice(self.fields["covenant"], _("Choose a covenant"))
        set_empty_choice(self.fields["company"], _("Choose the company"))
        self.fields["country"].choices = _country_choices  # type: ignore[attr-defined]
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["what_happened"].widget.attrs["maxlength"] = TEXT_MAX
        if not self.is_bound and not self.initial.get("token"):
            self.initial["token"] = secrets.token_urlsafe(32)

    def clean_happened_on(self) -> date | None:
        value = self.cleaned_data.get("happened_on")
        try:
            check_happened_on(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["happened_on"]) from exc
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        subject = data.get("subject")
        if subject == "company" and not data.get("company"):
            self.add_error("company", _("Choose the company."))
        if subject == "location":
            location_id = data.get("location")
            found = ProductionLocation.objects.filter(pk=location_id).first() if location_id else None
            if found is None:
                self.add_error("location", _("Give the number of the workplace from the public list."))
            data["location_object"] = found
        if data.get("anonymous") and any(data.get(f) for f in ("name", "organisation", "email", "phone")):
            self.add_error("anonymous", _("Leave your contact details empty to complain anonymously."))
        return data

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        about_company = data["subject"] == "company"
        return {
            "token": data["token"],
            "covenant": data["covenant"],
            "filer": data["filer"],
            "on_behalf_of": data.get("on_behalf_of", ""),
            "company": data.get("company") if about_company else None,
            "location": None if about_company else data.get("location_object"),
            "themes": list(data.get("themes") or []),
            "country": data.get("country") or "",
            "what_happened": data["what_happened"],
            "happened_on": data.get("happened_on"),
            "outcome_sought": data.get("outcome_sought", ""),
            "anonymous": bool(data.get("anonymous")),
            "share_identity": bool(data.get("share_identity")),
            "name": data.get("name", ""),
            "organisation": data.get("organisation", ""),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "attachments": data.get("attachments") or [],
        }


class RegisterForm(ComplaintForm):
    """The secretariat registers a complaint received by phone, post or e-mail, or a dispute."""

    kind = forms.ChoiceField(
        label=_("Kind"), choices=Complaint.Kind.choices, initial=Complaint.Kind.COMPLAINT
    )
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in Complaint.Channel.choices if c[0] != Complaint.Channel.WEB],
    )
    language = forms.ChoiceField(label=_("Language of the complainant"), choices=())

    def __init__(self, *args: Any, languages: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["filer"].choices = Complaint.Filer.choices  # type: ignore[attr-defined]
        self.fields["language"].choices = list(languages)  # type: ignore[attr-defined]
        del self.fields["website"]

    def is_spam(self) -> bool:
        return False

    def service_kwargs(self) -> dict[str, Any]:
        return {
            **super().service_kwargs(),
            "kind": self.cleaned_data["kind"],
            "channel": self.cleaned_data["channel"],
            "language": self.cleaned_data["language"],
        }


class ReceiptForm(forms.Form):
    code = forms.CharField(
        label=_("Your receipt code"),
        max_length=64,
        help_text=_("The 16 digits you received when you filed your complaint. Spaces do not matter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = receipt.normalise(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _("A receipt code has 16 digits. Check that you typed all of them, in the right order.")
            )
        return code
