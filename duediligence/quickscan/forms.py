"""The quick scan's forms: the public scan (a GET form, so a result is a link) and the secretariat's
form for one indication of the dataset."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from covenants.models import RiskTheme, Sector
from portal.forms import DistinctErrorsMixin, set_empty_choice

from ..models import QuickScanIndication
from .data import ProductCategory

MAX_COUNTRIES = 25


class QuickScanForm(forms.Form):
    """Sector, sourcing countries and (optionally) product categories."""

    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=Sector.choices,
        error_messages={
            "required": _("Choose the sector your company works in."),
            "invalid_choice": _("Choose a sector from the list."),
        },
    )
    countries = forms.MultipleChoiceField(
        label=_("Countries you source from"),
        help_text=_("Choose one or more countries (up to 25). Hold Ctrl or Cmd to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={
            "required": _("Choose at least one country you source from."),
            "invalid_choice": _("Choose countries from the list: “%(value)s” is not a known country."),
        },
    )
    products = forms.MultipleChoiceField(
        label=_("Product categories"),
        help_text=_("The raw materials or products in your supply chain, if any of these."),
        required=False,
        choices=ProductCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose product categories from the list.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["countries"].choices = list(countries)  # type: ignore[attr-defined]
        set_empty_choice(self.fields["sector"], _("Choose a sector"))

    def clean_countries(self) -> list[str]:
        chosen = list(dict.fromkeys(self.cleaned_data["countries"]))
        if len(chosen) > MAX_COUNTRIES:
            raise forms.ValidationError(
                _("Choose at most %(max)s countries."), params={"max": MAX_COUNTRIES}, code="too_many"
            )
        return chosen


class IndicationForm(DistinctErrorsMixin, forms.ModelForm):
    """One indication: a theme for exactly one sector, country or product category, with its source."""

    class Meta:
        model = QuickScanIndication
        fields = ["sector", "country", "product", "theme", "level", "source", "reason_en", "reason_nl"]
        widgets = {
            "reason_en": forms.Textarea(attrs={"rows": 3}),
            "reason_nl": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = RiskTheme.objects.filter(is_standard=True)  # type: ignore[attr-defined]
        for name in ("sector", "country", "product"):
            self.fields[name].help_text = _("Fill in exactly one of sector, country or product category.")
        set_empty_choice(self.fields["theme"], _("Choose a risk theme"))
        set_empty_choice(self.fields["source"], _("Choose a source"))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if sum(bool(data.get(name)) for name in ("sector", "country", "product")) != 1:
            raise forms.ValidationError(
                _("Choose exactly one of sector, country or product category."), code="one_dimension"
            )
        return data

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
