"""Case reference numbers: the covenant's prefix, the year filed and a number counted per prefix and
year (GT-2026-0007). The counter row is locked while it is advanced, so concurrent filings never share
a number; a rolled-back filing may leave a gap, which is harmless."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from covenants.models import Covenant

from .models import ReferenceCounter
from .models.case import reference_prefix


def next_reference(covenant: Covenant, year: int | None = None) -> str:
    """The next free reference of `covenant` for `year` (default: this year). Call it inside the
    transaction that stores the complaint."""
    prefix = reference_prefix(covenant)
    year = year or timezone.localdate().year
    with transaction.atomic():
        updated = ReferenceCounter.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    ReferenceCounter.objects.create(prefix=prefix, year=year, last=1)
            except IntegrityError:  # another filing created the row first: count on it
                ReferenceCounter.objects.filter(prefix=prefix, year=year).update(last=F("last") + 1)
        number = ReferenceCounter.objects.get(prefix=prefix, year=year).last
    return f"{prefix}-{year}-{number:04d}"
