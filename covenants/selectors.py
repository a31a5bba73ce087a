"""Every read with rules. Each selector scopes in SQL and loads what its page shows in a fixed number
of queries (select_related / prefetch_related / annotate), however many rows there are."""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    prefetch_related_objects,
)
from django.http import Http404

from portal.access import get_visible_or_404
from portal.accounts.models import Organisation
from portal.accounts.roles import Role, role_of

from .models import (
    AnnualCycle,
    Covenant,
    CovenantUserObjectPermission,
    Membership,
    MembershipEvent,
    Party,
    PartyRole,
    RiskTheme,
    SteeringGroupMeeting,
    SteeringGroupMember,
)

#: Statuses the public may see a covenant in; one in negotiation is shown to its parties and the secretariat.
PUBLIC_STATUSES = (Covenant.Status.ACTIVE, Covenant.Status.ENDED)


def _is_party_exists(user: Any) -> Exists | None:
    """EXISTS(user's organisation is a current party of the covenant), for annotating covenants."""
    role = role_of(user)
    if role is None:
        return None
    parties = Party.objects.current().filter(organisation_id=user.organisation_id, covenant=OuterRef("pk"))
    return Exists(parties)


def _governance_grant_exists(user: Any) -> ExpressionWrapper | None:
    """EXISTS(the user holds a current steering-group seat of the covenant and its guardian grant).

    The seat's dates are checked here, so a seat ended on a future date keeps access until that date
    and loses it the day after, whether or not the grant has been removed yet."""
    if role_of(user) is None:
        return None
    grants = CovenantUserObjectPermission.objects.filter(
        content_object=OuterRef("pk"), user_id=user.pk, permission__codename="view_governance"
    )
    seats = SteeringGroupMember.objects.current().filter(covenant=OuterRef("pk"), user_id=user.pk)
    return ExpressionWrapper(Q(Exists(grants)) & Q(Exists(seats)), output_field=BooleanField())


def _annotate_access(qs: QuerySet[Covenant], user: Any) -> QuerySet[Covenant]:
    """Adds `is_party`, `can_see_governance` (secretariat, a current party, or a personal grant) and
    `has_open_membership` (the user's company has an open application or membership)."""
    false = Value(False, output_field=BooleanField())
    if role_of(user) == Role.COMPANY:
        qs = qs.annotate(
            has_open_membership=Exists(
                Membership.objects.filter(
                    covenant=OuterRef("pk"),
                    company_id=user.organisation_id,
                    status__in=Membership.OPEN_STATUSES,
                )
            )
        )
    else:
        qs = qs.annotate(has_open_membership=false)
    if role_of(user) == Role.SECRETARIAT:
        return qs.annotate(is_party=false, can_see_governance=Value(True, output_field=BooleanField()))
    is_party = _is_party_exists(user)
    grant = _governance_grant_exists(user)
    qs = qs.annotate(is_party=is_party if is_party is not None else false)
    if grant is None:
        return qs.annotate(can_see_governance=false)
    return qs.alias(has_grant=grant).annotate(
        can_see_governance=ExpressionWrapper(
            Q(is_party=True) | Q(has_grant=True), output_field=BooleanField()
        )
    )


def covenant_visible_for(user: Any) -> QuerySet[Covenant]:
    """The covenants a user may see at all: every one for the secretariat; active and ended ones for
    everyone else, plus those in negotiation to which the user's organisation is a current party or
    on whose steering group the user holds a current seat."""
    role = role_of(user)
    if role == Role.SECRETARIAT:
        return Covenant.objects.all()
    visible = Q(status__in=PUBLIC_STATUSES)
    is_party, has_seat = _is_party_exists(user), _governance_grant_exists(user)
    if is_party is not None and has_seat is not None:
        visible |= Q(is_party) | Q(has_seat)
    return Covenant.objects.filter(visible)


def _covenant_page_base(user: Any) -> QuerySet[Covenant]:
    """Visible covenants with their current member count (an annotation: no COUNT per row)."""
    return (
        covenant_visible_for(user)
        .annotate(
            member_count=Count("memberships", filter=Membership.objects.current_q(prefix="memberships__"))
        )
        .order_by("name_en", "pk")
    )


def covenant_list_for(user: Any) -> QuerySet[Covenant]:
    """Visible covenants with their current member count and themes (two queries for any number)."""
    return _covenant_page_base(user).prefetch_related(
        Prefetch("themes", queryset=RiskTheme.objects.order_by("position", "name_en"))
    )


