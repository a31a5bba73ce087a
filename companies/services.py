"""Every write to production locations, supply links and matches: `<entity>_<verb>(*, actor, ...)`,
atomic, validated and audited."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from covenants.models import Covenant
from portal.accounts.models import Organisation
from portal.accounts.roles import Role, role_of
from portal.audit.services import audit_record
from portal.core.locks import advisory_xact_lock

from . import matching, public_cache
from .blocking import CountryBlocks
from .models import LocationEvent, LocationMatch, LocationStatus, ProductionLocation, SupplyLink

#: Fields of a location a submitter may give (the rest is derived or service-owned).
LOCATION_FIELDS = (
    "name",
    "address",
    "city",
    "postal_code",
    "country",
    "latitude",
    "longitude",
    "sector",
    "processing_type",
    "worker_band",
    "parent_company",
    "os_hub_id",
)


def _require_secretariat(actor: Any) -> None:
    if role_of(actor) != Role.SECRETARIAT:
        raise PermissionDenied(_("Only the secretariat may do this."))


def _require_discloser(actor: Any) -> None:
    if role_of(actor) not in (Role.COMPANY, Role.SECRETARIAT):
        raise PermissionDenied(_("Only member companies and the secretariat may disclose locations."))


@dataclass(frozen=True)
class MatchOutcome:
    """What `location_match_or_create` did: the location to link to, and how it was found."""

    location: ProductionLocation
    created: bool
    match: LocationMatch | None

    @property
    def result(self) -> str:
        """ "matched" (an existing location), "review" (new location with a potential match) or "created"."""
        if not self.created:
            return "matched"
        return "review" if self.match is not None else "created"


#: Matching reads the existing locations, decides and then writes: one matcher at a time.
MATCHING_LOCK = "companies.location-matching"


def _block_candidates(location: ProductionLocation) -> list[matching.Candidate]:
    """The active locations of the block the location is matched in (see `companies.blocking`): the
    same country and city, else the same country and postal code, else the whole country."""
    active = ProductionLocation.objects.filter(country=location.country, status=LocationStatus.ACTIVE)
    if location.pk:
        active = active.exclude(pk=location.pk)
    scopes: list[Any] = []
    if location.city_key:
        scopes.append(active.filter(city_key=location.city_key))
    if location.postal_code:
        scopes.append(active.filter(postal_code=location.postal_code))
    scopes.append(active)
    for queryset in scopes:
        rows = queryset.values_list("pk", "name_key", "address_key", "city_key", "postal_code")
        found = [matching.Candidate(*row) for row in rows]
        if found:
            return found
    return []


def _best_for(location: ProductionLocation) -> matching.Scored | None:
    blocks = CountryBlocks()
    for candidate in _block_candidates(location):
        blocks.add(candidate)
    return blocks.best(location.name_key, location.address_key, location.city_key, location.postal_code)


@transaction.atomic
def location_match_or_create(*, actor: Any, **fields: Any) -> MatchOutcome:
    """The location for a submitted row: an existing one when the score reaches the automatic threshold,
    otherwise a new one (with a potential match for review when the score is in the middle band).

    Raises ValidationError for bad input (per field), PermissionDenied for roles that may not disclose."""
    _require_discloser(actor)
    unknown = set(fields) - set(LOCATION_FIELDS)
    if unknown:
        raise ValueError(f"unknown location fields: {sorted(unknown)}")
    location = ProductionLocation(**fields)
    location.full_clean(exclude=["public_id"])
    location.fill_keys()
    advisory_xact_lock(MATCHING_LOCK)
    best = _best_for(location)
    verdict = matching.decision(best.score) if best else "new"
    if best is not None and verdict == "match":
        existing = ProductionLocation.objects.get(pk=best.pk)
        automatic = LocationMatch.objects.create(
            existing=existing,
            submitted_name=location.name,
            submitted_address=location.address,
            score=best.score,
            rule=best.rule[:64],
            status=LocationMatch.Status.AUTOMATIC,
        )
        audit_record(actor=actor, action="location.matched", target=existing, note=best.rule)
        return MatchOutcome(location=existing, created=False, match=automatic)
    location.save()
    LocationEvent.objects.create(
        location=location, kind=LocationEvent.Kind.CREATED, actor=_user(actor), to_status=location.status
    )
    audit_record(actor=actor, action="location.created", target=location)
    match = None
    if best is not None and verdict == "review":
        match = LocationMatch.objects.create(
            candidate=location,
            existing_id=best.pk,
            submitted_name=location.name,
            submitted_address=location.address,
            score=best.score,
            rule=best.rule[:64],
        )
    return MatchOutcome(location=location, created=True, match=match)


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _locked_match(match_id: int) -> LocationMatch:
    match = LocationMatch.objects.select_for_update().filter(pk=match_id).first()
    if match is None or match.status != LocationMatch.Status.PENDING or match.candidate_id is None:
        raise ValidationError(_("This potential match has already been decided."), code="decided")
    return match


@transaction.atomic
def location_match_confirm(*, actor: Any, match_id: int) -> LocationEvent:
    """The secretariat confirms that the two are one place: the new location is merged into the existing."""
    _require_secretariat(actor)
    match = _locked_match(match_id)
    assert match.candidate_id is not None  # checked by _locked_match
    event = location_merge(actor=actor, source_id=match.candidate_id, target_id=match.existing_id)
    match.status, match.decided_by, match.decided_at = LocationMatch.Status.CONFIRMED, actor, timezone.now()
    match.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, action="location_match.confirmed", target=match, note=match.rule)
    return event


@transaction.atomic
def location_match_reject(*, actor: Any, match_id: int) -> LocationMatch:
    """The secretariat decides that the two are different places: both stay."""
    _require_secretariat(actor)
    match = _locked_match(match_id)
    match.status, match.decided_by, match.decided_at = LocationMatch.Status.REJECTED, actor, timezone.now()
    match.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, action="location_match.rejected", target=match, note=match.rule)
    return match


def _link_snapshot(link: SupplyLink) -> dict[str, Any]:
    return {
        "pk": link.pk,
        "company_id": link.company_id,
        "covenant_id": link.covenant_id,
        "tier": link.tier,
        "product_categories": link.product_categories,
        "first_year": link.first_year,
        "last_year": link.last_year,
        "show_publicly": link.show_publicly,
        "created_at": link.created_at.isoformat(),
    }


@transaction.atomic
def location_merge(*, actor: Any, source_id: int, target_id: int, note: str = "") -> LocationEvent:
    """Merge `source` into `target`: every supply link moves to the target, the source is marked moved.

    Where the target already has a link of the same company and covenant, the source's link is kept in
    the merge event (and removed), so that `location_merge_undo` can restore it exactly."""
    _require_secretariat(actor)
    if source_id == target_id:
        raise ValidationError(_("A location cannot be merged into itself."), code="same_location")
    locked = {
        loc.pk: loc
        for loc in ProductionLocation.objects.select_for_update().filter(pk__in=[source_id, target_id])
    }
    source, target = locked.get(source_id), locked.get(target_id)
    if source is None or target is None:
        raise ValidationError(_("This location does not exist."), code="missing")
    if source.status == LocationStatus.MOVED or target.status == LocationStatus.MOVED:
        raise ValidationError(
            _("A location that has moved or was merged cannot be merged again."), code="moved"
        )
    taken = set(target.links.values_list("company_id", "covenant_id"))
    moved: list[int] = []
    kept: list[dict[str, Any]] = []
    for link in source.links.select_for_update():
        if (link.company_id, link.covenant_id) in taken:
            kept.append(_link_snapshot(link))
        else:
            moved.append(link.pk)
    SupplyLink.objects.filter(pk__in=[item["pk"] for item in kept]).delete()
    SupplyLink.objects.filter(pk__in=moved).update(location=target, updated_at=timezone.now())
    public_cache.bump()
    event = LocationEvent.objects.create(
        location=source,
        kind=LocationEvent.Kind.MERGED_INTO,
        other_location=target,
        actor=_user(actor),
        from_status=source.status,
        to_status=LocationStatus.MOVED,
        data={"moved_link_ids": moved, "removed_links": kept},
        note=note,
    )
    source.status, source.moved_to = LocationStatus.MOVED, target
    source.save(update_fields=["status", "moved_to", "updated_at"])
    audit_record(actor=actor, action="location.merged", target=source, note=f"into {target.public_id}")
    return event


@transaction.atomic
def location_merge_undo(*, actor: Any, event_id: int, note: str = "") -> LocationEvent:
    """Undo a merge: the source comes back with its former status and every link it had."""
    _require_secretariat(actor)
    event = LocationEvent.objects.select_for_update().filter(pk=event_id).first()
    if event is None or event.kind != LocationEvent.Kind.MERGED_INTO:
        raise ValidationError(_("This is not a merge that can be undone."), code="not_merge")
    if event.undone_at is not None:
        raise ValidationError(_("This merge has already been undone."), code="undone")
    source = ProductionLocation.objects.select_for_update().get(pk=event.location_id)
    if source.moved_to_id != event.other_location_id:
        raise ValidationError(
            _("The location has changed since this merge; it cannot be undone."), code="changed"
        )
    SupplyLink.objects.filter(
        pk__in=event.data.get("moved_link_ids", []), location_id=event.other_location_id
    ).update(location=source, updated_at=timezone.now())
    public_cache.bump()
    for item in event.data.get("removed_links", []):
        SupplyLink.objects.create(
            pk=item["pk"],
            location=source,
            company_id=item["company_id"],
            covenant_id=item["covenant_id"],
            tier=item["tier"],
            product_categories=item["product_categories"],
            first_year=item["first_year"],
            last_year=item["last_year"],
            show_publicly=item["show_publicly"],
            created_at=item["created_at"],
        )
    restored = event.from_status or LocationStatus.ACTIVE
    source.status, source.moved_to = restored, None
    source.save(update_fields=["status", "moved_to", "updated_at"])
    now = timezone.now()
    event.undone_at = now
    event.save(update_fields=["undone_at"])
    undo = LocationEvent.objects.create(
        location=source,
        kind=LocationEvent.Kind.MERGE_UNDONE,
        other_location_id=event.other_location_id,
        actor=_user(actor),
        from_status=LocationStatus.MOVED,
        to_status=restored,
        data={"undoes": event.pk},
        note=note,
    )
    # A confirmed match that led to this merge is open again: a person decided wrongly once.
    LocationMatch.objects.filter(
        candidate=source, existing_id=event.other_location_id, status=LocationMatch.Status.CONFIRMED
    ).update(status=LocationMatch.Status.PENDING, decided_by=None, decided_at=None)
    audit_record(actor=actor, action="location.merge_undone", target=source)
    return undo


@transaction.atomic
def supply_link_create(
    *,
    actor: Any,
    company: Organisation,
    location_id: int,
    covenant_id: int,
    tier: int = 1,
    product_categories: list[str] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    show_publicly: bool = False,
) -> SupplyLink:
    """A company discloses that it sources at a location for a covenant (a company only for itself)."""
    role = role_of(actor)
    if role == Role.COMPANY:
        if actor.organisation_id != company.pk:
            raise PermissionDenied(_("A company discloses only its own supply links."))
    elif role != Role.SECRETARIAT:
        raise PermissionDenied(_("Only member companies and the secretariat may disclose locations."))
    if company.kind != Role.COMPANY:
        raise ValidationError({"company": _("Only a company has supply links.")})
    link = SupplyLink(
        company=company,
        location=ProductionLocation.objects.get(pk=location_id),
        covenant=Covenant.objects.get(pk=covenant_id),
        tier=tier,
        product_categories=product_categories or [],
        first_year=first_year,
        last_year=last_year,
        show_publicly=show_publicly,
    )
    link.full_clean(validate_constraints=True)
    link.save()
    audit_record(actor=actor, action="supply_link.created", target=link)
    return link


@transaction.atomic
def location_status_change(
    *, actor: Any, location_id: int, to: str, moved_to_id: int | None = None, note: str = ""
) -> ProductionLocation:
    """The secretariat marks a location closed, active again, or moved to its new location (the links
    stay where they are: a move records where the factory went, a merge moves the links)."""
    from . import workflow

    _require_secretariat(actor)
    location = ProductionLocation.objects.select_for_update().get(pk=location_id)
    workflow.check(location.status, to)
    new_place = None
    if to == LocationStatus.MOVED:
        new_place = (
            ProductionLocation.objects.filter(pk=moved_to_id, status=LocationStatus.ACTIVE).first()
            if moved_to_id is not None
            else None
        )
        if new_place is None or new_place.pk == location.pk:
            raise ValidationError({"moved_to": _("Choose the active location that this location moved to.")})
    event = LocationEvent.objects.create(
        location=location,
        kind=LocationEvent.Kind.STATUS_CHANGED,
        other_location=new_place,
        actor=_user(actor),
        from_status=location.status,
        to_status=to,
        note=note,
    )
    location.status, location.moved_to = to, new_place
    location.save(update_fields=["status", "moved_to", "updated_at"])
    audit_record(actor=actor, action=f"location.{to}", target=location, note=f"{event.from_status} -> {to}")
    return location


def _own_link_for_update(actor: Any, link_id: int) -> SupplyLink:
    """The link, locked; a company reaches only its own (anything else: does not exist)."""
    link = SupplyLink.objects.select_for_update().get(pk=link_id)
    role = role_of(actor)
    if role == Role.COMPANY:
        if actor.organisation_id != link.company_id:
            raise SupplyLink.DoesNotExist
    elif role != Role.SECRETARIAT:
        raise PermissionDenied(_("Only member companies and the secretariat may change supply links."))
    return link


SUPPLY_LINK_EDITABLE = ("tier", "product_categories", "first_year", "last_year", "show_publicly")


@transaction.atomic
def supply_link_update(*, actor: Any, link_id: int, **fields: Any) -> SupplyLink:
    """A company changes its own link's tier, product categories, years or public consent."""
    unknown = set(fields) - set(SUPPLY_LINK_EDITABLE)
    if unknown:
        raise ValidationError({name: _("This field cannot be changed.") for name in sorted(unknown)})
    link = _own_link_for_update(actor, link_id)
    for name, value in fields.items():
        setattr(link, name, value)
    link.full_clean(validate_constraints=True)
    link.save()
    audit_record(actor=actor, action="supply_link.updated", target=link, note=", ".join(sorted(fields)))
    return link


@transaction.atomic
def supply_link_delete(*, actor: Any, link_id: int) -> None:
    """A company withdraws one of its own links (the location and its history stay)."""
    link = _own_link_for_update(actor, link_id)
    audit_record(actor=actor, action="supply_link.deleted", target=link)
    link.delete()
