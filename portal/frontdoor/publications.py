"""A covenant's publications in one place: its published annual reports, the published rulings of its
complaint mechanism, its published self-assessment frameworks and its news. Public; the same rules as
each publication's own page (top layer: it reads the domain apps)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from complaints.selectors import publication_list
from covenants.models import Covenant, NewsItem
from duediligence.models import Framework, Question, Section
from portal.access import public
from portal.reports.selectors import report_list_for


def _covenant(slug: str) -> Covenant:
    return get_object_or_404(Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION), slug=slug)


def published_frameworks(covenant: Covenant) -> Any:
    return Framework.objects.filter(covenant=covenant, status=Framework.Status.PUBLISHED).order_by("-version")


def publications_of(covenant: Covenant) -> dict[str, Any]:
    return {
        "reports": list(report_list_for(None).filter(covenant=covenant)),
        "rulings": list(publication_list().filter(complaint__covenant=covenant)[:50]),
        "frameworks": list(published_frameworks(covenant)),
        "news": list(NewsItem.objects.public().filter(covenant=covenant)[:10]),
    }


@public
def publications_view(request: HttpRequest, slug: str) -> HttpResponse:
    covenant = _covenant(slug)
    return render(request, "frontdoor/publications.html", {"covenant": covenant, **publications_of(covenant)})


@public
def framework_view(request: HttpRequest, slug: str, version: int) -> HttpResponse:
    """A published framework, read-only: its sections along the OECD steps and their questions."""
    covenant = _covenant(slug)
    questions = Prefetch("questions", queryset=Question.objects.order_by("position"))
    sections = Prefetch(
        "sections", queryset=Section.objects.order_by("step", "position").prefetch_related(questions)
    )
    framework = get_object_or_404(published_frameworks(covenant).prefetch_related(sections), version=version)
    return render(request, "frontdoor/framework.html", {"covenant": covenant, "framework": framework})
