"""Who filed a complaint, kept apart from the case and read only through a service that logs the read.

The respondent company never sees it unless the complainant consented (`Complaint.share_identity`);
every read (who, when, which case, why) is written to `IdentityAccess`, which the secretariat reviews.
Contact details are erased by the retention rule; the row then keeps only the erasure date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .case import Complaint


class ComplainantIdentity(models.Model):
    complaint = models.OneToOneField(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="identity"
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone number"), max_length=40, blank=True)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("complainant's identity")
        verbose_name_plural = _("complainants' identities")

    def __str__(self) -> str:
        return f"identity of {self.complaint_id}"


class IdentityAccess(models.Model):
    """One read of a complainant's identity."""

    complaint = models.ForeignKey(
        Complaint, verbose_name=_("complaint"), on_delete=models.CASCADE, related_name="identity_reads"
    )
    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("read by"), on_delete=models.PROTECT, related_name="+"
    )
    purpose = models.CharField(_("purpose"), max_length=200)
    read_at = models.DateTimeField(_("read at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("read of a complainant's identity")
        verbose_name_plural = _("reads of complainants' identities")
        ordering = ["-read_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.reader_id} read {self.complaint_id}"
