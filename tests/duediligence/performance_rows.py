"""Permission matrix rows of the performance checks and the suspension review queue. The performance,
the review and the missed deadline belong to another company (built by `assessment_rows`)."""

from __future__ import annotations

from decimal import Decimal

from covenants.models import AnnualCycle, Membership
from duediligence import services
from duediligence.models import Assessment, SuspensionReview
from tests.covenants.factories import AnnualCycleFactory
from tests.permission_matrix import LOGIN, WAITING, Row, World, expect


def build(world: World) -> None:
    """Needs `assessment_rows.build` first: last year's accepted assessment of the same company, its
    performance shared for comment, and a suspension review of its membership."""
    secretariat = world.users["secretariat"]
    current = world.dd_cycle
    last_year = AnnualCycleFactory(
        covenant=current.covenant, year=current.year - 1, status=AnnualCycle.Status.CLOSED
    )
    accepted = Assessment.objects.create(
        company_id=world.dd_assessment.company_id,
        covenant=current.covenant,
        cycle=last_year,
        framework=world.dd_framework,
        status=Assessment.Status.ACCEPTED,
        score=Decimal("42"),
    )
    performance = services.performance_open(accepted)
    services.performance_update(
        actor=secretariat, performance_id=performance.pk, summary_nl="Samenvatting.", summary_en="Summary."
    )
    world.dd_performance = services.performance_share(actor=secretariat, performance_id=performance.pk)
    world.dd_suspension = SuspensionReview.objects.create(
        membership=Membership.objects.get(company_id=accepted.company_id, covenant=current.covenant),
        cycle=last_year,
        reason=SuspensionReview.Reason.NEEDS_IMPROVEMENT,
    )


#: The company's own checks, and the secretariat's overview.
LIST = expect(404, anonymous=LOGIN, pending=WAITING, company=200, secretariat=200)
#: Another company's check: the secretariat reads it, nobody else learns it exists.
OTHERS = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200)
SECRETARIAT = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200)

ROWS: list[Row] = [
    Row("duediligence:performances", LIST),
    Row(
        "duediligence:performance",
        OTHERS,
        kwargs=lambda w: {"pk": w.dd_performance.pk},
        case="another company's check, shared for comment",
    ),
    Row(
        "duediligence:performance",
        # The secretariat is refused in the page: a shared summary can no longer be changed.
        expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200),
        method="POST",
        kwargs=lambda w: {"pk": w.dd_performance.pk},
        data={"action": "save"},
        case="comment on or save another company's check",
    ),
    Row("duediligence:suspension-reviews", SECRETARIAT),
    Row("duediligence:suspension-review", SECRETARIAT, kwargs=lambda w: {"pk": w.dd_suspension.pk}),
    Row(
        "duediligence:suspension-escalate",
        SECRETARIAT,
        kwargs=lambda w: {"cycle_id": w.dd_cycle.pk, "company_id": w.dd_assessment.company_id},
        case="a member past the deadline without a submission",
    ),
]
