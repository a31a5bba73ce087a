"""Forms on a case page: messages, moves, pauses, committee, hearing, ruling, follow-up, publication,
feedback and the complainant's personal data. Validation and presentation only; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.forms import DistinctErrorsMixin

from .forms import attachments_field
from .models import Ruling, Visibility
from .models.case import TEXT_MAX

RECOMMENDATION_ROWS = 3


def _text(label: Any, rows: int = 4, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class MessageForm(DistinctErrorsMixin, forms.Form):
    body = _text(_("Your message"), rows=5)
    attachments = attachments_field(_("Add documents"))
    visibility = forms.ChoiceField(
        label=_("Who may read it"),
        choices=Visibility.choices,
        initial=Visibility.PARTIES,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, staff: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not staff:
            del self.fields["visibility"]


class MoveForm(forms.Form):
    to_status = forms.ChoiceField(label=_("Next step"), widget=forms.RadioSelect)
    reason = _text(
        _("Reason"), rows=3, required=False, help_text=_("Shown to the parties. Required to close a case.")
    )

    def __init__(self, *args: Any, choices: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = list(choices)  # type: ignore[attr-defined]


class PauseForm(forms.Form):
    reason = forms.CharField(
        label=_("What is the case waiting for?"),
        max_length=2000,
        help_text=_("The clock stops until you resume."),
    )


class AssignForm(forms.Form):
    member = forms.ChoiceField(label=_("Committee member"))

    def __init__(self, *args: Any, members: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", _("Choose a member"))] + [  # type: ignore[attr-defined]
            (m.pk, m.get_full_name() or m.email) for m in members
        ]


class DeclineForm(forms.Form):
    reason = _text(
        _("Why do you decline this case?"), rows=3, help_text=_("For example a conflict of interest.")
    )


class RouteForm(forms.Form):
    companies = forms.MultipleChoiceField(
        label=_("Member companies linked to this location"), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, companies: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["companies"].choices = [(c.pk, c.name) for c in companies]  # type: ignore[attr-defined]


class HearingForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Date and time"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    place = forms.CharField(label=_("Place, or how to join online"), max_length=300)


class RulingForm(DistinctErrorsMixin, forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Ruling.Outcome.choices, widget=forms.RadioSelect)
    text_nl = _text(_("Ruling in Dutch"), rows=8)
    text_en = _text(_("Ruling in English"), rows=8)

    def __init__(self, *args: Any, companies: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("Choose the company"))] + [(c.pk, c.name) for c in companies]
        for row in range(1, RECOMMENDATION_ROWS + 1):
            self.fields[f"rec{row}_company"] = forms.ChoiceField(
                label=_("Recommendation %(n)s: to") % {"n": row}, choices=choices, required=False
            )
            self.fields[f"rec{row}_text"] = forms.CharField(
                label=_("Recommendation %(n)s") % {"n": row}, max_length=200, required=False
            )
            self.fields[f"rec{row}_due"] = forms.DateField(
                label=_("Recommendation %(n)s: to be done by") % {"n": row},
                required=False,
                widget=forms.DateInput(attrs={"type": "date"}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        recommendations = []
        for row in range(1, RECOMMENDATION_ROWS + 1):
            values = [data.get(f"rec{row}_{part}") for part in ("company", "text", "due")]
            if not any(values):
                continue
            if not all(values):
                self.add_error(f"rec{row}_text", _("Fill in the company, the recommendation and its date."))
                continue
            recommendations.append((int(str(values[0])), values[1], values[2]))
        data["recommendations"] = recommendations
        return data


class FollowUpForm(forms.Form):
    body = _text(_("What has your company done to comply with the recommendations?"), rows=6)


class PublishForm(forms.Form):
    summary_nl = _text(_("Anonymised summary in Dutch"), rows=6)
    summary_en = _text(_("Anonymised summary in English"), rows=6)
    ruling_published = forms.BooleanField(label=_("Publish the ruling"), required=False, initial=True)
    withheld = _text(
        _("What is withheld from publication, and why"),
        rows=3,
        required=False,
        help_text=_("Transparency is the rule: state each thing you leave out and the reason."),
    )


class FeedbackForm(forms.Form):
    satisfaction = forms.TypedChoiceField(
        label=_("How satisfied are you with how your complaint was handled?"),
        coerce=int,
        choices=[
            (5, _("Very satisfied")),
            (4, _("Satisfied")),
            (3, _("Neither satisfied nor dissatisfied")),
            (2, _("Dissatisfied")),
            (1, _("Very dissatisfied")),
        ],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Anything you want to tell us"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class IdentityForm(forms.Form):
    purpose = forms.CharField(
        label=_("Why do you need the complainant's contact details?"),
        max_length=200,
        help_text=_("Recorded in the access log with your name and the time."),
    )


class EraseForm(forms.Form):
    reason = forms.CharField(label=_("The request to erase (date, how it came in)"), max_length=200)


class SettingsForm(forms.Form):
    public_tracker = forms.BooleanField(label=_("Publish a tracker of running cases"), required=False)
    contact_retention_months = forms.IntegerField(
        label=_("Erase contact details this many months after closure"), min_value=1, max_value=120
    )
    anonymise_after_years = forms.IntegerField(
        label=_("Anonymise the case this many years after closure"), min_value=1, max_value=30
    )
