"""Validation and presentation only: the services decide and write."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.decisions import check_rejection_reason
from portal.forms import DistinctErrorsMixin, add_service_errors, set_empty_choice

from .models import (
    MAX_COMPLAINT_STAGE_DAYS,
    MAX_CYCLE_YEAR,
    MIN_CYCLE_YEAR,
    YEAR_RANGE_MESSAGE,
    AnnualCycle,
    ComplaintStage,
    Covenant,
    Membership,
    PartyRole,
    SteeringGroupMember,
    default_complaint_time_frames,
)
from .selectors import risk_theme_choices_for


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label: Any, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=DateInput(), **kwargs)


def _stage_field_name(stage: str) -> str:
    return f"days_{stage}"


class CovenantForm(forms.ModelForm):
    """Create or edit a covenant: content in both languages, dates, themes and complaint time frames."""

    class Meta:
        model = Covenant
        fields = [
            "name_nl",
            "name_en",
            "slug",
            "sector",
            "description_nl",
            "description_en",
            "signed_on",
            "starts_on",
            "ends_on",
            "secretariat",
            "contact_email",
            "contact_phone",
            "contact_address",
            "themes",
        ]
        widgets = {
            "signed_on": DateInput(),
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description_nl": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "contact_address": forms.Textarea(attrs={"rows": 3}),
            "themes": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["secretariat"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            kind=Role.SECRETARIAT, status=Organisation.Status.APPROVED
        ).order_by("name")
        self.fields["themes"].queryset = risk_theme_choices_for(  # type: ignore[attr-defined]
            self.instance if self.instance.pk else None
        )
        self.fields["themes"].help_text = _("Select the risk themes this covenant works on.")
        set_empty_choice(self.fields["sector"], _("Choose a sector"))
        set_empty_choice(self.fields["secretariat"], _("Choose the secretariat"))
        frames = (self.instance.complaint_time_frames if self.instance.pk else None) or (
            default_complaint_time_frames()
        )
        for stage in ComplaintStage:
            self.fields[_stage_field_name(stage.value)] = forms.IntegerField(
                label=_("%(stage)s (days)") % {"stage": stage.label},
                min_value=1,
                max_value=MAX_COMPLAINT_STAGE_DAYS,
                initial=frames.get(stage.value),
            )

    def stage_fields(self) -> list[forms.BoundField]:
        return [self[_stage_field_name(stage.value)] for stage in ComplaintStage]

    def content_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.Meta.fields]

    def service_kwargs(self) -> dict[str, Any]:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields if name != "themes"}
        data["complaint_time_frames"] = {
            stage.value: self.cleaned_data[_stage_field_name(stage.value)] for stage in ComplaintStage
        }
        data["themes"] = list(self.cleaned_data["themes"])
        return data


class CovenantStatusForm(forms.Form):
    to = forms.ChoiceField(choices=Covenant.Status.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RiskThemeForm(forms.Form):
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=120)


class PartyForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    role = forms.ChoiceField(
        label=_("Party role"),
        choices=[(v, label) for v, label in PartyRole.choices if v != PartyRole.MEMBER_COMPANY],
    )
    joined_on = date_field(_("Joined on"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = (  # type: ignore[attr-defined]
            Organisation.objects.filter(status=Organisation.Status.APPROVED)
            .exclude(kind__in=[Role.COMPANY, Role.COMMITTEE])
            .order_by("name")
        )
        set_empty_choice(self.fields["organisation"], _("Choose an organisation"))


class PartyEndForm(forms.Form):
    left_on = date_field(_("Left on"))


class SteeringMemberForm(forms.Form):
    person_name = forms.CharField(label=_("Name"), max_length=200)
    represents = forms.ChoiceField(label=_("Represents"), choices=SteeringGroupMember.Represents.choices)
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), required=False
    )
    account_email = forms.EmailField(
        label=_("Portal account e-mail address"),
        required=False,
        help_text=_("A member with a portal account can see the steering group's meetings."),
    )
    is_chair = forms.BooleanField(label=_("Chair of the steering group"), required=False)
    since = date_field(_("Member since"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            status=Organisation.Status.APPROVED
        ).order_by("name")
        set_empty_choice(self.fields["organisation"], _("No organisation"))

    def clean_account_email(self) -> User | None:
        email = (self.cleaned_data.get("account_email") or "").strip().lower()
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("There is no active portal account with this e-mail address."))
        return user


class SteeringMemberEndForm(forms.Form):
    until = date_field(_("Seat ends on"))


class MeetingForm(forms.Form):
    held_on = date_field(_("Date of the meeting"))
    agenda = forms.CharField(label=_("Agenda (Dutch)"), widget=forms.Textarea(attrs={"rows": 4}))
    agenda_en = forms.CharField(
        label=_("Agenda (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on English pages. Leave empty to show the Dutch text there too."),
    )
    decisions = forms.CharField(
        label=_("Decisions (Dutch)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    decisions_en = forms.CharField(
        label=_("Decisions (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown on English pages. Leave empty to show the Dutch text there too."),
    )
    minutes = forms.FileField(
        label=_("Minutes"),
        required=False,
        help_text=_("PDF, ODT, DOCX or plain text, at most 10 MB. Leave empty to keep the current file."),
    )


class MembershipApplicationForm(DistinctErrorsMixin, forms.ModelForm):
    """The adherence declaration a company submits to join a covenant."""

    covenant = forms.ModelChoiceField(label=_("Covenant"), queryset=Covenant.objects.none())

    class Meta:
        model = Membership
        fields = list(Membership.APPLICATION_FIELDS)
        # A labelled list box with every country by its name in the page's language.
        widgets = {"sourcing_countries": forms.SelectMultiple(attrs={"size": 8})}
        labels = {
            "declaration_accepted": _(
                "On behalf of my organisation I accept the covenant's adherence declaration, "
                "including the commitment to apply due diligence in our supply chain."
            )
        }

    field_order = ["covenant"]

    def __init__(self, *args: Any, offered: list[Covenant] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["covenant"]
        assert isinstance(field, forms.ModelChoiceField)
        # Validate against every published covenant, so an ended one gets the service's clear message;
        # offer only the ones the company can still join.
        field.queryset = Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION)
        field.empty_label = _("Choose a covenant")
        if offered is not None:
            field.widget.choices = [("", field.empty_label), *((c.pk, c.name) for c in offered)]
        set_empty_choice(self.fields["turnover_band"], _("Choose a turnover band"))
        self.fields["declaration_accepted"].required = True
        self.fields["declaration_accepted"].help_text = format_lazy(
            '<a href="#declaration">{}</a>', _("Read the adherence declaration")
        )
        self.fields["declaration_accepted"].error_messages["required"] = _(
            "Tick the box to accept the adherence declaration."
        )
        self.fields["sourcing_countries"].error_messages["invalid_choice"] = _(
            "Select countries from the list: “%(value)s” is not a known country."
        )
        self.fields["employees"].widget.attrs.setdefault("min", "1")

    def clean_employees(self) -> int:
        employees = self.cleaned_data["employees"]
        if employees is not None and employees < 1:
            raise forms.ValidationError(_("Give the number of employees (at least 1)."))
        return employees

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class MembershipDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve: the company becomes a member")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    joined_on = date_field(
        _("Member since"), required=False, help_text=_("When approving. Leave empty for today.")
    )
    note = forms.CharField(
        label=_("Reasons for the decision"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you reject: the company receives these reasons."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision"):
            try:
                check_rejection_reason(approve=cleaned["decision"] == "approve", note=cleaned.get("note"))
            except ValidationError as exc:
                add_service_errors(self, exc)
        return cleaned


class MembershipSuspendForm(forms.Form):
    note = forms.CharField(label=_("Reason for the suspension"), widget=forms.Textarea(attrs={"rows": 3}))
    effective_on = date_field(_("Suspended from"), initial=timezone.localdate)


class MembershipReinstateForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    effective_on = date_field(_("Active again from"), initial=timezone.localdate)


class MembershipEndForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason for ending"), choices=Membership.EndReason.choices, widget=forms.RadioSelect
    )
    ended_on = date_field(_("Ended on"), initial=timezone.localdate)
    note = forms.CharField(
        label=_("Explanation"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when the company is expelled."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("reason") == Membership.EndReason.EXPELLED and not cleaned.get("note", "").strip():
            self.add_error("note", _("Give the reason for the expulsion."))
        return cleaned


class CycleForm(forms.ModelForm):
    """Plan or edit a cycle. Every deadline must fall within the cycle's period."""

    class Meta:
        model = AnnualCycle
        fields = ["covenant", "year", "starts_on", "ends_on", *AnnualCycle.DEADLINE_FIELDS]
        widgets = {name: DateInput() for name in ["starts_on", "ends_on", *AnnualCycle.DEADLINE_FIELDS]}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["covenant"]
        else:
            self.fields["covenant"].queryset = Covenant.objects.exclude(  # type: ignore[attr-defined]
                status=Covenant.Status.ENDED
            ).order_by("name_en")
            set_empty_choice(self.fields["covenant"], _("Choose a covenant"))
        self.fields["year"].widget.attrs.update({"min": str(MIN_CYCLE_YEAR), "max": str(MAX_CYCLE_YEAR)})

    def clean_year(self) -> int:
        # The model's validators say the same; checking here first keeps the error at the field even
        # when another field fails and the model is never validated.
        year = self.cleaned_data["year"]
        if year is not None and not MIN_CYCLE_YEAR <= year <= MAX_CYCLE_YEAR:
            raise forms.ValidationError(YEAR_RANGE_MESSAGE, code="year_range")
        return year

    @staticmethod
    def suggested_initial(year: int) -> dict[str, Any]:
        """A usual year: self-assessment in spring, locations before the 4 July list, report in December."""
        return {
            "year": year,
            "starts_on": date(year, 1, 1),
            "ends_on": date(year, 12, 31),
            "self_assessment_due": date(year, 3, 31),
            "locations_due": date(year, 5, 31),
            "review_due": date(year, 6, 30),
            "list_publication_due": date(year, 7, 4),
            "annual_report_due": date(year, 12, 15),
        }

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields if name != "covenant"}


class CycleCloseForm(forms.Form):
    force = forms.BooleanField(
        label=_("Close even though reviews are still pending"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason for closing with reviews pending"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you close with reviews still pending. It is recorded."),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("force") and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for closing with reviews still pending."))
        return cleaned
