"""Uploaded location lists: selectors and services (create, parse into a preview, apply, cancel).

Parsing only reads the stored file into counts and per-row results; locations and supply links
change only in `location_upload_apply`, after the company confirmed the preview."""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import closing
from decimal import Decimal
from functools import lru_cache
from typing import IO, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from covenants.models import Covenant, Membership
from portal.access import get_visible_or_404
from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record
from portal.core.bulk_insert import ANALYZE_FROM_ROWS, insert_rows, refresh_statistics
from portal.core.locks import advisory_lock
from portal.jobs import services as jobs

from . import bulk
from .imports.choices import normalise_word
from .imports.read import TableFileError
from .imports.result import ResultLine, RowStatus, result_csv_bytes, result_for
from .imports.rows import LocationRow, RejectedRow, parse_locations, row_from_json, row_to_json
from .models import LocationUpload, ProcessingType, ProductCategory, SupplyLink, WorkerBand
from .services import MATCHING_LOCK

PROGRESS_EVERY = 500
#: How many rejected or duplicate rows the preview page lists (all are in the result download).
PREVIEW_ROWS = 500
Status = LocationUpload.Status


# --- selectors ---------------------------------------------------------------------------------------


def upload_covenants_for(user: Any) -> QuerySet[Covenant]:
    """The covenants a company may upload for: those it is a current member of."""
    if role_of(user) != Role.COMPANY:
        return Covenant.objects.none()
    member_of = Membership.objects.current().filter(company_id=user.organisation_id).values("covenant_id")
    return Covenant.objects.filter(pk__in=member_of).order_by("slug")


def location_upload_list_for(user: Any) -> QuerySet[LocationUpload]:
    """A company sees its own uploads, newest first; nobody else sees any."""
    qs = LocationUpload.objects.select_related("covenant", "uploaded_by", "job")
    if role_of(user) != Role.COMPANY:
        return qs.none()
    return qs.filter(company_id=user.organisation_id)


def location_upload_get_for(user: Any, upload_id: Any) -> LocationUpload:
    """One upload of the user's own company; Http404 for missing and forbidden alike."""
    return get_visible_or_404(location_upload_list_for(user), pk=upload_id)


def upload_result_lines(upload: LocationUpload, *, limit: int | None = None) -> list[ResultLine]:
    """The stored per-row results (all of them, or the first `limit`)."""
    if not upload.results:
        return []
    lines: list[ResultLine] = []
    with upload.results.open("rb") as handle:
        for raw in handle:
            if limit is not None and len(lines) >= limit:
                break
            item = json.loads(raw)
            lines.append(ResultLine(item["line"], RowStatus(item["status"]), item["name"], item["reason"]))
    return lines


# --- services ----------------------------------------------------------------------------------------


def file_sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    stream.seek(0)
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
    stream.seek(0)
    return digest.hexdigest()


def location_upload_create(*, actor: Any, covenant: Covenant, file: Any) -> tuple[LocationUpload, bool]:
    """Store the file and queue its check. Returns (upload, created): the same file uploaded again for
    the same company and covenant gives the earlier upload back and changes nothing."""
    if role_of(actor) != Role.COMPANY:
        raise PermissionDenied(_("Only member companies upload location lists."))
    if not upload_covenants_for(actor).filter(pk=covenant.pk).exists():
        raise ValidationError({"covenant": _("Choose a covenant your company is a member of.")})
    sha = file_sha256(file)
    with transaction.atomic():
        earlier = (
            LocationUpload.objects.filter(company_id=actor.organisation_id, covenant=covenant, sha256=sha)
            .exclude(status__in=[Status.FAILED, Status.CANCELLED])
            .order_by("-created_at")
            .first()
        )
        if earlier is not None:
            return earlier, False
        job = jobs.job_create(
            owner=actor, kind="location_upload_parse", title=_("Checking the location list")
        )
        upload = LocationUpload(
            company_id=actor.organisation_id,
            covenant=covenant,
            uploaded_by=actor,
            original_name=str(getattr(file, "name", "") or "upload")[-200:],
            sha256=sha,
            language=translation.get_language() or "",
            job=job,
        )
        upload.file.save(upload.original_name, file, save=False)
        upload.save()
        audit_record(actor=actor, action="location_upload.created", target=upload)
        transaction.on_commit(lambda: _queue("location_upload_parse", upload.pk))
    return upload, True


