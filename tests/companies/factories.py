"""Factories for production locations and supply links (starting points; moves go through services)."""

from __future__ import annotations

import factory

from companies.models import ProcessingType, ProductionLocation, SupplyLink, WorkerBand
from covenants.models import Sector
from portal.accounts.roles import Role
from tests.covenants.factories import CovenantFactory
from tests.factories import OrganisationFactory


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductionLocation

    name = factory.Sequence(lambda n: f"Factory {n} Garments")
    address = factory.Sequence(lambda n: f"Plot {n}, Industrial Road")
    city = "Gazipur"
    postal_code = "1700"
    country = "BD"
    sector = Sector.GARMENTS_TEXTILE
    processing_type = ProcessingType.CUT_MAKE_TRIM
    worker_band = WorkerBand.UP_TO_1000


class SupplyLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplyLink

    company = factory.SubFactory(OrganisationFactory, kind=Role.COMPANY)
    location = factory.SubFactory(LocationFactory)
    covenant = factory.SubFactory(CovenantFactory)
    tier = 1
    first_year = 2020
    last_year = 2024
