"""How a cycle learns how many reviews are still pending, without covenants importing a higher app.

Reviews of self-assessments belong to the due-diligence app, which sits above covenants in the layers
(architecture.md). So covenants does not count them itself: an app that owns reviews registers a
provider, a function `(cycle) -> int` answering "how many reviews of this cycle are still pending".
The due-diligence app will call `register_pending_reviews` from its AppConfig.ready().

Until such an app registers, no review can be pending (there is nothing to review yet) and a cycle
closes without being forced. This is deliberate, not a shortcut: we do not invent a count the portal
does not have. Tests register a provider to exercise the blocked and forced close.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .models import AnnualCycle

PendingReviewsProvider = Callable[["AnnualCycle"], int]

_providers: list[PendingReviewsProvider] = []


def register_pending_reviews(provider: PendingReviewsProvider) -> PendingReviewsProvider:
    """Add a provider (usable as a decorator). Registering the same function twice has no effect."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def unregister_pending_reviews(provider: PendingReviewsProvider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def pending_reviews(cycle: AnnualCycle) -> int:
    """The number of reviews still pending for this cycle, summed over all registered providers."""
    return sum(max(0, int(provider(cycle))) for provider in _providers)


# --- what the public covenant page shows next to each member -------------------------------------
#
# A member's published performance check is kept by the due-diligence app. It registers a provider
# `(covenant_id, company_ids) -> {company_id: details}`; the details have `year`, `category`,
# `category_label`, `summary` and `comment`. The page asks once per page of members. Without a
# provider the page lists the members only. A provider's data is cached with the page: its app bumps
# `covenants.fragments` when what it shows changes.

MemberDetailsProvider = Callable[[int, list[int]], dict[int, Any]]

_member_details: list[MemberDetailsProvider] = []


def register_member_details(provider: MemberDetailsProvider) -> MemberDetailsProvider:
    if provider not in _member_details:
        _member_details.append(provider)
    return provider


def member_details(covenant_id: int, company_ids: list[int]) -> dict[int, Any]:
    """What the registered providers know about these members (a later provider wins per company)."""
    details: dict[int, Any] = {}
    for provider in _member_details:
        details.update(provider(covenant_id, company_ids))
    return details
