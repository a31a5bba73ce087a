"""Assessment frameworks per covenant, versioned: sections along the six OECD steps, questions in Dutch
and English. A published version is frozen; a cycle uses one version."""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from covenants.models import AnnualCycle, Covenant


class OecdStep(models.IntegerChoices):
    EMBED = 1, _("Embed responsible business conduct")
    IDENTIFY = 2, _("Identify and assess adverse impacts")
    PREVENT = 3, _("Cease, prevent or mitigate adverse impacts")
    TRACK = 4, _("Track implementation and results")
    COMMUNICATE = 5, _("Communicate how impacts are addressed")
    REMEDY = 6, _("Provide for or cooperate in remediation")


class AnswerType(models.TextChoices):
    YES_PARTLY_NO = "yes_partly_no", _("Yes, partly or no, with an explanation")
    TEXT = "text", _("Free text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("Choice")
    EVIDENCE = "evidence", _("Evidence file")


def _in_language(nl: str, en: str) -> str:
    return nl if (translation.get_language() or "").startswith("nl") and nl else en


class Framework(models.Model):
    """One version of a covenant's framework. Only the services write it; published versions are frozen."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    covenant = models.ForeignKey(
        Covenant, verbose_name=_("covenant"), on_delete=models.PROTECT, related_name="frameworks"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessment framework")
        verbose_name_plural = _("assessment frameworks")
        ordering = ["covenant_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["covenant", "version"], name="framework_version_unique"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="framework_published_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.version})"

    @property
    def title(self) -> str:
        return _in_language(self.title_nl, self.title_en)

    @property
    def is_frozen(self) -> bool:
        return self.status != self.Status.DRAFT


class Section(models.Model):
    """A sub-step of one of the six OECD steps, with its share (weight) of the total score."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="sections"
    )
    step = models.PositiveSmallIntegerField(_("OECD step"), choices=OecdStep.choices)
    code = models.CharField(_("code"), max_length=16)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    guidance_nl = models.TextField(_("guidance (Dutch)"), blank=True)
    guidance_en = models.TextField(_("guidance (English)"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("framework section")
        verbose_name_plural = _("framework sections")
        ordering = ["framework_id", "step", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="section_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def title(self) -> str:
        return _in_language(self.title_nl, self.title_en)

    @property
    def guidance(self) -> str:
        return _in_language(self.guidance_nl, self.guidance_en)


class Question(models.Model):
    """One question of a section: its answer type, weight (0: not scored) and, per type, range or choices."""

    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.CASCADE, related_name="questions"
    )
    code = models.CharField(_("code"), max_length=24)
    answer_type = models.CharField(_("answer type"), max_length=16, choices=AnswerType.choices)
    weight = models.PositiveSmallIntegerField(_("weight"), default=1, validators=[MaxValueValidator(10)])
    required = models.BooleanField(_("required"), default=True)
    text_nl = models.TextField(_("question (Dutch)"))
    text_en = models.TextField(_("question (English)"))
    help_nl = models.TextField(_("hint (Dutch)"), blank=True)
    help_en = models.TextField(_("hint (English)"), blank=True)
    min_value = models.DecimalField(_("lowest value"), max_digits=12, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(
        _("highest value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit_nl = models.CharField(_("unit (Dutch)"), max_length=32, blank=True)
    unit_en = models.CharField(_("unit (English)"), max_length=32, blank=True)
    #: For a choice: [{"code", "label_nl", "label_en", "points" (0-100)}, ...]
    choices = models.JSONField(_("choices"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section_id", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["section", "code"], name="question_code_unique"),
            models.CheckConstraint(condition=Q(weight__lte=10), name="question_weight_at_most_10"),
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(min_value__lt=models.F("max_value")),
                name="question_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text_en[:60]}"

    @property
    def text(self) -> str:
        return _in_language(self.text_nl, self.text_en)

    @property
    def help(self) -> str:
        return _in_language(self.help_nl, self.help_en)

    @property
    def unit(self) -> str:
        return _in_language(self.unit_nl, self.unit_en)

    def choice_options(self) -> list[tuple[str, str, int]]:
        """(code, label in the active language, points) per choice."""
        return [
            (
                str(c["code"]),
                _in_language(str(c.get("label_nl", "")), str(c.get("label_en", ""))),
                int(c["points"]),
            )
            for c in self.choices
        ]


class CycleFramework(models.Model):
    """The framework version an annual cycle uses (the cycle lives a layer below, in covenants)."""

    cycle = models.OneToOneField(
        AnnualCycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="framework_choice"
    )
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="cycles"
    )

    class Meta:
        verbose_name = _("framework of a cycle")
        verbose_name_plural = _("frameworks of cycles")

    def __str__(self) -> str:
        return f"{self.cycle_id} -> {self.framework_id}"
