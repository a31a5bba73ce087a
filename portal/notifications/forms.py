from django import forms
from django.utils.translation import gettext_lazy as _


class OutboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("problems", _("Failed or waiting too long")),
            ("failed", _("Failed")),
            ("waiting", _("Waiting too long")),
        ],
    )
