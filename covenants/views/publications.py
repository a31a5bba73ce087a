"""A covenant's publications in one place: what each app registered with the front door (its
published annual reports, rulings, frameworks, news), each under its own rules. Public."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from portal.access import public
from portal.frontdoor.registry import PublicationGroup, publication_providers

from ..frontdoor import public_covenants
from ..models import Covenant


def publication_groups(slug: str) -> tuple[Covenant, list[PublicationGroup]]:
    covenant = get_object_or_404(public_covenants(), slug=slug)
    return covenant, [provider(covenant) for provider in publication_providers()]


@public
def publications_view(request: HttpRequest, slug: str) -> HttpResponse:
    covenant, groups = publication_groups(slug)
    return render(request, "covenants/publications.html", {"covenant": covenant, "groups": groups})