def _queue(task_name: str, upload_id: int) -> None:
    from . import tasks

    getattr(tasks, task_name).delay(upload_id)


def _language(upload: LocationUpload) -> str:
    return upload.language or getattr(upload.uploaded_by, "preferred_language", "") or settings.LANGUAGE_CODE


def _set(upload: LocationUpload, status: str, **fields: Any) -> None:
    fields["status"] = status
    LocationUpload.objects.filter(pk=upload.pk).update(**fields)
    for key, value in fields.items():
        setattr(upload, key, value)


def _write_results(upload: LocationUpload, lines: Iterable[ResultLine]) -> str:
    body = "".join(
        json.dumps({"line": x.line, "status": str(x.status), "name": x.name, "reason": x.reason}) + "\n"
        for x in lines
    )
    field = upload.results.field
    return field.storage.save(field.generate_filename(upload, "rows.jsonl"), ContentFile(body.encode()))


def _parsed_rows(upload: LocationUpload) -> Iterator[LocationRow | RejectedRow]:
    with upload.file.open("rb") as handle:
        _table, _columns, rows = parse_locations(handle)
        yield from rows


def location_upload_parse(*, upload_id: int) -> LocationUpload | None:
    """Read and validate the stored file into counts and per-row results (the preview). Idempotent:
    a finished job or an upload past this step is left alone."""
    upload = LocationUpload.objects.select_related("uploaded_by").get(pk=upload_id)
    if upload.job_id is None or upload.status not in (Status.UPLOADED, Status.PARSING):
        return None
    if jobs.job_start(job_id=upload.job_id) is None:
        return None
    _set(upload, Status.PARSING)
    counts = {"rows": 0, "valid": 0, "rejected": 0, "duplicates": 0}
    flagged: list[ResultLine] = []
    checked = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the storage below, closed by closing()
    with translation.override(_language(upload)), closing(checked):
        try:
            for row in _parsed_rows(upload):
                counts["rows"] += 1
                line = result_for(row)
                if line is None:
                    counts["valid"] += 1
                    assert isinstance(row, LocationRow)
                    checked.write(row_to_json(row).encode() + b"\n")
                else:
                    counts["rejected" if line.status == RowStatus.REJECTED else "duplicates"] += 1
                    flagged.append(line)
                if counts["rows"] % PROGRESS_EVERY == 0:
                    jobs.job_progress(
                        job_id=upload.job_id, progress=50, message=_("%(rows)s rows read") % counts
                    )
        except TableFileError as exc:
            message = " ".join(exc.messages)
            _set(upload, Status.FAILED, message=message[:300])
            jobs.job_fail(job_id=upload.job_id, message=message)
            return upload
        name = _write_results(upload, flagged)
        checked.seek(0)
        field = upload.checked.field
        rows_name = field.storage.save(field.generate_filename(upload, "checked.jsonl"), File(checked))
        _set(upload, Status.PREVIEW, results=name, checked=rows_name, **counts)
        jobs.job_finish(
            job_id=upload.job_id,
            content=result_csv_bytes(flagged),
            filename="location-upload-preview.csv",
            message=_("%(valid)s of %(rows)s rows are valid.") % counts,
        )
    return upload


def location_upload_confirm(*, actor: Any, upload: LocationUpload) -> LocationUpload:
    """The company accepts the preview: queue the apply step (only from the preview)."""
    with transaction.atomic():
        locked = LocationUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.status != Status.PREVIEW:
            raise ValidationError(_("This upload is not waiting for confirmation."), code="not_preview")
        if locked.valid == 0:
            raise ValidationError(_("This file has no valid rows to apply."), code="nothing_valid")
        job = jobs.job_create(
            owner=actor, kind="location_upload_apply", title=_("Applying the location list")
        )
        _set(locked, Status.APPLYING, job=job)
        audit_record(actor=actor, action="location_upload.confirmed", target=locked)
        transaction.on_commit(lambda: _queue("location_upload_apply", locked.pk))
    return locked


def location_upload_cancel(*, actor: Any, upload: LocationUpload) -> LocationUpload:
    """The company drops the preview; nothing was applied."""
    with transaction.atomic():
        locked = LocationUpload.objects.select_for_update().get(pk=upload.pk)
        if locked.status != Status.PREVIEW:
            raise ValidationError(_("This upload is not waiting for confirmation."), code="not_preview")
        _forget_checked_rows(locked)
        _set(locked, Status.CANCELLED, checked="")
        audit_record(actor=actor, action="location_upload.cancelled", target=locked)
    return locked


