"""Supply links: which company sources at which location, per covenant. Confidential by default."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import Covenant
from portal.accounts.models import Organisation
from portal.accounts.roles import Role

from .choices import ProductCategory, Tier
from .location import ProductionLocation

EARLIEST_YEAR = 1900


def validate_product_categories(value: Any) -> None:
    """A list of known product categories, each once."""
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValidationError(_("Choose the product categories from the list."), code="invalid_categories")
    unknown = sorted(set(value) - set(ProductCategory.values))
    if unknown:
        raise ValidationError(
            _("Unknown product category: %(values)s."),
            code="unknown_category",
            params={"values": ", ".join(unknown)},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Choose each product category once."), code="duplicate_category")


def validate_not_future_year(value: int) -> None:
    if value is not None and value > timezone.now().year:
        raise ValidationError(
            _("The year %(year)s lies in the future."), code="future_year", params={"year": value}
        )


class SupplyLink(models.Model):
    """A company sourcing at a location within one covenant. Only the company and the secretariat see it;
    the public list names the company only when `show_publicly` is on."""

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="supply_links",
        limit_choices_to={"kind": Role.COMPANY},
        db_index=False,  # the unique (company, location, covenant) index serves look-ups by company
    )
    location = models.ForeignKey(
        ProductionLocation,
        verbose_name=_("location"),
        on_delete=models.PROTECT,
        related_name="links",
        db_index=False,  # the (location, show_publicly) index serves look-ups by location
    )
    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="supply_links"
    )
    tier = models.PositiveSmallIntegerField(_("tier"), choices=Tier.choices, default=Tier.ONE)
    product_categories = models.JSONField(
        _("product categories"), default=list, blank=True, validators=[validate_product_categories]
    )
    first_year = models.PositiveSmallIntegerField(
        _("first year of sourcing"), null=True, blank=True, validators=[validate_not_future_year]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year of sourcing"), null=True, blank=True, validators=[validate_not_future_year]
    )
    show_publicly = models.BooleanField(
        _("show this link publicly"),
        default=False,
        help_text=_("When on, the public location list names your company at this location."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("supply link")
        verbose_name_plural = _("supply links")
        ordering = ["location_id", "company_id", "covenant_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "location", "covenant"], name="supply_link_unique_per_covenant"
            ),
            models.CheckConstraint(condition=Q(tier__in=Tier.values), name="supply_link_tier_valid"),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True) | Q(first_year__gte=EARLIEST_YEAR),
                name="supply_link_first_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(first_year__isnull=True)
                | Q(last_year__isnull=True)
                | Q(first_year__lte=F("last_year")),
                name="supply_link_first_year_not_after_last",
            ),
        ]
        indexes = [models.Index(fields=["location", "show_publicly"], name="supply_link_location_public")]

    def __str__(self) -> str:
        return f"{self.company_id} -> {self.location_id} ({self.covenant_id})"

    def clean(self) -> None:
        if self.first_year and self.first_year < EARLIEST_YEAR:
            raise ValidationError(
                {"first_year": _("Give a year from %(year)s on.") % {"year": EARLIEST_YEAR}}
            )
        if self.first_year and self.last_year and self.first_year > self.last_year:
            raise ValidationError(
                {"last_year": _("The last year of sourcing cannot be before the first year.")}
            )
