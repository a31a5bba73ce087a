"""Forms of location signals (validation and presentation only; the services decide)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import RiskTheme

from .models import LocationStatus, ProductionLocation


class SignalReportForm(forms.Form):
    location = forms.CharField(
        label=_("Location"),
        max_length=20,
        help_text=_("The public ID of the location, as shown in the public location list."),
    )
    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=RiskTheme.objects.filter(is_standard=True).order_by("name_en")
    )
    occurred_on = forms.DateField(label=_("When did it happen?"))
    description = forms.CharField(label=_("What happened?"), max_length=5000, widget=forms.Textarea)
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("Optional: PDF, PNG or JPEG image, ODT, DOCX or plain text, at most 10 MB."),
    )

    def clean_location(self) -> ProductionLocation:
        public_id = self.cleaned_data["location"].strip().upper()
        location = ProductionLocation.objects.filter(
            public_id=public_id, status=LocationStatus.ACTIVE
        ).first()
        if location is None:
            raise forms.ValidationError(_("No active location has this public ID."))
        return location

    def clean_occurred_on(self) -> object:
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("Give a date that is not in the future."))
        return value


class SignalRespondForm(forms.Form):
    response = forms.CharField(label=_("Your response"), max_length=5000, widget=forms.Textarea)
    follow_up = forms.CharField(label=_("Follow-up"), max_length=5000, required=False, widget=forms.Textarea)


class SignalRelayForm(forms.Form):
    """The relay button: no fields; it exists for the confirmation step."""
