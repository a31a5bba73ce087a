"""News items: written by the secretariat for the whole portal or for one covenant, bilingual, with an
optional image (with its alternative text) and attachments.

An item is public once it is published and its publication time has come: a published item with a
time in the future is *scheduled*. `NewsItem.objects.public()` is the one rule for every public place
(pages, feeds, search, sitemap, API)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .common import bilingual
from .covenant import Covenant


class NewsQuerySet(models.QuerySet["NewsItem"]):
    def public(self) -> NewsQuerySet:
        return self.filter(status=NewsItem.Status.PUBLISHED, publish_at__lte=timezone.now())


class NewsItem(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    covenant = models.ForeignKey(
        Covenant,
        verbose_name=_("covenant"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="news",
        help_text=_("Leave empty for news about the whole portal."),
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    summary_nl = models.TextField(_("summary (Dutch)"), max_length=600)
    summary_en = models.TextField(_("summary (English)"), max_length=600)
    body_nl = models.TextField(_("text (Dutch)"), max_length=50_000)
    body_en = models.TextField(_("text (English)"), max_length=50_000)
    image = models.FileField(_("image"), upload_to="news/", blank=True)
    image_alt_nl = models.CharField(_("alternative text of the image (Dutch)"), max_length=300, blank=True)
    image_alt_en = models.CharField(_("alternative text of the image (English)"), max_length=300, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publication time"),
        default=timezone.now,
        help_text=_("A published item appears at this time; a time in the future schedules it."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NewsQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["status", "publish_at"], name="news_public")]
        constraints = [
            # An image needs its alternative text in both languages.
            models.CheckConstraint(
                condition=Q(image="") | (~Q(image_alt_nl="") & ~Q(image_alt_en="")), name="news_image_has_alt"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return bilingual(self.title_nl, self.title_en)

    @property
    def summary(self) -> str:
        return bilingual(self.summary_nl, self.summary_en)

    @property
    def body(self) -> str:
        return bilingual(self.body_nl, self.body_en)

    @property
    def image_alt(self) -> str:
        return bilingual(self.image_alt_nl, self.image_alt_en)

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at > timezone.now()


class NewsAttachment(models.Model):
    item = models.ForeignKey(
        NewsItem, verbose_name=_("news item"), on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to="news/attachments/")
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
