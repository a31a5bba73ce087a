"""Permission matrix rows of the due-diligence API. Every object in the paths belongs to another
company, in a covenant none of the matrix's users is a member of: the secretariat reads it, nobody
else learns it exists, and nobody but its own company (not in the matrix) changes it.

A request that changes nothing is enough to show who gets past the door: an empty body is a 400 for
whoever may make it, and the secretariat's PUTs without a body are a 415 after the object was found."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from covenants.models import AnnualCycle
from duediligence import services
from duediligence.frameworks.default import DEFAULT_FRAMEWORK
from duediligence.models import Question
from portal.accounts.roles import Role
from tests.covenants.factories import AnnualCycleFactory, MembershipFactory, standard_theme
from tests.factories import user_with_role
from tests.permission_matrix import Row, Status, World, expect

PDF = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\n"


def build(world: World) -> None:
    secretariat = world.users["secretariat"]
    other = user_with_role(Role.COMPANY)
    membership = MembershipFactory(company=other.organisation, active=True)
    cycle = AnnualCycleFactory(covenant=membership.covenant, status=AnnualCycle.Status.OPEN)
    framework = services.framework_create_from_data(
        actor=secretariat, covenant=cycle.covenant, data=dict(DEFAULT_FRAMEWORK)
    )
    framework = services.framework_publish(actor=secretariat, framework_id=framework.pk)
    services.cycle_framework_set(actor=secretariat, cycle=cycle, framework=framework)
    assessment = services.assessment_start(actor=other, cycle=cycle)
    question = Question.objects.filter(section__framework=framework, answer_type="yes_partly_no").first()
    assert question is not None
    services.answer_save(
        actor=other, assessment_id=assessment.pk, question_id=question.pk, version=None, choice="yes"
    )
    world.api_cycle, world.api_assessment, world.api_question = cycle, assessment, question
    world.api_section = question.section
    world.api_risk = services.risk_create(
        actor=other,
        theme=standard_theme("living-wage"),
        title="Wages below the living wage",
        involvement="contributed",
        scale=3,
        scope=4,
        irremediable=2,
        likelihood=3,
    )
    world.api_action = services.action_create(
        actor=other,
        risk_id=world.api_risk.pk,
        title="Pay the benchmark",
        owner="Buyer",
        due_on=date(2030, 6, 30),
    )
    services.action_progress_add(
        actor=other,
        action_id=world.api_action.pk,
        on=timezone.localdate(),
        note="Costed the wage gap.",
        percentage=20,
        evidence=SimpleUploadedFile("gap.pdf", PDF),
    )


def api(rest: Status = 404, **columns: Status) -> dict[str, Status]:
    """An API row: anonymous callers and users of a waiting organisation get 403, not a login page."""
    return expect(rest, anonymous=403, pending=403, **columns)


#: The company's own lists, and the secretariat's overview of every company's.
LIST = api(company=200, secretariat=200)
#: Another company's object: the secretariat reads it, nobody else learns it exists.
OTHERS = api(secretariat=200)
#: Another company's object to change: nobody.
NOBODY = api()


def _pk(name: str) -> Callable[[World], dict[str, Any]]:
    return lambda w: {"pk": getattr(w, name).pk}


ROWS: list[Row] = [
    # --- self-assessments ---
    Row("api:assessments-list", LIST),
    Row("api:assessment-cycles-list", api(company=200)),
    Row(
        "api:assessment-cycles-start",
        NOBODY,
        method="POST",
        kwargs=_pk("api_cycle"),
        case="a cycle of a covenant the company is not a member of",
    ),
    Row("api:assessments-detail", OTHERS, kwargs=_pk("api_assessment"), case="another company's"),
    Row("api:assessments-questions", OTHERS, kwargs=_pk("api_assessment"), case="another company's"),
    Row(
        "api:assessments-answers-create",
        NOBODY,
        method="POST",
        kwargs=_pk("api_assessment"),
        case="another company's assessment",
    ),
    Row(
        "api:assessments-answers-update",
        NOBODY,
        method="PUT",
        kwargs=lambda w: {"pk": w.api_assessment.pk, "question_id": w.api_question.pk},
        case="another company's answer",
    ),
    Row(
        "api:assessments-submit",
        NOBODY,
        method="POST",
        kwargs=_pk("api_assessment"),
        case="another company's assessment",
    ),
    # --- the secretariat's review (of a draft: nothing to review yet) ---
    Row("api:assessments-review", api(secretariat=200), kwargs=_pk("api_assessment"), case="a draft"),
    Row(
        "api:assessments-review-start",
        api(secretariat=400),
        method="POST",
        kwargs=_pk("api_assessment"),
        case="a draft",
    ),
    Row(
        "api:assessments-review-section",
        api(secretariat=415),
        method="PUT",
        kwargs=lambda w: {"pk": w.api_assessment.pk, "section_id": w.api_section.pk},
        case="a draft, no body",
    ),
    Row(
        "api:assessments-review-feedback",
        api(secretariat=415),
        method="PUT",
        kwargs=lambda w: {"pk": w.api_assessment.pk, "question_id": w.api_question.pk},
        case="a draft, no body",
    ),
    Row(
        "api:assessments-review-decide",
        api(secretariat=400),
        method="POST",
        kwargs=_pk("api_assessment"),
        case="a draft, no decision",
    ),
    # --- the risk register and the action plan ---
    Row("api:risks-list", LIST),
    Row("api:risks-create", api(company=400), method="POST", case="no data"),
    Row("api:risks-detail", OTHERS, kwargs=_pk("api_risk"), case="another company's"),
    Row("api:risks-detail", NOBODY, method="PATCH", kwargs=_pk("api_risk"), case="another company's"),
    Row("api:actions-list", LIST),
    Row("api:actions-create", api(company=400), method="POST", case="no data"),
    Row("api:actions-detail", OTHERS, kwargs=_pk("api_action"), case="another company's"),
    Row("api:actions-detail", NOBODY, method="PATCH", kwargs=_pk("api_action"), case="another company's"),
    Row("api:actions-progress", OTHERS, kwargs=_pk("api_action"), case="another company's action"),
    Row(
        "api:actions-progress-create",
        NOBODY,
        method="POST",
        kwargs=_pk("api_action"),
        case="another company's action",
    ),
]
