"""Due diligence's part of the front door (portal.frontdoor.registry): a covenant's published
self-assessment frameworks among its publications, each readable on a public page."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from covenants.models import Covenant
from portal.access import public
from portal.frontdoor.registry import Publication, PublicationGroup, register_publications

from .models import Framework, Question, Section


def published_frameworks(covenant: Any) -> Any:
    return Framework.objects.filter(covenant=covenant, status=Framework.Status.PUBLISHED).order_by("-version")


def _url(covenant: Any, framework: Framework) -> str:
    return reverse("framework", kwargs={"slug": covenant.slug, "version": framework.version})


def _frameworks_of(covenant: Any) -> PublicationGroup:
    items = [Publication(f"{f.title} ({_('version %(version)s') % {'version': f.version}})", _url(covenant, f),
                         f.published_at, "framework") for f in published_frameworks(covenant)]  # fmt: skip
    return PublicationGroup(_("Self-assessment frameworks"), items, _("No framework has been published yet."))


@public
def published_framework_view(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """A published framework, read-only: its sections along the OECD steps and their questions."""
    covenant = get_object_or_404(Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION), slug=slug)
    questions = Prefetch("questions", queryset=Question.objects.order_by("position"))
    sections = Prefetch(
        "sections", queryset=Section.objects.order_by("step", "position").prefetch_related(questions)
    )
    framework = get_object_or_404(published_frameworks(covenant).prefetch_related(sections), version=version)
    return render(
        request, "duediligence/published_framework.html", {"covenant": covenant, "framework": framework}
    )


def connect() -> None:
    register_publications("frameworks", _frameworks_of, order=30)
