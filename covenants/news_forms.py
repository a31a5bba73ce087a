"""The secretariat's form for a news item."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import DistinctErrorsMixin

from .models import Covenant, NewsItem


class NewsForm(DistinctErrorsMixin, forms.ModelForm):
    image_upload = forms.FileField(
        label=_("Image"), required=False, help_text=_("PNG, JPEG or WebP, at most 5 MB; describe it below.")
    )
    attachment = forms.FileField(
        label=_("Add an attachment"),
        required=False,
        help_text=_("PDF, ODT, DOCX, XLSX or plain text, at most 20 MB."),
    )

    class Meta:
        model = NewsItem
        fields = ["covenant", "title_nl", "title_en", "summary_nl", "summary_en", "body_nl", "body_en",
                  "image_alt_nl", "image_alt_en", "status", "publish_at"]  # fmt: skip
        widgets = {
            "summary_nl": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "body_nl": forms.Textarea(attrs={"rows": 12}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
            "publish_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        }
        help_texts = {"body_nl": _("Paragraphs are separated by an empty line."),
                      "body_en": _("Paragraphs are separated by an empty line.")}  # fmt: skip

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        covenant = self.fields["covenant"]
        assert isinstance(covenant, forms.ModelChoiceField)
        covenant.queryset = Covenant.objects.order_by("name_en")
        covenant.empty_label = str(_("The whole portal"))
        publish_at = self.fields["publish_at"]
        assert isinstance(publish_at, forms.DateTimeField)
        publish_at.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
