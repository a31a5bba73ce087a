"""Forms of the public performance summary, the company's comment and the suspension review."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SuspensionReview
from .models.performance import COMMENT_MAX, SUMMARY_MAX


class SummaryForm(forms.Form):
    summary_nl = forms.CharField(
        label=_("Summary in Dutch"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "A few sentences for the public covenant page: what the member does well and what it must improve."
        ),
    )
    summary_en = forms.CharField(
        label=_("Summary in English"),
        max_length=SUMMARY_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class CommentForm(forms.Form):
    comment = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Published with the summary. Leave it empty to publish the summary without a comment."),
    )


class EscalateForm(forms.Form):
    note = forms.CharField(
        label=_("Why this member is escalated"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example the talks held with the company since the deadline."),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=SuspensionReview.Decision.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Reasons for the decision"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("A suspension is sent to the company with these reasons."),
    )
