from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import DistinctErrorsMixin

from .models import LANGUAGES, Foreword


class ReportRequestForm(DistinctErrorsMixin, forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    language = forms.ChoiceField(label=_("Language of the report"), choices=LANGUAGES)

    def __init__(self, *args: Any, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["year"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [(year, str(year)) for year in years]


class ForewordForm(DistinctErrorsMixin, forms.ModelForm):
    class Meta:
        model = Foreword
        fields = ["text_nl", "text_en"]
        widgets = {
            "text_nl": forms.Textarea(attrs={"rows": 12}),
            "text_en": forms.Textarea(attrs={"rows": 12}),
        }
        help_texts = {
            "text_nl": _("Paragraphs are separated by an empty line."),
            "text_en": _("Paragraphs are separated by an empty line."),
        }
