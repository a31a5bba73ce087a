"""The quick scan's dataset in the database (loaded from `duediligence/quickscan/dataset.json`, then
maintained by the secretariat): sources, indications (sector, country or product x risk theme), first
actions per OECD step, a version row per change, and which register entry a company's saved scan made."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from covenants.models import RiskTheme, Sector, bilingual
from portal.accounts.models import Organisation
from portal.accounts.roles import Role

from ..quickscan.data import Level, ProductCategory
from .risk import Risk


class QuickScanVersion(models.Model):
    """One version of the dataset: the loaded file's, or one per change by the secretariat."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    note = models.CharField(_("change"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("quick scan dataset version")
        verbose_name_plural = _("quick scan dataset versions")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.version}: {self.note}"


class QuickScanSource(models.Model):
    """A public source an indication rests on."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=300)
    publisher = models.CharField(_("publisher"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    url = models.URLField(_("address"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("quick scan source")
        verbose_name_plural = _("quick scan sources")
        ordering = ["publisher", "title"]

    def __str__(self) -> str:
        return f"{self.publisher}, {self.title} ({self.year})"


class QuickScanIndication(models.Model):
    """Why a risk theme applies: to a sector, a sourcing country or a product category (exactly one)."""

    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    country = CountryField(_("country"), blank=True)
    product = models.CharField(
        _("product category"), max_length=32, choices=ProductCategory.choices, blank=True
    )
    theme = models.ForeignKey(
        RiskTheme,
        verbose_name=_("risk theme"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"is_standard": True},
    )
    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    source = models.ForeignKey(
        QuickScanSource, verbose_name=_("source"), on_delete=models.PROTECT, related_name="indications"
    )
    reason_en = models.TextField(_("why (English)"))
    reason_nl = models.TextField(_("why (Dutch)"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("quick scan indication")
        verbose_name_plural = _("quick scan indications")
        ordering = ["sector", "country", "product", "theme__position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    (~Q(sector="") & Q(country="") & Q(product=""))
                    | (Q(sector="") & ~Q(country="") & Q(product=""))
                    | (Q(sector="") & Q(country="") & ~Q(product=""))
                ),
                name="quickscan_indication_one_dimension",
            ),
            models.UniqueConstraint(
                fields=["sector", "country", "product", "theme"], name="quickscan_indication_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dimension_label}: {self.theme_id}"

    def clean(self) -> None:
        if sum(bool(value) for value in (self.sector, self.country, self.product)) != 1:
            raise ValidationError(_("Choose exactly one of sector, country or product category."))

    @property
    def dimension(self) -> str:
        return "sector" if self.sector else "country" if self.country else "product"

    @property
    def dimension_label(self) -> Any:
        if self.sector:
            return self.get_sector_display()
        if self.country:
            return self.country.name
        return self.get_product_display()

    @property
    def reason(self) -> str:
        return bilingual(self.reason_nl, self.reason_en)


class QuickScanAction(models.Model):
    """A first action of one OECD step: for every scan (no theme) or when its theme is found."""

    step = models.PositiveSmallIntegerField(
        _("OECD step"), validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    theme = models.ForeignKey(
        RiskTheme,
        verbose_name=_("risk theme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text_en = models.TextField(_("action (English)"))
    text_nl = models.TextField(_("action (Dutch)"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("quick scan first action")
        verbose_name_plural = _("quick scan first actions")
        ordering = ["step", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(step__gte=1, step__lte=6), name="quickscan_action_step")
        ]

    def __str__(self) -> str:
        return f"{self.step}: {self.text_en[:40]}"

    @property
    def text(self) -> str:
        return bilingual(self.text_nl, self.text_en)


class QuickScanRisk(models.Model):
    """The register entry a company's saved quick scan made for a theme: saving again adds none."""

    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"kind": Role.COMPANY},
    )
    theme = models.ForeignKey(
        RiskTheme, verbose_name=_("risk theme"), on_delete=models.PROTECT, related_name="+"
    )
    risk = models.OneToOneField(Risk, verbose_name=_("risk"), on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("risk from the quick scan")
        verbose_name_plural = _("risks from the quick scan")
        constraints = [
            models.UniqueConstraint(fields=["company", "theme"], name="quickscan_risk_once_per_theme")
        ]

    def __str__(self) -> str:
        return f"{self.company_id}: {self.theme_id}"
