"""Covenants (sector IRBC agreements), their parties and governance, memberships and annual cycles.

Invariants live here as database constraints and `clean()`; status moves live in services.py (the only
writers) checked against workflow.py. Nothing here changes a status in `save()` or a signal.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from portal.accounts.models import Organisation
from portal.accounts.roles import Role


def bilingual(nl: str, en: str) -> str:
    """The value in the active language, falling back to the other one when it is empty."""
    if (get_language() or settings.LANGUAGE_CODE).startswith("en"):
        return en or nl
    return nl or en


#: Paths under /<lang>/covenants/ that are pages of their own and so cannot be a covenant's slug.
RESERVED_SLUGS = frozenset(
    {"manage", "new", "memberships", "applications", "cycles", "apply", "api", "edit", "themes"}
)


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(
            _("“%(slug)s” is a reserved word in the portal's addresses; choose another slug."),
            code="reserved_slug",
            params={"slug": value},
        )


class Sector(models.TextChoices):
    """The sectors with an IRBC agreement (the labels are translated, so the sector is bilingual)."""

    GARMENTS_TEXTILE = "garments_textile", _("Garments and textile")
    BANKING = "banking", _("Banking")
    GOLD = "gold", _("Gold")
    NATURAL_STONE = "natural_stone", _("Natural stone")
    FOOD_PRODUCTS = "food_products", _("Food products")
    VEGETABLE_PROTEINS = "vegetable_proteins", _("Vegetable proteins")
    INSURANCE = "insurance", _("Insurance")
    PENSION_FUNDS = "pension_funds", _("Pension funds")
    FORESTRY = "forestry", _("Forestry")
    METALS = "metals", _("Metals")
    FLORICULTURE = "floriculture", _("Floriculture")
    OTHER = "other", _("Other")


class ComplaintStage(models.TextChoices):
    """Stages of the complaint mechanism; each covenant sets an indicative time frame per stage."""

    INTAKE = "intake", _("Intake and acknowledgement of receipt")
    ADMISSIBILITY = "admissibility", _("Admissibility check")
    REPLY = "reply", _("Respondent's reply")
    MEDIATION = "mediation", _("Mediation")
    HEARING = "hearing", _("Hearing")
    RULING = "ruling", _("Ruling")
    FOLLOW_UP = "follow_up", _("Follow-up of compliance")


#: Indicative days per stage. Intake follows the EU whistleblowing directive's floor of 7 days.
DEFAULT_COMPLAINT_DAYS: dict[str, int] = {
    ComplaintStage.INTAKE: 7,
    ComplaintStage.ADMISSIBILITY: 30,
    ComplaintStage.REPLY: 42,
    ComplaintStage.MEDIATION: 90,
    ComplaintStage.HEARING: 60,
    ComplaintStage.RULING: 42,
    ComplaintStage.FOLLOW_UP: 180,
}
MAX_COMPLAINT_STAGE_DAYS = 730


def default_complaint_time_frames() -> dict[str, int]:
    return {str(stage): days for stage, days in DEFAULT_COMPLAINT_DAYS.items()}


def validate_complaint_time_frames(value: Any) -> None:
    """Every stage present, each a whole number of days between 1 and MAX_COMPLAINT_STAGE_DAYS."""
    if not isinstance(value, dict):
        raise ValidationError(_("The complaint time frames must map each stage to a number of days."))
    unknown = sorted(set(value) - set(ComplaintStage.values))
    if unknown:
        raise ValidationError(
            _("Unknown complaint stage(s): %(stages)s."), params={"stages": ", ".join(unknown)}
        )
    for stage in ComplaintStage:
        days = value.get(stage.value)
        if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_COMPLAINT_STAGE_DAYS:
            raise ValidationError(
                _("Give the indicative time frame for “%(stage)s” as 1 to %(max)s days."),
                params={"stage": stage.label, "max": MAX_COMPLAINT_STAGE_DAYS},
            )


class Covenant(models.Model):
    """One sector agreement: who signed it, how long it runs, its risk themes and complaint route."""

    class Status(models.TextChoices):
        NEGOTIATION = "negotiation", _("In negotiation")
        ACTIVE = "active", _("Active")
        ENDED = "ended", _("Ended")

    slug = models.SlugField(
        _("short name in the address"),
        max_length=80,
        unique=True,
        validators=[validate_slug_not_reserved],
        help_text=_("Lower-case letters, digits and hyphens, e.g. garments-textile."),
    )
    name_nl = models.CharField(_("name (Dutch)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description_nl = models.TextField(_("purpose (Dutch)"), blank=True)
    description_en = models.TextField(_("purpose (English)"), blank=True)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEGOTIATION, editable=False
    )
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    secretariat = models.ForeignKey(
        Organisation,
        verbose_name=_("secretariat"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Role.SECRETARIAT},
    )
    complaint_time_frames = models.JSONField(
        _("indicative time frame per complaint stage (days)"),
        default=default_complaint_time_frames,
        validators=[validate_complaint_time_frames],
    )
    themes = models.ManyToManyField(
        "covenants.RiskTheme", verbose_name=_("risk themes"), blank=True, related_name="covenants"
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("covenant")
        verbose_name_plural = _("covenants")
        ordering = ["name_en", "pk"]
        permissions = [("view_governance", _("Can see the steering group and its meetings"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gt=F("starts_on")),
                name="covenant_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(signed_on__lte=F("ends_on")),
                name="covenant_signed_before_end",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["negotiation", "active", "ended"]), name="covenant_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The end date must be after the start date.")
        if self.signed_on and self.ends_on and self.signed_on > self.ends_on:
            errors["signed_on"] = _("The signing date cannot be after the end date.")
        if errors:
            raise ValidationError(errors)

    @property
    def name(self) -> str:
        return bilingual(self.name_nl, self.name_en)

    @property
    def description(self) -> str:
        return bilingual(self.description_nl, self.description_en)

    @property
    def accepts_members(self) -> bool:
        """Companies join an active covenant: not one still in negotiation, nor one that has ended."""
        return self.status == self.Status.ACTIVE

    def complaint_stage_days(self) -> list[tuple[str, str, int]]:
        """(stage code, translated label, indicative days) in procedure order."""
        frames = self.complaint_time_frames or {}
        return [
            (stage.value, str(stage.label), int(frames.get(stage.value, DEFAULT_COMPLAINT_DAYS[stage])))
            for stage in ComplaintStage
        ]


#: The ten standard risk themes: (code, Dutch name, English name), in display order.
STANDARD_RISK_THEMES: tuple[tuple[str, str, str], ...] = (
    ("child-labour", "Kinderarbeid", "Child labour"),
    ("forced-labour", "Dwangarbeid", "Forced labour"),
    ("living-wage", "Leefbaar loon", "Living wage"),
    (
        "freedom-of-association",
        "Vrijheid van vakvereniging en collectief onderhandelen",
        "Freedom of association and collective bargaining",
    ),
    ("discrimination-gender", "Discriminatie en gender", "Discrimination and gender"),
    ("health-safety", "Gezondheid en veiligheid", "Health and safety"),
    ("land-rights", "Landrechten", "Land rights"),
    ("environment", "Milieu (water, chemicaliën, klimaat)", "Environment (water, chemicals, climate)"),
    ("animal-welfare", "Dierenwelzijn", "Animal welfare"),
    ("corruption", "Corruptie", "Corruption"),
)


class RiskTheme(models.Model):
    """A risk theme. The ten standard themes are shared; a covenant may add its own (not standard)."""

    code = models.SlugField(_("code"), max_length=80)
    name_nl = models.CharField(_("name (Dutch)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    is_standard = models.BooleanField(_("standard theme"), default=False)
    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("added by covenant"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="own_themes",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        verbose_name = _("risk theme")
        verbose_name_plural = _("risk themes")
        ordering = ["position", "name_en", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_standard=True, covenant__isnull=True)
                | Q(is_standard=False, covenant__isnull=False),
                name="risktheme_standard_xor_owner",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(covenant__isnull=True), name="risktheme_unique_standard_code"
            ),
            models.UniqueConstraint(fields=["covenant", "code"], name="risktheme_unique_code_per_covenant"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return bilingual(self.name_nl, self.name_en)


class PartyRole(models.TextChoices):
    MEMBER_COMPANY = "member_company", _("Member company")
    INDUSTRY_ASSOCIATION = "industry_association", _("Industry association")
    GOVERNMENT = "government", _("Government")
    TRADE_UNION = "trade_union", _("Trade union")
    NGO = "ngo", _("NGO")
    SECRETARIAT = "secretariat", _("Secretariat")


#: The kind of organisation each party role needs.
PARTY_ROLE_KIND: dict[str, Role] = {
    PartyRole.MEMBER_COMPANY: Role.COMPANY,
    PartyRole.INDUSTRY_ASSOCIATION: Role.INDUSTRY_ASSOCIATION,
    PartyRole.GOVERNMENT: Role.GOVERNMENT,
    PartyRole.TRADE_UNION: Role.TRADE_UNION,
    PartyRole.NGO: Role.NGO,
    PartyRole.SECRETARIAT: Role.SECRETARIAT,
}


class Party(models.Model):
    """An organisation that signed the covenant, in one role, from one date (until another).

    Member companies become a party when their membership is approved and stop being one when it
    ends (written by the membership services); the other parties are managed by the secretariat.
    """

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="parties"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="covenant_parties",
    )
    role = models.CharField(_("party role"), max_length=32, choices=PartyRole.choices)
    joined_on = models.DateField(_("joined on"))
    left_on = models.DateField(_("left on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["role", "organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "organisation"],
                condition=Q(left_on__isnull=True),
                name="party_one_current_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=F("joined_on")),
                name="party_left_after_joined",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.joined_on and self.left_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": _("The date of leaving cannot be before the date of joining.")})

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on >= timezone.localdate()


class SteeringGroupMember(models.Model):
    """A seat on the covenant's steering group: the person, whom they represent, and whether they chair."""

    class Represents(models.TextChoices):
        INDEPENDENT = "independent", _("Independent")
        GOVERNMENT = "government", _("Government")
        INDUSTRY = "industry", _("Industry and companies")
        TRADE_UNIONS = "trade_unions", _("Trade unions")
        NGOS = "ngos", _("NGOs")

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="steering_group"
    )
    person_name = models.CharField(_("name"), max_length=200)
    represents = models.CharField(_("represents"), max_length=16, choices=Represents.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. A member with an account sees the steering group's meetings."),
    )
    is_chair = models.BooleanField(_("chair"), default=False)
    since = models.DateField(_("member since"))
    until = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("steering group member")
        verbose_name_plural = _("steering group members")
        ordering = ["-is_chair", "person_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant"],
                condition=Q(is_chair=True, until__isnull=True),
                name="steeringgroup_one_current_chair",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=F("since")),
                name="steeringgroup_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return self.person_name


