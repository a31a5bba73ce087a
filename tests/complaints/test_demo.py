"""The demo complaints: one per stage the issue names, assigned to the demo committee, the anonymous one
opened by the receipt code that `seed_demo` prints, and a second run changes nothing."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

from complaints import receipt, selectors
from complaints.models import Complaint, Publication

pytestmark = pytest.mark.django_db


def test_seed_demo_files_complaints_in_several_stages_and_prints_the_receipt_code():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert {"received", "mediation", "follow_up", "closed", "admissibility", "acknowledged"} <= statuses
    assert Publication.objects.filter(complaint__status="closed").exists()
    assert Complaint.objects.filter(language="bn").exists()
    assert all(
        c.assignments.filter(member__email="committee@demo.example").exists() for c in Complaint.objects.all()
    )
    code = re.search(r"receipt code ([\d ]{19})", out.getvalue()).group(1)
    case = selectors.complaint_by_code(receipt.normalise(code))
    assert case is not None and case.anonymous
    count = Complaint.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Complaint.objects.count() == count
