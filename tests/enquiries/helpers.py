"""Small helpers for the enquiries tests."""

from __future__ import annotations

from typing import Any

from portal.enquiries import services
from portal.enquiries.models import Enquiry

FORM = {
    "topic": "join",
    "name": "Anouk Mulder",
    "organisation": "Voorbeeld B.V.",
    "email": "anouk@example.test",
    "message": "How do we join the garments covenant?",
}


def enquiry(**overrides: Any) -> Enquiry:
    values = dict(FORM.items())
    values.update(overrides)
    return services.enquiry_submit(language="en", **values)
