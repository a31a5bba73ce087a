"""After a case: the public summary and ruling (with what was withheld and why), the complainant's
feedback, and each covenant's rules for the public tracker and for retention."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from covenants import fragments
from portal.audit.services import audit_record

from ..models import ComplaintSettings, Feedback, Party, Publication
from ..models.case import TEXT_MAX
from ..status import FINAL, CaseStatus
from ._common import locked, require_party, require_secretariat


@transaction.atomic
def complaint_publish(*, actor: Any, complaint_id: int, summary_nl: str, summary_en: str,
                      ruling_published: bool = True, withheld: str = "") -> Publication:  # fmt: skip
    require_secretariat(actor)
    complaint = locked(complaint_id)
    if complaint.status not in FINAL or complaint.status == CaseStatus.WITHDRAWN:
        raise ValidationError(_("A case is published after it has ended (not when it was withdrawn)."))
    if Publication.objects.filter(complaint=complaint).exists():
        raise ValidationError(_("This case has already been published."))
    errors: dict[str, Any] = {
        field: _("Write the summary in this language.")
        for field, text in (("summary_nl", summary_nl), ("summary_en", summary_en))
        if not (text or "").strip()
    }
    if any(len(text or "") > TEXT_MAX for text in (summary_nl, summary_en, withheld)):
        errors["withheld"] = _("Keep this under %(limit)s characters.") % {"limit": TEXT_MAX}
    has_ruling = hasattr(complaint, "ruling")
    if not ruling_published and has_ruling and not (withheld or "").strip():
        errors["withheld"] = _("Say why the ruling is not published.")
    if errors:
        raise ValidationError(errors)
    publication = Publication.objects.create(
        complaint=complaint,
        summary_nl=summary_nl.strip(),
        summary_en=summary_en.strip(),
        ruling_published=ruling_published and has_ruling,
        withheld=(withheld or "").strip(),
        published_by=actor,
    )
    audit_record(actor=actor, action="complaint.published", target=complaint)
    fragments.bump()
    return publication


@transaction.atomic
def feedback_give(*, actor: Any, complaint_id: int, satisfaction: int, comment: str = "") -> Feedback:
    """The complainant's answer to the question asked at closure (once)."""
    complaint = locked(complaint_id)
    require_party(actor, complaint, Party.COMPLAINANT)
    if complaint.status not in FINAL:
        raise ValidationError(_("We ask for your feedback when the case has ended."))
    if Feedback.objects.filter(complaint=complaint).exists():
        raise ValidationError(_("Thank you: your feedback was already recorded."))
    if not isinstance(satisfaction, int) or not 1 <= satisfaction <= 5:
        raise ValidationError({"satisfaction": _("Choose an answer from 1 to 5.")})
    return Feedback.objects.create(
        complaint=complaint, satisfaction=satisfaction, comment=(comment or "").strip()[:2000]
    )


@transaction.atomic
def complaint_settings_update(*, actor: Any, covenant_id: int, public_tracker: bool,
                              contact_retention_months: int, anonymise_after_years: int) -> ComplaintSettings:  # fmt: skip
    require_secretariat(actor)
    rule, _created = ComplaintSettings.objects.select_for_update().get_or_create(covenant_id=covenant_id)
    rule.public_tracker = public_tracker
    rule.contact_retention_months = contact_retention_months
    rule.anonymise_after_years = anonymise_after_years
    rule.full_clean(exclude=["covenant"])
    if rule.contact_retention_months > rule.anonymise_after_years * 12:
        raise ValidationError(
            {"contact_retention_months": _("Contact details are erased before the case is anonymised.")}
        )
    rule.save()
    audit_record(actor=actor, action="complaint.settings", target=rule.covenant)
    fragments.bump()
    return rule
