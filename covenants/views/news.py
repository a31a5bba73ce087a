"""News: the public list, item pages and feeds; the secretariat writes items (draft, scheduled,
published). Only `NewsItem.objects.public()` reaches a public page, feed or the API."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from portal.access import AuthenticatedRequest, public, role_required
from portal.accounts.roles import Role, has_role
from portal.forms import add_service_errors

from .. import services
from ..models import Covenant, NewsAttachment, NewsItem
from ..news_forms import NewsForm

PAGE_SIZE = 10


def _visible(request: HttpRequest) -> QuerySet[NewsItem]:
    """The public items; the secretariat also sees drafts and scheduled ones (to check them)."""
    items = NewsItem.objects.select_related("covenant")
    return items if has_role(request.user, Role.SECRETARIAT) else items.public()


def _covenants() -> QuerySet[Covenant]:
    return Covenant.objects.exclude(status=Covenant.Status.NEGOTIATION).order_by("name_en")


@public
def news_list_view(request: HttpRequest) -> HttpResponse:
    items = NewsItem.objects.public().select_related("covenant")
    chosen = request.GET.get("covenant", "")
    covenant = _covenants().filter(slug=chosen).first() if chosen else None
    if covenant is not None:
        items = items.filter(covenant=covenant)
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "covenants/news_list.html",
        {
            "page_obj": page,
            "covenants": _covenants(),
            "chosen": covenant,
            "query_string": f"covenant={quote(covenant.slug)}" if covenant else "",
        },
    )


@public
def news_detail_view(request: HttpRequest, slug: str) -> HttpResponse:
    item = get_object_or_404(_visible(request).prefetch_related("attachments"), slug=slug)
    url = request.build_absolute_uri(item_url(item))
    share = {
        "LinkedIn": f"https://www.linkedin.com/sharing/share-offsite/?url={quote(url, safe='')}",
        "Mastodon": f"https://mastodonshare.com/?text={quote(item.title, safe='')}&url={quote(url, safe='')}",
        "X": f"https://x.com/intent/post?text={quote(item.title, safe='')}&url={quote(url, safe='')}",
        _("E-mail"): f"mailto:?subject={quote(item.title)}&body={quote(url)}",
    }
    return render(request, "covenants/news_detail.html", {"item": item, "share": share})


@public
def news_image_view(request: HttpRequest, slug: str) -> FileResponse:
    item = get_object_or_404(_visible(request), slug=slug)
    if not item.image:
        raise Http404
    return FileResponse(item.image.open("rb"))


@public
def news_attachment_view(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    item = get_object_or_404(_visible(request), slug=slug)
    attachment = get_object_or_404(NewsAttachment, item=item, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


def item_url(item: NewsItem) -> str:
    return reverse("news:detail", kwargs={"slug": item.slug})


class NewsFeed(Feed):
    """Atom: the latest public items of the portal, or of one covenant."""

    feed_type = Atom1Feed
    access_public = True

    def get_object(self, request: HttpRequest, slug: str = "") -> Covenant | None:
        return get_object_or_404(_covenants(), slug=slug) if slug else None

    def title(self, obj: Covenant | None) -> str:
        return _("News: %(covenant)s") % {"covenant": obj.name} if obj else _("News from the IRBC covenants")

    def link(self, obj: Covenant | None) -> str:
        url = reverse("news:list")
        return f"{url}?covenant={obj.slug}" if obj else url

    def subtitle(self, obj: Covenant | None) -> str:
        return _("News and publications of the covenants for responsible business conduct.")

    def items(self, obj: Covenant | None) -> QuerySet[NewsItem]:
        items = NewsItem.objects.public().select_related("covenant")
        return (items.filter(covenant=obj) if obj else items)[:20]

    def item_title(self, item: NewsItem) -> str:
        return item.title

    def item_description(self, item: NewsItem) -> str:
        return item.summary

    def item_link(self, item: NewsItem) -> str:
        return item_url(item)

    def item_pubdate(self, item: NewsItem) -> datetime:
        return item.publish_at

    def item_updateddate(self, item: NewsItem) -> datetime:
        return item.updated_at


news_feed_view = public(NewsFeed())


# --- the secretariat ---------------------------------------------------------------------------------


@role_required(Role.SECRETARIAT)
def news_manage_view(request: AuthenticatedRequest) -> HttpResponse:
    items = NewsItem.objects.select_related("covenant").order_by("-publish_at", "-pk")
    page = Paginator(items, 25).get_page(request.GET.get("page"))
    return render(request, "covenants/news_manage.html", {"page_obj": page})


@role_required(Role.SECRETARIAT)
def news_edit_view(request: AuthenticatedRequest, slug: str = "") -> HttpResponse:
    item = get_object_or_404(NewsItem.objects.prefetch_related("attachments"), slug=slug) if slug else None
    form = NewsForm(request.POST or None, request.FILES or None, instance=item)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in services.news.FIELDS}
        try:
            saved = services.news_save(actor=request.user, data=data, item=item,
                                       image=form.cleaned_data.get("image_upload"),
                                       attachment=form.cleaned_data.get("attachment"))  # fmt: skip
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The news item has been saved."))
            return redirect("news:edit", slug=saved.slug)
    return render(request, "covenants/news_form.html", {"form": form, "item": item})


@role_required(Role.SECRETARIAT)
@require_POST
def news_attachment_remove_view(request: AuthenticatedRequest, slug: str, pk: int) -> HttpResponse:
    attachment = get_object_or_404(NewsAttachment, item__slug=slug, pk=pk)
    services.news_attachment_remove(actor=request.user, attachment_id=attachment.pk)
    messages.success(request, _("The attachment has been removed."))
    return redirect("news:edit", slug=slug)
