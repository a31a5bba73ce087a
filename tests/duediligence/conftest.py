from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from covenants.models import AnnualCycle
from duediligence import services
from duediligence.frameworks.default import DEFAULT_FRAMEWORK
from portal.accounts.roles import Role
from tests.covenants.factories import AnnualCycleFactory, MembershipFactory
from tests.factories import user_with_role


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def secretariat() -> Any:
    return user_with_role(Role.SECRETARIAT)


@pytest.fixture
def company() -> Any:
    user = user_with_role(Role.COMPANY)
    user.membership = MembershipFactory(company=user.organisation, active=True)
    return user


@pytest.fixture
def cycle(company: Any, secretariat: Any) -> AnnualCycle:
    """An open cycle of the company's covenant using the published default framework."""
    cycle = AnnualCycleFactory(covenant=company.membership.covenant, status=AnnualCycle.Status.OPEN)
    framework = services.framework_create_from_data(
        actor=secretariat, covenant=cycle.covenant, data=dict(DEFAULT_FRAMEWORK)
    )
    framework = services.framework_publish(actor=secretariat, framework_id=framework.pk)
    services.cycle_framework_set(actor=secretariat, cycle=cycle, framework=framework)
    return cycle