@lru_cache(maxsize=4)
def _category_words(language: str) -> dict[str, str]:
    """Product category codes by their normalised code and labels (both languages)."""
    known = {normalise_word(code): code for code in ProductCategory.values}
    for code, label in ProductCategory.choices:
        for other in ("en", "nl"):
            with translation.override(other):
                known.setdefault(normalise_word(str(label)), code)
    return known


def _categories(values: tuple[str, ...]) -> list[str]:
    return list(_category_codes(translation.get_language() or "", values))


@lru_cache(maxsize=4096)
def _category_codes(language: str, values: tuple[str, ...]) -> tuple[str, ...]:
    # The same few combinations of categories repeat on most rows of a list: map each one once.
    known = _category_words(language)
    found = [known.get(normalise_word(value), ProductCategory.OTHER) for value in values]
    return tuple(dict.fromkeys(found))


def _read_valid_rows(upload: LocationUpload) -> tuple[list[ResultLine], list[LocationRow]]:
    """The lines the check already decided (rejected, duplicate) and the valid rows: as the check kept
    them, or (for a list checked before it kept them) from the file read again."""
    if upload.checked:
        with upload.checked.open("rb") as handle:
            shared: dict[Any, Any] = {}
            return upload_result_lines(upload), [row_from_json(line, shared) for line in handle]
    lines: list[ResultLine] = []
    valid: list[LocationRow] = []
    for number, row in enumerate(_parsed_rows(upload), start=1):
        done = result_for(row)
        if done is not None:
            lines.append(done)
        else:
            assert isinstance(row, LocationRow)
            valid.append(row)
        if number % (PROGRESS_EVERY * 10) == 0:
            _progress(
                upload, 5 + 15 * number // max(upload.rows, 1), _("%(rows)s rows read") % {"rows": number}
            )
    return lines, valid


def _forget_checked_rows(upload: LocationUpload) -> None:
    """Remove the kept rows once the transaction that no longer needs them commits."""
    if upload.checked:
        name, storage = upload.checked.name, upload.checked.storage
        transaction.on_commit(lambda: storage.delete(name))


def _progress(upload: LocationUpload, percent: int, message: str) -> None:
    assert upload.job_id is not None
    jobs.job_progress(job_id=upload.job_id, progress=percent, message=message)


