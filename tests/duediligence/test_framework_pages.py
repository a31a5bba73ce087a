"""The secretariat's framework pages: start from the default, edit a draft's question, publish after a
confirmation step (frozen from then on), copy as the next draft, and choose the open cycle's version."""

from __future__ import annotations

import pytest
from django.urls import reverse

from covenants.models import AnnualCycle
from duediligence.models import CycleFramework, Framework, Question
from portal.accounts.roles import Role
from tests.covenants.factories import AnnualCycleFactory, CovenantFactory
from tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def test_from_the_default_to_the_open_cycle(secretariat, client_for):
    covenant = CovenantFactory(slug="metals")
    cycle = AnnualCycleFactory(covenant=covenant, status=AnnualCycle.Status.OPEN)
    client = client_for(secretariat)
    page = client.get(reverse("duediligence:frameworks")).content.decode()
    assert "Start from the default framework" in page and "no framework chosen yet" in page
    response = client.post(reverse("duediligence:framework-create", args=[covenant.slug]))
    draft = Framework.objects.get(covenant=covenant)
    assert response["Location"] == reverse("duediligence:framework", args=[draft.pk])
    question = Question.objects.filter(section__framework=draft).first()
    edit = reverse("duediligence:question-edit", args=[question.pk])
    bad = client.post(
        edit,
        {"text_nl": "", "text_en": "Changed", "help_nl": "", "help_en": "", "weight": "12", "required": "on"},
    )
    assert bad.status_code == 200 and "There is a problem" in bad.content.decode()
    assert 'value="12"' in bad.content.decode()
    client.post(
        edit,
        {
            "text_nl": "Gewijzigd",
            "text_en": "Changed",
            "help_nl": "",
            "help_en": "",
            "weight": "4",
            "required": "on",
        },
    )
    question.refresh_from_db()
    assert (question.text_en, question.weight) == ("Changed", 4)
    detail = reverse("duediligence:framework", args=[draft.pk])
    confirm = client.post(detail, {"action": "publish"})
    assert confirm.status_code == 200 and "Yes, publish this version" in confirm.content.decode()
    draft.refresh_from_db()
    assert draft.status == Framework.Status.DRAFT
    client.post(detail, {"action": "publish", "confirmed": "yes"})
    draft.refresh_from_db()
    assert draft.status == Framework.Status.PUBLISHED
    # Frozen: the edit page sends the secretariat back, and nothing changes.
    assert client.get(edit)["Location"] == detail
    client.post(detail, {"action": "use"})
    assert CycleFramework.objects.get(cycle=cycle).framework == draft
    client.post(detail, {"action": "copy"})
    assert Framework.objects.filter(covenant=covenant, version=2, status=Framework.Status.DRAFT).exists()


@pytest.mark.parametrize("role", [Role.COMPANY, Role.NGO, Role.GOVERNMENT, Role.COMMITTEE])
def test_nobody_else_sees_or_changes_frameworks(cycle, client_for, role):
    framework = Framework.objects.get()
    client = client_for(user_with_role(role))
    assert client.get(reverse("duediligence:frameworks")).status_code == 404
    assert client.get(reverse("duediligence:framework", args=[framework.pk])).status_code == 404
    assert (
        client.post(reverse("duediligence:framework", args=[framework.pk]), {"action": "copy"}).status_code
        == 404
    )
    assert Framework.objects.count() == 1
