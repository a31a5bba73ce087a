"""Filters of the public location list (validation and presentation only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from covenants.models import Covenant, Sector

from .imports.columns import has_required_columns, map_columns
from .imports.read import open_table
from .models import ProcessingType
from .selectors import PublicFilter, published_covenants


class LocationFilterForm(forms.Form):
    """The public list's filters. An unknown value is an error at its field, never a 500."""

    q = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        help_text=_("A part of the name; spelling variants and legal forms such as Ltd are ignored."),
    )
    covenant = forms.ModelChoiceField(
        label=_("Covenant"),
        queryset=published_covenants(),
        to_field_name="slug",
        required=False,
        empty_label=_("All covenants"),
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    processing_type = forms.ChoiceField(
        label=_("Processing type"),
        required=False,
        choices=[("", _("All processing types")), *ProcessingType.choices],
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Country names in the page's language, sorted in that language.
        self.fields["country"].choices = [("", _("All countries")), *list(countries)]  # type: ignore[attr-defined]

    def to_filter(self) -> PublicFilter:
        data = self.cleaned_data if self.is_valid() else {}
        return PublicFilter(
            covenant=data.get("covenant"),
            country=data.get("country") or "",
            sector=data.get("sector") or "",
            processing_type=data.get("processing_type") or "",
            search=data.get("q") or "",
        )


class LocationUploadForm(forms.Form):
    """A company's location list: the covenant it is for and the file, checked by its content."""

    covenant: forms.ModelChoiceField[Covenant] = forms.ModelChoiceField(
        label=_("Covenant"), queryset=Covenant.objects.none(), empty_label=None
    )
    file = forms.FileField(
        label=_("Location list"),
        help_text=_("A CSV, XLSX or ODS file with the columns of the template, at most 25 MB."),
    )

    def __init__(self, *args: Any, covenants: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["covenant"].queryset = covenants  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        # The library raises TableFileError (a ValidationError) with a translated message.
        table = open_table(upload, is_header=has_required_columns)
        map_columns(table.header)
        upload.seek(0)
        return upload