def covenant_list_scope(user: Any) -> str:
    """A label for which covenants the user sees: users with the same label see the same ones.

    Everyone who is not signed in sees the same (active and ended covenants), and so does the whole
    secretariat (all of them); anyone else may also see covenants in negotiation through the own
    organisation, a seat or a grant, so each gets a label of their own.
    """
    if not getattr(user, "is_authenticated", False):
        return "public"
    if role_of(user) == Role.SECRETARIAT:
        return "all"
    return f"user{user.pk}"


def covenant_page_get_for(user: Any, slug: str) -> Covenant:
    """The covenant with what its page shows about the user (access, an open membership), its member
    count and secretariat, and, only when the user may see them, the steering group and its meetings;
    or Http404 when missing or not visible. Themes and parties: `covenant_sections_load`."""
    qs = _annotate_access(_covenant_page_base(user), user).select_related("secretariat")
    covenant = get_visible_or_404(qs, slug=slug)
    if covenant.can_see_governance:  # type: ignore[attr-defined]
        prefetch_related_objects(
            [covenant],
            Prefetch(
                "steering_group",
                queryset=SteeringGroupMember.objects.current()
                .select_related("organisation")
                .order_by("-is_chair", "person_name", "pk"),
                to_attr="current_steering_group",
            ),
            Prefetch(
                "meetings",
                queryset=SteeringGroupMeeting.objects.order_by("-held_on", "-pk"),
                to_attr="meeting_list",
            ),
        )
    return covenant


def covenant_sections_load(covenant: Covenant) -> Covenant:
    """Loads the public sections of a covenant's page onto it: themes and current parties (other than
    member companies). Two queries; skipped when the page's sections come from the cache."""
    prefetch_related_objects(
        [covenant],
        Prefetch("themes", queryset=RiskTheme.objects.order_by("position", "name_en")),
        Prefetch(
            "parties",
            queryset=Party.objects.current()
            .exclude(role=PartyRole.MEMBER_COMPANY)
            .select_related("organisation")
            .order_by("role", "organisation__name", "pk"),
            to_attr="current_parties",
        ),
    )
    return covenant


def covenant_get_for(user: Any, slug: str) -> Covenant:
    """The covenant with everything its page shows, or Http404 when missing or not visible to the user.

    Members are paged separately (`public_member_list`), so this stays fast for covenants with
    thousands of members.
    """
    return covenant_sections_load(covenant_page_get_for(user, slug))


def covenant_manage_list_for(user: Any) -> QuerySet[Covenant]:
    """The secretariat's covenant list: every covenant with member and waiting-application counts."""
    if role_of(user) != Role.SECRETARIAT:
        return Covenant.objects.none()
    return Covenant.objects.annotate(
        member_count=Count(
            "memberships", filter=Membership.objects.current_q(prefix="memberships__"), distinct=True
        ),
        applications_waiting=Count(
            "memberships", filter=Q(memberships__status=Membership.Status.APPLIED), distinct=True
        ),
    ).order_by("name_en", "pk")


def covenant_edit_get_for(user: Any, slug: str) -> Covenant:
    """A covenant the secretariat edits (404 for everyone else)."""
    return get_visible_or_404(covenant_manage_list_for(user), slug=slug)


def covenant_accepting_members() -> QuerySet[Covenant]:
    """Covenants a company may apply to: published (active) ones that have not ended."""
    return Covenant.objects.filter(status=Covenant.Status.ACTIVE).order_by("name_en", "pk")


def public_member_list(covenant: Covenant) -> QuerySet[Membership]:
    """A covenant's current (active) members, with what the public may see: name and join date."""
    return (
        Membership.objects.current()
        .filter(covenant=covenant)
        .select_related("company")
        .only("pk", "covenant_id", "company_id", "company__name", "joined_on", "status")
        .order_by("company__name", "pk")
    )


def public_member_rows(covenant: Covenant) -> QuerySet[Membership, tuple[int, str, Any]]:
    """The members of `public_member_list` as (company id, company name, member since): a covenant
    page lists up to a hundred, and building two model instances per row was most of its cost."""
    return public_member_list(covenant).values_list("company_id", "company__name", "joined_on")