def location_upload_apply(*, upload_id: int) -> LocationUpload | None:
    """Match or create a location for each valid row and create or update the company's supply links
    (in bulk). Rejected and duplicate rows are skipped. Idempotent through the job and the status.

    Reading and matching run before the transaction, so their progress shows while they run; the
    writes (locations, links, the results, the status) happen in one transaction, under the matching
    lock, so a failure halfway leaves nothing behind and no other matcher writes in between."""
    upload = LocationUpload.objects.select_related("uploaded_by", "company").get(pk=upload_id)
    if upload.job_id is None or upload.status != Status.APPLYING:
        return None
    if jobs.job_start(job_id=upload.job_id) is None:
        return None
    actor = upload.uploaded_by
    with translation.override(_language(upload)):
        lines, valid = _read_valid_rows(upload)

        def report(done: int, total: int) -> None:
            message = _("%(done)s of %(total)s rows matched") % {"done": done, "total": total}
            _progress(upload, min(90, 20 + done * 70 // max(total, 1)), message)

        with advisory_lock(MATCHING_LOCK):
            plan = bulk.locations_plan(
                actor=actor, rows=(_location_fields(row) for row in valid), progress=report
            )
            _progress(upload, 92, _("Saving the locations and supply links"))
            with transaction.atomic():
                locked = LocationUpload.objects.select_for_update().get(pk=upload.pk)
                if locked.status != Status.APPLYING:
                    return None  # a second delivery of the task that the first one already finished
                outcomes = bulk.locations_write(actor=actor, plan=plan)
                _apply_outcomes(upload, valid, outcomes, lines)
                name = _write_results(upload, lines)
                counts = {str(status): sum(1 for x in lines if x.status == status) for status in _COUNTED}
                _set(upload, Status.APPLIED, results=name, checked="", **counts)
                audit_record(actor=actor, action="location_upload.applied", target=upload)
                _forget_checked_rows(locked)
    jobs.job_finish(
        job_id=upload.job_id,
        content=result_csv_bytes(lines),
        filename="location-upload-result.csv",
        message=_("The list has been applied."),
    )
    return upload


_COUNTED = (RowStatus.CREATED, RowStatus.MATCHED, RowStatus.UPDATED, RowStatus.REJECTED)


def _apply_outcomes(
    upload: LocationUpload,
    valid: list[LocationRow],
    outcomes: list[bulk.BulkOutcome],
    lines: list[ResultLine],
) -> None:
    """Write the supply links of the matched and created rows, and add a result line per valid row."""
    wanted: dict[int, dict[str, Any]] = {}
    applied: list[tuple[ResultLine, int]] = []
    for row, outcome in zip(valid, outcomes, strict=True):
        if outcome.location_id is None:
            lines.append(ResultLine(row.line, RowStatus.REJECTED, row.name, " ".join(outcome.errors)))
            continue
        wanted[outcome.location_id] = _link_fields(row)
        status = RowStatus.CREATED if outcome.result in ("created", "review") else RowStatus.MATCHED
        # The reason column of a stored row holds the location's public ID.
        line = ResultLine(row.line, status, row.name, outcome.public_id)
        lines.append(line)
        applied.append((line, outcome.location_id))
    existed = _write_links(upload, wanted)
    for line, location_id in applied:
        if line.status == RowStatus.MATCHED and location_id in existed:
            line.status = RowStatus.UPDATED
    lines.sort(key=lambda line: line.line)


def _location_fields(row: LocationRow) -> dict[str, Any]:
    return {
        "name": row.name,
        "address": row.address,
        "city": row.city,
        "postal_code": row.postal_code,
        "country": row.country,
        "latitude": _degrees(row.latitude),
        "longitude": _degrees(row.longitude),
        "sector": row.sector,
        # Empty cells take the model's defaults ("other", "unknown") instead of failing its checks.
        "processing_type": row.processing_type or ProcessingType.OTHER,
        "worker_band": row.worker_band or WorkerBand.UNKNOWN,
        "parent_company": row.parent_company,
        "os_hub_id": row.osh_id,
    }


def _degrees(value: float | None) -> Decimal | None:
    # A float read from a file carries binary noise digits the six-decimal column would refuse.
    return None if value is None else Decimal(f"{value:.6f}")


def _link_fields(row: LocationRow) -> dict[str, Any]:
    return {
        "tier": row.tier or 1,
        "product_categories": _categories(row.product_categories),
        "first_year": row.first_year,
        "last_year": row.last_year,
        "show_publicly": row.show_publicly,
    }


_LINK_FIELDS = ("tier", "product_categories", "first_year", "last_year", "show_publicly")


def _write_links(upload: LocationUpload, wanted: dict[int, dict[str, Any]]) -> set[int]:
    """Create the missing links (COPY on PostgreSQL) and update the existing ones whose values changed;
    returns the ids of the locations whose link already existed."""
    existing: dict[int, tuple[int, tuple[Any, ...]]] = {}
    rows = SupplyLink.objects.filter(company=upload.company, covenant_id=upload.covenant_id).values_list(
        "location_id", "pk", *_LINK_FIELDS
    )
    for location_id, pk, *values in rows.iterator(chunk_size=5000):
        if location_id in wanted:
            existing[location_id] = (pk, tuple(values))
    new = insert_rows(
        SupplyLink,
        ("company_id", "covenant_id", "location_id", *_LINK_FIELDS),
        (
            (upload.company_id, upload.covenant_id, location_id, *(values[f] for f in _LINK_FIELDS))
            for location_id, values in wanted.items()
            if location_id not in existing
        ),
    )
    if len(new) >= ANALYZE_FROM_ROWS:
        refresh_statistics(SupplyLink)
    now = timezone.now()
    changed = [
        SupplyLink(pk=pk, updated_at=now, **wanted[location_id])
        for location_id, (pk, values) in existing.items()
        if values != tuple(wanted[location_id][f] for f in _LINK_FIELDS)
    ]
    SupplyLink.objects.bulk_update(changed, [*_LINK_FIELDS, "updated_at"], batch_size=1000)
    return set(existing)
