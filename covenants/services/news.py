"""Writing news items (the secretariat only): the text in both languages, an image checked by its
content with its alternative text, attachments checked by their content."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from portal.accounts.roles import Role, has_role
from portal.audit.services import audit_record
from portal.uploads import checked_suffix, display_name, stored_name

from ..models import NewsAttachment, NewsItem

IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}
ATTACHMENT_TYPES = {
    "application/pdf": ".pdf",
    "application/vnd.oasis.opendocument.text": ".odt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "text/plain": ".txt",
}
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
FIELDS = ("covenant", "title_nl", "title_en", "summary_nl", "summary_en", "body_nl", "body_en",
          "image_alt_nl", "image_alt_en", "status", "publish_at")  # fmt: skip


def _unique_slug(title: str, *, exclude: int | None = None) -> str:
    base = slugify(title)[:70] or "news"
    if base in {"manage", "feed"}:  # paths of their own under /news/
        base = f"{base}-news"
    slug, n = base, 1
    others = NewsItem.objects.exclude(pk=exclude) if exclude is not None else NewsItem.objects.all()
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def news_save(
    *,
    actor: Any,
    data: dict[str, Any],
    item: NewsItem | None = None,
    image: UploadedFile | None = None,
    attachment: UploadedFile | None = None,
) -> NewsItem:
    """Create (item None) or change a news item; every field of `FIELDS` is given in `data`."""
    if not has_role(actor, Role.SECRETARIAT):
        raise PermissionDenied
    with transaction.atomic():
        creating = item is None
        if item is None:
            item = NewsItem(created_by=actor)
        for field in FIELDS:
            setattr(item, field, data[field])
        if image is not None:
            suffix = checked_suffix(image, allowed=IMAGE_TYPES, max_bytes=MAX_IMAGE_BYTES, field="image",
                                    too_large=_("The image is larger than 5 MB."),
                                    wrong_type=_("Upload the image as PNG, JPEG or WebP."))  # fmt: skip
            item.image.save(stored_name(suffix), image, save=False)
        if item.image and not (item.image_alt_nl.strip() and item.image_alt_en.strip()):
            raise ValidationError(
                {"image_alt_nl": _("Describe the image in both languages, for people who cannot see it.")}
            )
        if creating:
            item.slug = _unique_slug(item.title_en or item.title_nl)
        item.full_clean(exclude=["image", "created_by"])
        item.save()
        if attachment is not None:
            suffix = checked_suffix(attachment, allowed=ATTACHMENT_TYPES, max_bytes=MAX_ATTACHMENT_BYTES,
                                    field="attachment", too_large=_("The attachment is larger than 20 MB."),
                                    wrong_type=_("Attach a PDF, ODT, DOCX, XLSX or plain text file."))  # fmt: skip
            stored = NewsAttachment(item=item, name=display_name(attachment, suffix, "attachment"),
                                    size=attachment.size or 0)  # fmt: skip
            stored.file.save(stored_name(suffix), attachment, save=False)
            stored.save()
        audit_record(actor=actor, action="news.created" if creating else "news.updated", target=item)
    return item


def news_attachment_remove(*, actor: Any, attachment_id: int) -> None:
    if not has_role(actor, Role.SECRETARIAT):
        raise PermissionDenied
    with transaction.atomic():
        attachment = NewsAttachment.objects.select_related("item").get(pk=attachment_id)
        audit_record(
            actor=actor, action="news.attachment_removed", target=attachment.item, note=attachment.name
        )
        attachment.file.delete(save=False)
        attachment.delete()