def risk_theme_choices_for(covenant: Covenant | None) -> QuerySet[RiskTheme]:
    """The themes a covenant may select: the standard ones and its own."""
    q = Q(is_standard=True)
    if covenant is not None and covenant.pk:
        q |= Q(covenant=covenant)
    return RiskTheme.objects.filter(q).order_by("-is_standard", "position", "name_en", "pk")


def party_list_for(user: Any, covenant: Covenant) -> QuerySet[Party]:
    """Every party of a covenant, past and present (secretariat management)."""
    if role_of(user) != Role.SECRETARIAT:
        return Party.objects.none()
    return (
        Party.objects.filter(covenant=covenant)
        .select_related("organisation")
        .order_by(F("left_on").desc(nulls_first=True), "role", "organisation__name", "pk")
    )


def steering_group_for(user: Any, covenant: Covenant) -> QuerySet[SteeringGroupMember]:
    if role_of(user) != Role.SECRETARIAT:
        return SteeringGroupMember.objects.none()
    return (
        SteeringGroupMember.objects.filter(covenant=covenant)
        .select_related("organisation", "user")
        .order_by(F("until").desc(nulls_first=True), "-is_chair", "person_name", "pk")
    )


def meeting_list_for(user: Any, covenant: Covenant) -> QuerySet[SteeringGroupMeeting]:
    if role_of(user) != Role.SECRETARIAT:
        return SteeringGroupMeeting.objects.none()
    return SteeringGroupMeeting.objects.filter(covenant=covenant).order_by("-held_on", "-pk")


def meeting_get_for(user: Any, slug: str, pk: int) -> SteeringGroupMeeting:
    """A meeting of a covenant whose governance the user may see (404 otherwise, also for the public)."""
    covenant = get_visible_or_404(_annotate_access(covenant_visible_for(user), user), slug=slug)
    if not covenant.can_see_governance:  # type: ignore[attr-defined]
        raise Http404
    return get_visible_or_404(SteeringGroupMeeting.objects.filter(covenant=covenant), pk=pk)


def membership_list_for(user: Any) -> QuerySet[Membership]:
    """A company sees its own memberships (every status); the secretariat sees all; others none."""
    role = role_of(user)
    qs = Membership.objects.select_related("covenant", "company").order_by("-applied_at", "-pk")
    if role == Role.SECRETARIAT:
        return qs
    if role == Role.COMPANY:
        return qs.filter(company_id=user.organisation_id)
    return qs.none()


def membership_get_for(user: Any, pk: Any) -> Membership:
    """One membership the user may see, with its history; Http404 for missing and forbidden alike."""
    qs = (
        membership_list_for(user)
        .select_related("applied_by", "decided_by")
        .prefetch_related(
            Prefetch(
                "events",
                queryset=MembershipEvent.objects.select_related("actor").order_by("created_at", "pk"),
            )
        )
    )
    return get_visible_or_404(qs, pk=pk)


def membership_applications_for(user: Any) -> QuerySet[Membership]:
    """Applications waiting for the secretariat's decision, oldest first."""
    return membership_list_for(user).filter(status=Membership.Status.APPLIED).order_by("applied_at", "pk")


def company_open_covenant_ids(organisation: Organisation) -> set[int]:
    """Covenants where the company already has an open application or membership."""
    return set(
        Membership.objects.filter(company=organisation, status__in=Membership.OPEN_STATUSES).values_list(
            "covenant_id", flat=True
        )
    )


def cycle_list_for(user: Any) -> QuerySet[AnnualCycle]:
    """Annual cycles, for the secretariat only."""
    if role_of(user) != Role.SECRETARIAT:
        return AnnualCycle.objects.none()
    return AnnualCycle.objects.select_related("covenant").order_by("-year", "covenant__name_en", "pk")


def cycle_get_for(user: Any, pk: Any) -> AnnualCycle:
    return get_visible_or_404(cycle_list_for(user).select_related("opened_by", "closed_by"), pk=pk)


def secretariat_summary_for(user: Any) -> dict[str, int]:
    """Counts for the secretariat's home page: three small COUNT queries (no join fan-out)."""
    if role_of(user) != Role.SECRETARIAT:
        return {}
    return {
        "covenants": Covenant.objects.count(),
        "applications_waiting": Membership.objects.filter(status=Membership.Status.APPLIED).count(),
        "open_cycles": AnnualCycle.objects.filter(status=AnnualCycle.Status.OPEN).count(),
    }
