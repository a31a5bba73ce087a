"""Permission matrix rows of the self-assessment pages. The assessment in the paths belongs to another
company, in a covenant none of the matrix's users is a member of."""

from __future__ import annotations

from covenants.models import AnnualCycle
from duediligence import services
from duediligence.frameworks.default import DEFAULT_FRAMEWORK
from portal.accounts.roles import Role
from tests.covenants.factories import AnnualCycleFactory, MembershipFactory
from tests.factories import user_with_role
from tests.permission_matrix import LOGIN, WAITING, Row, World, expect


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
    world.dd_cycle = cycle
    world.dd_assessment = services.assessment_start(actor=other, cycle=cycle)
    world.dd_framework = framework
    world.dd_draft = services.framework_copy(actor=secretariat, source=framework)


#: The company's own list, and the secretariat's overview.
LIST = expect(404, anonymous=LOGIN, pending=WAITING, company=200, secretariat=200)
#: Another company's assessment: the secretariat reads it, nobody else learns it exists.
OTHERS = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200)
#: Another company's assessment or cycle, for what only its own company does.
NOBODY = expect(404, anonymous=LOGIN, pending=WAITING)

SECRETARIAT = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200)

ROWS = [
    Row("duediligence:frameworks", SECRETARIAT),
    Row(
        "duediligence:framework-create",
        expect(404, anonymous=LOGIN, pending=WAITING, secretariat=302),
        method="POST",
        kwargs=lambda w: {"slug": w.dd_cycle.covenant.slug},
        case="a new draft from the default framework",
    ),
    Row("duediligence:framework", SECRETARIAT, kwargs=lambda w: {"pk": w.dd_framework.pk}),
    Row(
        "duediligence:question-edit",
        SECRETARIAT,
        kwargs=lambda w: {"pk": w.dd_draft.sections.first().questions.first().pk},
        case="a question of a draft",
    ),
    Row("duediligence:assessments", LIST),
    Row(
        "duediligence:assessment-start",
        NOBODY,
        method="POST",
        kwargs=lambda w: {"cycle_id": w.dd_cycle.pk},
        case="a cycle of a covenant the company is not a member of",
    ),
    Row("duediligence:assessment", OTHERS, kwargs=lambda w: {"pk": w.dd_assessment.pk}),
    Row("duediligence:assessment-step", OTHERS, kwargs=lambda w: {"pk": w.dd_assessment.pk, "step": 1}),
    Row(
        "duediligence:assessment-review",
        expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200),
        kwargs=lambda w: {"pk": w.dd_assessment.pk},
    ),
    Row(
        "duediligence:assessment-report",
        expect(404, anonymous=LOGIN, pending=WAITING, secretariat=302),
        method="POST",
        kwargs=lambda w: {"pk": w.dd_assessment.pk},
        data={"layout": "assessment"},
        case="another company's draft: the secretariat is sent back with a message",
    ),
    Row(
        "duediligence:assessment-submit",
        NOBODY,
        method="POST",
        kwargs=lambda w: {"pk": w.dd_assessment.pk},
        case="another company's assessment",
    ),
]