def _minutes_path(instance: SteeringGroupMeeting, filename: str) -> str:
    # The stored name is generated in the service; this only places it.
    return f"covenants/minutes/{filename}"


class SteeringGroupMeeting(models.Model):
    """A steering-group meeting: date, agenda, minutes file and decisions. Parties only, never public."""

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="meetings"
    )
    held_on = models.DateField(_("date"))
    agenda = models.TextField(_("agenda"))
    decisions = models.TextField(_("decisions"), blank=True)
    minutes = models.FileField(_("minutes"), upload_to=_minutes_path, blank=True)
    minutes_name = models.CharField(_("minutes file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("steering group meeting")
        verbose_name_plural = _("steering group meetings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.covenant} {self.held_on:%Y-%m-%d}"


COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


def normalise_country_codes(value: str) -> str:
    """'bd, cn;IN' -> 'BD, CN, IN' (unique, in the order given)."""
    codes = [c.strip().upper() for c in re.split(r"[\s,;]+", value or "") if c.strip()]
    return ", ".join(dict.fromkeys(codes))


def validate_country_codes(value: str) -> None:
    codes = [c for c in normalise_country_codes(value).split(", ") if c]
    wrong = [c for c in codes if not COUNTRY_CODE.match(c)]
    if wrong:
        raise ValidationError(
            _("Use two-letter ISO country codes separated by commas, e.g. BD, CN, IN (not: %(wrong)s)."),
            code="invalid_country",
            params={"wrong": ", ".join(wrong)},
        )


class Membership(models.Model):
    """A company's membership of one covenant, from its application (adherence declaration) on.

    The status is written only by the services in services.py, along the table in workflow.py; every
    move adds a MembershipEvent. A rejected or ended membership is history and stays as it is: a
    company that wants to (re)join applies again, which creates a new row.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Rejected")
        SUSPENDED = "suspended", _("Suspended")
        ENDED = "ended", _("Ended")

    #: A company has at most one membership per covenant in these statuses.
    OPEN_STATUSES = (Status.APPLIED, Status.ACTIVE, Status.SUSPENDED)

    class EndReason(models.TextChoices):
        LEFT = "left", _("Left the covenant")
        EXPELLED = "expelled", _("Expelled")

    class TurnoverBand(models.TextChoices):
        UNDER_10M = "lt10m", _("Less than EUR 10 million")
        FROM_10M = "10m-50m", _("EUR 10 to 50 million")
        FROM_50M = "50m-250m", _("EUR 50 to 250 million")
        FROM_250M = "250m-1500m", _("EUR 250 million to 1.5 billion")
        OVER_1500M = "gt1500m", _("More than EUR 1.5 billion")

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="memberships"
    )
    company = models.ForeignKey(
        Organisation,
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="memberships",
        limit_choices_to={"kind": Role.COMPANY},
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)

    # The adherence declaration.
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail address"))
    contact_phone = models.CharField(_("contact telephone number"), max_length=40, blank=True)
    employees = models.PositiveIntegerField(_("number of employees"))
    turnover_band = models.CharField(_("annual turnover"), max_length=16, choices=TurnoverBand.choices)
    sourcing_countries = models.CharField(
        _("sourcing countries"),
        max_length=400,
        validators=[validate_country_codes],
        help_text=_(
            "Two-letter ISO codes of the countries you source from, separated by commas, e.g. BD, CN, IN."
        ),
    )
    declaration_accepted = models.BooleanField(_("adherence declaration accepted"), default=False)

    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("reasons for the decision"), blank=True)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("reason for ending"), max_length=16, choices=EndReason.choices, blank=True
    )
    status_changed_at = models.DateTimeField(_("status changed at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-applied_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["covenant", "company"],
                condition=Q(status__in=["applied", "active", "suspended"]),
                name="membership_one_open_per_company",
                violation_error_message=_("This company already has an open membership of this covenant."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=["applied", "active", "rejected", "suspended", "ended"]),
                name="membership_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(declaration_accepted=True), name="membership_declaration_accepted"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["active", "suspended", "ended"]) | Q(joined_on__isnull=False),
                name="membership_member_has_join_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="ended") | (Q(ended_on__isnull=False) & ~Q(end_reason="")),
                name="membership_ended_has_date_and_reason",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(joined_on__isnull=True)
                | Q(ended_on__gte=F("joined_on")),
                name="membership_ends_after_joining",
            ),
        ]
        indexes = [models.Index(fields=["covenant", "status"]), models.Index(fields=["company", "status"])]

    def __str__(self) -> str:
        return f"{self.company} - {self.covenant}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if not self.declaration_accepted:
            errors["declaration_accepted"] = _("Tick the box to accept the adherence declaration.")
        if self.joined_on and self.ended_on and self.ended_on < self.joined_on:
            errors["ended_on"] = _("The end date cannot be before the date the company joined.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES


class MembershipEvent(models.Model):
    """One move of a membership: who, when, from, to, and why. Rows are only ever added."""

    membership = models.ForeignKey(
        Membership, verbose_name=_("membership"), on_delete=models.CASCADE, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=16, choices=Membership.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Membership.Status.choices)
    effective_on = models.DateField(_("effective date"), default=timezone.localdate)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.from_status or '-'} -> {self.to_status}"


#: An annual cycle's deadline fields, in the order they fall in a normal year.
CYCLE_DEADLINE_FIELDS = (
    "self_assessment_due",
    "locations_due",
    "review_due",
    "list_publication_due",
    "annual_report_due",
)


class AnnualCycle(models.Model):
    """One year of a covenant's cycle: the deadlines, and whether the secretariat has opened or closed it."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    DEADLINE_FIELDS = CYCLE_DEADLINE_FIELDS

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.CASCADE, related_name="cycles"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PLANNED, editable=False
    )
    starts_on = models.DateField(_("cycle starts on"))
    ends_on = models.DateField(_("cycle ends on"))
    self_assessment_due = models.DateField(_("self-assessment deadline"))
    review_due = models.DateField(_("secretariat review deadline"))
    locations_due = models.DateField(_("production-location disclosure deadline"))
    list_publication_due = models.DateField(_("publication of the aggregated location list"))
    annual_report_due = models.DateField(_("publication of the annual report"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True, editable=False)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    close_forced = models.BooleanField(_("closed with reviews pending"), default=False, editable=False)
    close_reason = models.TextField(_("reason for closing with reviews pending"), blank=True, editable=False)
    reminder_sent_at = models.DateTimeField(
        _("deadline reminder sent at"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("annual cycle")
        verbose_name_plural = _("annual cycles")
        ordering = ["-year", "covenant__name_en", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "year"], name="cycle_one_per_covenant_year"),
            models.UniqueConstraint(
                fields=["covenant"], condition=Q(status="open"), name="cycle_one_open_per_covenant"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["planned", "open", "closed"]), name="cycle_status_valid"
            ),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="cycle_ends_after_start"),
            models.CheckConstraint(
                condition=Q(review_due__gte=F("self_assessment_due")),
                name="cycle_review_after_self_assessment",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(close_forced=False) | ~Q(close_reason=""),
                name="cycle_forced_close_has_reason",
            ),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__gte": F("starts_on")}) & Q(**{f"{field}__lte": F("ends_on")}),
                    name=f"cycle_{field}_within_cycle",
                )
                for field in CYCLE_DEADLINE_FIELDS
            ],
        ]

    def __str__(self) -> str:
        return f"{self.covenant} {self.year}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.starts_on and self.ends_on and self.ends_on <= self.starts_on:
            errors["ends_on"] = _("The end of the cycle must be after its start.")
        elif self.starts_on and self.ends_on:
            for field in self.DEADLINE_FIELDS:
                value: date | None = getattr(self, field)
                if value and not self.starts_on <= value <= self.ends_on:
                    errors[field] = ValidationError(
                        _("This deadline must fall within the cycle (%(start)s to %(end)s)."),
                        code="outside_cycle",
                        params={
                            "start": formats.date_format(self.starts_on),
                            "end": formats.date_format(self.ends_on),
                        },
                    )
        if (
            "review_due" not in errors
            and self.review_due
            and self.self_assessment_due
            and self.review_due < self.self_assessment_due
        ):
            errors["review_due"] = _("The review deadline cannot be before the self-assessment deadline.")
        if errors:
            raise ValidationError(errors)

    def deadlines(self) -> list[tuple[str, date]]:
        """(translated label, date) for each deadline, in field order."""
        return [
            (str(self._meta.get_field(f).verbose_name), getattr(self, f))  # type: ignore[union-attr]
            for f in self.DEADLINE_FIELDS
        ]


# django-guardian with direct foreign keys (see portal/accounts/models.py). Used for the
# `view_governance` grant to steering-group members who sit on it without being a party.
class CovenantUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Covenant, on_delete=models.CASCADE)


class CovenantGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Covenant, on_delete=models.CASCADE)
