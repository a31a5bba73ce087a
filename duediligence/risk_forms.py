"""Forms of the risk register and the action plan (validation and presentation only; the services in
`duediligence.services.risks` decide and write, and their errors come back at the fields)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from companies.models import ProductionLocation, SupplyLink
from covenants.forms import DateInput
from covenants.models import Membership, RiskTheme
from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.forms import DistinctErrorsMixin, set_empty_choice

from .models import Action, Risk
from .services.risks import ACTION_FIELDS, RISK_FIELDS

#: Radio buttons, one per level, each with its label (a fieldset with the field's label as legend).
RADIO_FIELDS = ("involvement", "scale", "scope", "irremediable", "likelihood")
SEVERAL_HINT = _("To select more than one, hold down Ctrl (Cmd on a Mac).")


def theme_choices_for(company_id: int, current: int | None = None) -> QuerySet[RiskTheme]:
    """The standard themes and those of the covenants the company is a current member of (plus the
    risk's own theme, so an edit never loses it)."""
    member_of = Membership.objects.current().filter(company_id=company_id).values("covenant_id")
    wanted = Q(is_standard=True) | Q(covenant_id__in=member_of)
    if current is not None:
        wanted |= Q(pk=current)
    return RiskTheme.objects.filter(wanted).order_by("-is_standard", "position", "name_en", "pk")


def location_choices_for(company_id: int) -> QuerySet[ProductionLocation]:
    """The production locations the company itself disclosed (a supply link of its own)."""
    own = SupplyLink.objects.filter(company_id=company_id).values("location_id")
    return ProductionLocation.objects.filter(pk__in=own).order_by("name", "pk")


class LocationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        place = ", ".join(part for part in (obj.city, obj.country.name) if part)
        return f"{obj.name}, {place} ({obj.public_id})" if place else f"{obj.name} ({obj.public_id})"


class RiskForm(DistinctErrorsMixin, forms.ModelForm):
    """An entry of the risk register; the service ranks it by the documented priority rule."""

    class Meta:
        model = Risk
        fields = [
            "theme", "title", "description", "countries", "locations", "involvement", "actual",
            "scale", "scope", "irremediable", "likelihood", "status",
        ]  # fmt: skip
        field_classes = {"locations": LocationChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            # A labelled list box with every country by its name in the page's language.
            "countries": forms.SelectMultiple(attrs={"size": 8}),
            **dict.fromkeys(RADIO_FIELDS, forms.RadioSelect),
        }

    def __init__(self, *args: Any, company_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        theme = self.fields["theme"]
        assert isinstance(theme, forms.ModelChoiceField)
        theme.queryset = theme_choices_for(company_id, self.instance.theme_id if self.instance.pk else None)
        set_empty_choice(theme, _("Choose a theme"))
        for name in RADIO_FIELDS:
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            # A radio button per choice in sentence case ("Very high"), none of them "---------".
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            field.choices = [(value, capfirst(label)) for value, label in choices if value != ""]
        countries = self.fields["countries"]
        countries.help_text = format_lazy(
            "{} {}", _("Select every country where the impact happens or may happen."), SEVERAL_HINT
        )
        countries.error_messages["invalid_choice"] = _(
            "Select countries from the list: “%(value)s” is not a known country."
        )
        locations = self.fields["locations"]
        assert isinstance(locations, forms.ModelMultipleChoiceField)
        locations.queryset = location_choices_for(company_id)
        locations.widget.attrs["size"] = 6
        if locations.queryset.exists():
            locations.help_text = format_lazy(
                "{} {}", _("Choose from the production locations your company has disclosed."), SEVERAL_HINT
            )
        else:
            locations.help_text = _(
                "Your company has not disclosed any production locations yet; you can link them later."
            )
        locations.error_messages["invalid_choice"] = _(
            "Choose production locations your company has disclosed."
        )

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **{name: data[name] for name in RISK_FIELDS},
            "locations": list(data.get("locations") or []),
        }


class ActionForm(DistinctErrorsMixin, forms.ModelForm):
    """An action of the plan. The risk is chosen when the action is created (among the company's own
    risks) and stays with it."""

    risk = forms.ModelChoiceField(label=_("Risk"), queryset=Risk.objects.none())

    class Meta:
        model = Action
        fields = list(ACTION_FIELDS)
        labels = {
            "title": _("Action"),
            # Not the words of the "confirmed" choice, so the question and its answers read apart.
            "remediation_confirmation": _("Confirmation by the affected people"),
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "starts_on": DateInput(),
            "due_on": DateInput(),
            "remediation": forms.Textarea(attrs={"rows": 4}),
            "remediation_confirmation": forms.RadioSelect,
        }

    field_order = ["risk"]

    def __init__(self, *args: Any, risks: QuerySet[Risk] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if risks is None:
            del self.fields["risk"]
        else:
            risk = self.fields["risk"]
            assert isinstance(risk, forms.ModelChoiceField)
            risk.queryset = risks
            set_empty_choice(risk, _("Choose a risk"))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        starts_on, due_on = data.get("starts_on"), data.get("due_on")
        if starts_on and due_on and starts_on > due_on:
            self.add_error("starts_on", _("Give a start date on or before the due date."))
        return data

    def service_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ACTION_FIELDS}


class ProgressForm(forms.Form):
    """A dated entry in an action's progress log."""

    on = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    percentage = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("How far along the action is now, from 0 to 100. At 100 the action is done."),
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        help_text=_("PDF, PNG or JPEG image, ODT, DOCX or plain text, at most 10 MB."),
    )


def _company_field() -> forms.ModelChoiceField[Organisation]:
    return forms.ModelChoiceField(
        label=_("Company"),
        required=False,
        queryset=Organisation.objects.filter(kind=Role.COMPANY).order_by("name", "pk"),
        empty_label=_("All companies"),
    )


class CompanyFilterForm(forms.Form):
    """The secretariat's filter of a list by company; the company's own pages have none."""

    company = _company_field()


class ActionFilterForm(forms.Form):
    """The action plan's filters: by risk (a company chooses among its own risks; the secretariat comes
    with a risk from a link), and for the secretariat by company."""

    company = _company_field()
    risk = forms.ModelChoiceField(
        label=_("Risk"), required=False, queryset=Risk.objects.none(), empty_label=_("All risks")
    )

    def __init__(self, *args: Any, risks: QuerySet[Risk], for_secretariat: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        risk = self.fields["risk"]
        assert isinstance(risk, forms.ModelChoiceField)
        risk.queryset = risks
        if for_secretariat:
            # Every company's risks would make a select too long to use: the risk comes from a link.
            risk.widget = forms.HiddenInput()
        else:
            del self.fields["company"]
