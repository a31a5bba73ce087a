"""Permission matrix rows of the risk register and the action plan. The risk and the action in the paths
belong to another company: nobody but the secretariat reads them, and nobody edits them."""

from __future__ import annotations

from datetime import date

from duediligence import services
from portal.accounts.roles import Role
from tests.covenants.factories import standard_theme
from tests.factories import user_with_role
from tests.permission_matrix import LOGIN, WAITING, Row, World, expect


def build(world: World) -> None:
    other = user_with_role(Role.COMPANY)
    world.dd_risk = services.risk_create(
        actor=other,
        theme=standard_theme("child-labour"),
        title="Child labour at a spinning mill",
        involvement="linked",
        scale=4,
        scope=2,
        irremediable=4,
        likelihood=2,
        countries=["IN"],
    )
    world.dd_action = services.action_create(
        actor=other,
        risk_id=world.dd_risk.pk,
        title="Audit the mill",
        owner="CSR manager",
        due_on=date(2030, 1, 31),
    )


#: The company's own register and plan, and the secretariat's overview of every company's.
LIST = expect(404, anonymous=LOGIN, pending=WAITING, company=200, secretariat=200)
#: Only a company writes its own register and plan.
COMPANY_FORM = expect(404, anonymous=LOGIN, pending=WAITING, company=200)
#: Another company's action: the secretariat reads it, nobody else learns it exists.
OTHERS = expect(404, anonymous=LOGIN, pending=WAITING, secretariat=200)
#: Another company's risk or action to edit: nobody.
NOBODY = expect(404, anonymous=LOGIN, pending=WAITING)

ROWS: list[Row] = [
    Row("duediligence:risks", LIST),
    Row("duediligence:risk-create", COMPANY_FORM),
    Row(
        "duediligence:risk-edit", NOBODY, kwargs=lambda w: {"pk": w.dd_risk.pk}, case="another company's risk"
    ),
    Row("duediligence:actions", LIST),
    Row("duediligence:action-create", COMPANY_FORM),
    Row(
        "duediligence:action",
        OTHERS,
        kwargs=lambda w: {"pk": w.dd_action.pk},
        case="another company's action",
    ),
    Row(
        "duediligence:action-edit",
        NOBODY,
        kwargs=lambda w: {"pk": w.dd_action.pk},
        case="another company's action",
    ),
]
