"""The public contact form and the secretariat's forms (validation and presentation only)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.accounts.models import User
from portal.forms import DistinctErrorsMixin, set_empty_choice

from .models import ANSWER_MAX, MESSAGE_MAX, NAME_MAX, Enquiry
from .services import COMPLAINT_TOPIC, secretariat_users

T = Enquiry.Topic
#: The topics in the order the visitor reads them; a complaint is not stored as an enquiry.
TOPIC_CHOICES = [
    (T.JOIN.value, T.JOIN.label),
    (T.NEGOTIATE.value, T.NEGOTIATE.label),
    (T.DUE_DILIGENCE.value, T.DUE_DILIGENCE.label),
    (COMPLAINT_TOPIC, _("A complaint about harm linked to a company")),
    (T.OTHER.value, T.OTHER.label),
]


class EnquiryForm(DistinctErrorsMixin, forms.Form):
    """What a visitor asks. Only the organisation is optional."""

    topic = forms.ChoiceField(
        label=_("What is your question about?"),
        choices=TOPIC_CHOICES,
        widget=forms.RadioSelect,
        help_text=_(
            "Do you want to make a complaint? Choose “A complaint”: we take you to the complaint "
            "form, which protects you better. There you may stay anonymous."
        ),
        error_messages={"required": _("Choose what your question is about.")},
    )
    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX,
        error_messages={"required": _("Give your name.")},
    )
    organisation = forms.CharField(label=_("Your organisation"), max_length=NAME_MAX, required=False)
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("We send our answer here."),
        error_messages={
            "required": _("Give your e-mail address."),
            "invalid": _("Give an e-mail address in the right form, like name@example.org."),
        },
    )
    message = forms.CharField(
        label=_("Your question"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your question.")},
    )
    #: A field people do not see; software that fills every field does (then nothing is stored).
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"autocomplete": "off", "tabindex": "-1"})
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    def chose_complaint(self) -> bool:
        return self.data.get("topic") == COMPLAINT_TOPIC

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {key: data.get(key, "") for key in ("topic", "name", "organisation", "email", "message")}


class EnquiryFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=())
    topic = forms.ChoiceField(label=_("Topic"), required=False, choices=())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Every status")), *Enquiry.Status.choices]  # type: ignore[attr-defined]
        self.fields["topic"].choices = [("", _("Every topic")), *Enquiry.Topic.choices]  # type: ignore[attr-defined]


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField[User] = forms.ModelChoiceField(
        label=_("Assign to"),
        queryset=User.objects.none(),
        error_messages={"required": _("Choose a member of the secretariat.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = secretariat_users()  # type: ignore[attr-defined]
        set_empty_choice(self.fields["assignee"], _("Choose a member of the secretariat"))


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer"),
        max_length=ANSWER_MAX,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Sent by e-mail to the enquirer, and kept with the enquiry."),
        error_messages={"required": _("Write the answer.")},
    )
