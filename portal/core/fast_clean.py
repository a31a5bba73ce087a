"""A quick yes to plain values that a model's `full_clean` would accept, for writers of many rows.

`full_clean` on a model instance costs some 1 ms (a country field alone walks its 250 choices); for
100,000 uploaded rows that is the whole time budget. `FieldChecks` compiles each field's rules once
(type, blank, length, choices, range, digits, the field's other validators) and says True only where
`full_clean` would pass the value unchanged. Anything else (another type, a value out of bounds, a
field kind it does not know) gets False, and the caller runs `full_clean` for that row, which gives
the translated messages and is the judge. So the fast path can only be too strict, never too lenient.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import (
    DecimalValidator,
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models

Check = Callable[[Any], bool]


def _passes(validators: Sequence[Callable[[Any], None]], value: Any) -> bool:
    for validator in validators:
        try:
            validator(value)
        except ValidationError:
            return False
    return True


def _choices(field: models.Field) -> frozenset[str] | None:
    return frozenset(str(value) for value, _label in field.flatchoices) if field.choices else None


def _char(field: models.CharField) -> Check:
    lengths = [v.limit_value for v in field.validators if isinstance(v, MaxLengthValidator)]
    limit = min([*lengths, field.max_length or 10**9])
    blank, choices = field.blank, _choices(field)
    known = (MaxLengthValidator, ProhibitNullCharactersValidator)
    others = [v for v in field.validators if not isinstance(v, known)]

    def check(value: Any) -> bool:
        if type(value) is not str:
            return False
        if not value:
            return blank
        if len(value) > limit or "\x00" in value:
            return False
        if choices is not None and value not in choices:
            return False
        return not others or _passes(others, value)

    return check


def _decimal(field: models.DecimalField) -> Check:
    low = max([v.limit_value for v in field.validators if isinstance(v, MinValueValidator)], default=None)
    high = min([v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)], default=None)
    known = (MinValueValidator, MaxValueValidator, DecimalValidator)
    others = [v for v in field.validators if not isinstance(v, known)]
    max_digits, places = field.max_digits or 0, field.decimal_places or 0
    empty_ok = field.blank  # full_clean skips an empty value of a blank field, and refuses it otherwise

    def check(value: Any) -> bool:
        if value is None:
            return empty_ok
        if type(value) is not Decimal or not value.is_finite():
            return False
        _sign, digit_tuple, exponent = value.as_tuple()
        assert isinstance(exponent, int)  # finite
        if exponent >= 0:
            digits, decimals = len(digit_tuple) + exponent, 0
        elif -exponent > len(digit_tuple):
            digits = decimals = -exponent
        else:
            digits, decimals = len(digit_tuple), -exponent
        if digits > max_digits or decimals > places or digits - decimals > max_digits - places:
            return False
        if (low is not None and value < low) or (high is not None and value > high):
            return False
        return not others or _passes(others, value)

    return check


def _never(_value: Any) -> bool:
    return False


def _check_for(field: models.Field) -> Check:
    if isinstance(field, models.CharField) and not isinstance(field, models.EmailField | models.URLField):
        return _char(field)
    if isinstance(field, models.DecimalField):
        return _decimal(field)
    return _never


class FieldChecks:
    """The rules of some fields of a model, compiled once: `accepts(values)` for a mapping of them."""

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        self.fields = tuple(fields)
        self._checks: list[tuple[str, Check, Any]] = []
        for name in self.fields:
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field)
            self._checks.append((name, _check_for(field), field.get_default()))

    def accepts(self, values: Mapping[str, Any]) -> bool:
        """True when `full_clean` would accept every one of these values as it is (a field left out
        counts with its default, as a new instance would have it)."""
        get = values.get
        for name, check, default in self._checks:  # noqa: SIM110 - a loop, not all(): a hot path
            if not check(get(name, default)):
                return False
        return True
