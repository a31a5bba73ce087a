"""The demo enquiries: one open, one answered by the demo secretariat; a second run changes nothing."""

from __future__ import annotations

import pytest

from portal.core import demo as accounts_demo
from portal.enquiries import demo
from portal.enquiries.models import Enquiry

pytestmark = pytest.mark.django_db


def test_seed_creates_an_open_and_an_answered_enquiry_once():
    lines: list[str] = []
    accounts_demo.seed(password="demo-pass-2026", log=lines.append)
    demo.seed(password="demo-pass-2026", log=lines.append)
    demo.seed(password="demo-pass-2026", log=lines.append)
    assert sorted(Enquiry.objects.values_list("status", flat=True)) == ["answered", "open"]
    answered = Enquiry.objects.get(status="answered")
    assert answered.answer and answered.answered_by.email == "secretariat@demo.example"
