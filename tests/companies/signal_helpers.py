"""Building blocks for the signal tests: a location with linked companies and a reported signal."""

from __future__ import annotations

from datetime import date

from companies import relay
from companies.models import LocationSignal, ProductionLocation
from covenants.models import Covenant
from portal.accounts.models import User
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory, standard_theme
from tests.factories import UserFactory, user_with_role

from .factories import LocationFactory, SupplyLinkFactory

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SECRET_COMPANY = "Confidential Buyer Apparel BV"


def linked_location(
    companies: int = 1, *, names: tuple[str, ...] = (SECRET_COMPANY,)
) -> tuple[ProductionLocation, list[User]]:
    """A location with `companies` linked companies (one user each, the first named SECRET_COMPANY)."""
    location = LocationFactory(name="Padma Knit Composite")
    covenant = CovenantFactory(status=Covenant.Status.ACTIVE)
    users = []
    for n in range(companies):
        name = names[n] if n < len(names) else f"Buyer {n} Apparel BV"
        user = user_with_role(Role.COMPANY)
        user.organisation.name = name
        user.organisation.save()
        SupplyLinkFactory(company=user.organisation, location=location, covenant=covenant)
        users.append(user)
    return location, users


def reported(reporter: User, location: ProductionLocation, **kwargs: object) -> LocationSignal:
    return relay.signal_report(
        actor=reporter,
        location_id=location.pk,
        description=kwargs.pop("description", "Workers were locked in during a fire drill."),  # type: ignore[arg-type]
        occurred_on=kwargs.pop("occurred_on", date(2026, 1, 10)),  # type: ignore[arg-type]
        theme_id=standard_theme("health-safety").pk,
        **kwargs,  # type: ignore[arg-type]
    )


def colleague_of(user: User, **kwargs: object) -> User:
    return UserFactory(organisation=user.organisation, **kwargs)
