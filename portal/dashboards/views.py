"""Dashboard pages. The secretariat's: an index of the covenants and one dashboard per covenant and
cycle year."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from covenants.models import AnnualCycle, Covenant
from portal.access import AuthenticatedRequest, role_required
from portal.accounts.roles import Role

from .secretariat import covenant_dashboard


@role_required(Role.SECRETARIAT)
def index_view(request: AuthenticatedRequest) -> HttpResponse:
    covenants = Covenant.objects.order_by("name_en", "pk")
    return render(request, "dashboards/index.html", {"covenants": covenants})


@role_required(Role.SECRETARIAT)
def covenant_view(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    covenant = get_object_or_404(Covenant, slug=slug)
    years = sorted(
        set(AnnualCycle.objects.filter(covenant=covenant).values_list("year", flat=True)), reverse=True
    )
    this_year = timezone.localdate().year
    wanted = request.GET.get("year", "")
    year = int(wanted) if wanted.isdigit() else (years[0] if years else this_year)
    if wanted and year not in years and year != this_year:
        raise Http404
    return render(
        request,
        "dashboards/covenant.html",
        {"dashboard": covenant_dashboard(covenant, year), "years": years or [this_year]},
    )
