from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..forms import TOPIC_CHOICES
from ..models import MESSAGE_MAX, NAME_MAX


class EnquiryCreateInputSerializer(serializers.Serializer):
    """The contact form's fields. `complaint` is refused with a pointer to the complaint endpoint."""

    topic = serializers.ChoiceField(choices=[value for value, _label in TOPIC_CHOICES])
    name = serializers.CharField(max_length=NAME_MAX)
    organisation = serializers.CharField(max_length=NAME_MAX, required=False, allow_blank=True, default="")
    email = serializers.EmailField()
    message = serializers.CharField(max_length=MESSAGE_MAX)
    language = serializers.ChoiceField(
        choices=list(settings.PORTAL_MAIN_LANGUAGES), required=False, default=settings.LANGUAGE_CODE
    )


class EnquiryCreatedSerializer(serializers.Serializer):
    received = serializers.BooleanField(help_text=_("True: the enquiry is stored."))
    detail = serializers.CharField()
