"""Dates in long lists: `{{ value|list_date:"j M Y" }}` is the `date` filter, remembered per process."""

from __future__ import annotations

import functools
from datetime import date
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils.translation import get_language

register = template.Library()


@register.filter(expects_localtime=True, is_safe=False)
def list_date(value: Any, arg: str | None = None) -> str:
    """The same text as `date`, but a calendar date is formatted once per format and language: a
    covenant page lists a hundred members, and formatting their dates (month names are translated)
    was the largest part of rendering it."""
    if type(value) is not date:  # datetimes depend on the time zone: not remembered
        return str(date_filter(value, arg))
    return _formatted(value, arg, get_language())


@functools.lru_cache(maxsize=8192)
def _formatted(value: date, arg: str | None, language: str | None) -> str:
    return str(date_filter(value, arg))
