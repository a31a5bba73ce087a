"""Production locations: one row per real place, with a stable public ID of our own."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from covenants.models import Sector

from .choices import LocationStatus, ProcessingType, WorkerBand

#: Crockford's base32 alphabet: no I, L, O or U, so an ID read aloud or copied by hand stays right.
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PUBLIC_ID_PREFIX = "IMVO-"
PUBLIC_ID_LENGTH = 10
NAME_MAX_LENGTH = 500
ADDRESS_MAX_LENGTH = 1000


def new_public_id() -> str:
    """A fresh random public ID such as IMVO-7K3M9QX2TB (32**10 possibilities; unique in the table)."""
    bits = secrets.randbits(5 * PUBLIC_ID_LENGTH)
    return PUBLIC_ID_PREFIX + "".join(CROCKFORD[(bits >> (5 * i)) & 31] for i in range(PUBLIC_ID_LENGTH))


def location_keys(name: str, address: str, city: str) -> tuple[str, str, str]:
    """The normalised name, address and city a location is matched and searched on."""
    from companies.matching import normalise_address, normalise_city, normalise_name

    return (
        normalise_name(name)[:NAME_MAX_LENGTH],
        normalise_address(address)[:ADDRESS_MAX_LENGTH],
        normalise_city(city)[:200],
    )


validate_os_hub_id = RegexValidator(
    r"^[A-Z]{2}[0-9]{7}[A-Z0-9]{6}$",
    message=_(
        "An Open Supply Hub ID has two capital letters for the country, seven digits and six letters "
        "or digits, for example CN2019303BQ3FZP."
    ),
    code="invalid_os_hub_id",
)


def _max_length_validator(limit: int) -> MaxLengthValidator:
    return MaxLengthValidator(
        limit,
        message=_("Use at most %(limit_value)d characters (this text has %(show_value)d)."),
    )


class ProductionLocation(models.Model):
    """A factory, mill, farm or mine that member companies source from. Only the services write it."""

    public_id = models.CharField(_("public ID"), max_length=20, default=new_public_id, editable=False)
    name = models.CharField(
        _("name"), max_length=NAME_MAX_LENGTH, validators=[_max_length_validator(NAME_MAX_LENGTH)]
    )
    address = models.CharField(
        _("address"),
        max_length=ADDRESS_MAX_LENGTH,
        blank=True,
        validators=[_max_length_validator(ADDRESS_MAX_LENGTH)],
    )
    city = models.CharField(_("city"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = CountryField(_("country"))
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    processing_type = models.CharField(
        _("processing type"), max_length=32, choices=ProcessingType.choices, default=ProcessingType.OTHER
    )
    worker_band = models.CharField(
        _("number of workers"), max_length=16, choices=WorkerBand.choices, default=WorkerBand.UNKNOWN
    )
    parent_company = models.CharField(
        _("parent company"),
        max_length=NAME_MAX_LENGTH,
        blank=True,
        validators=[_max_length_validator(NAME_MAX_LENGTH)],
    )
    os_hub_id = models.CharField(
        _("Open Supply Hub ID"), max_length=15, blank=True, validators=[validate_os_hub_id]
    )
    status = models.CharField(
        _("status"), max_length=16, choices=LocationStatus.choices, default=LocationStatus.ACTIVE
    )
    moved_to = models.ForeignKey(
        "self",
        verbose_name=_("moved to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="moved_from",
    )
    #: Normalised by companies.matching; what the matching blocks and searches on.
    name_key = models.CharField(max_length=NAME_MAX_LENGTH, editable=False, default="")
    address_key = models.CharField(max_length=ADDRESS_MAX_LENGTH, editable=False, default="")
    city_key = models.CharField(max_length=200, editable=False, default="")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("production location")
        verbose_name_plural = _("production locations")
        ordering = ["name_key", "pk"]
        indexes = [
            models.Index(fields=["name_key"], name="location_name_key"),
            models.Index(fields=["country", "city_key"], name="location_country_city"),
            models.Index(fields=["country", "postal_code"], name="location_country_postal"),
            models.Index(fields=["status", "country"], name="location_status_country"),
            models.Index(fields=["processing_type", "name_key"], name="location_type_name"),
            models.Index(fields=["sector", "name_key"], name="location_sector_name"),
        ]
        constraints = [
            # A constraint rather than unique=True: IDs are looked up exactly, so the LIKE index that
            # PostgreSQL would get beside it only costs time on every insert.
            models.UniqueConstraint(fields=["public_id"], name="location_public_id_unique"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="location_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="location_longitude_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=LocationStatus.values), name="location_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(moved_to__isnull=True) | Q(status=LocationStatus.MOVED),
                name="location_moved_to_only_when_moved",
            ),
            models.CheckConstraint(
                condition=~Q(moved_to=models.F("pk")), name="location_not_moved_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(os_hub_id="") | Q(os_hub_id__regex=r"^[A-Z]{2}[0-9]{7}[A-Z0-9]{6}$"),
                name="location_os_hub_id_format",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.public_id})"

    def save(self, *args: object, **kwargs: object) -> None:
        # Derived keys, not a workflow: they always follow the fields they are made from.
        self.fill_keys()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_key", "address_key", "city_key"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def fill_keys(self) -> ProductionLocation:
        """Set the normalised keys from the name, address and city (bulk writers call this themselves)."""
        self.name_key, self.address_key, self.city_key = location_keys(self.name, self.address, self.city)
        return self

    def clean(self) -> None:
        if self.moved_to_id and self.status != LocationStatus.MOVED:
            raise ValidationError({"moved_to": _("Only a location that has moved has a new location.")})
        if self.moved_to_id and self.moved_to_id == self.pk:
            raise ValidationError({"moved_to": _("A location cannot move to itself.")})
