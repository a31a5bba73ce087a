"""Demo news: a few items per covenant and one for the whole portal, in both languages, with one item
scheduled for next week and one draft (neither public). Idempotent: items are looked up by address."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from ..models import Covenant, NewsItem

#: (covenant slug or "" for the portal, address, days ago (negative: scheduled), status, nl title, en title,
#:  nl summary, en summary)
ITEMS: list[tuple[str, str, int, str, str, str, str, str]] = [
    ("", "portal-opened", 40, "published", "Het convenantenportaal is open", "The covenant portal is open",
     "Bedrijven, vakbonden en maatschappelijke organisaties werken voortaan samen in één portaal.",
     "Companies, trade unions and civil society organisations now work together in one portal."),
    ("garments-textile", "garments-living-wage", 20, "published", "Leefbaar loon: eerste resultaten",
     "Living wage: first results", "Twaalf leden brachten het loonniveau bij hun leveranciers in kaart.",
     "Twelve members mapped the wage levels at their suppliers."),
    ("garments-textile", "garments-location-list", 5, "published", "Nieuwe lijst van productielocaties",
     "New list of production locations", "De geaggregeerde lijst van productielocaties is bijgewerkt.",
     "The aggregated list of production locations has been updated."),
    ("garments-textile", "garments-annual-meeting", -7, "published", "Jaarlijkse bijeenkomst",
     "Annual meeting", "Aankondiging van de jaarlijkse bijeenkomst van het convenant.",
     "Announcement of the covenant's annual meeting."),
    ("garments-textile", "garments-draft", 0, "draft", "Concept: nieuwe leden", "Draft: new members",
     "Nog niet klaar.", "Not ready yet."),
    ("gold", "gold-smelter-audits", 12, "published", "Audits bij smelters", "Smelter audits",
     "De leden spraken af welke smelters dit jaar worden bezocht.",
     "The members agreed which smelters will be visited this year."),
    ("banking", "banking-dialogue", 30, "published", "Dialoog met klanten over mensenrechten",
     "Dialogue with clients on human rights", "Banken delen hun ervaringen met het aanspreken van klanten.",
     "Banks share their experience of engaging with clients."),
]  # fmt: skip


def seed_news(author: Any) -> None:
    now = timezone.now()
    for slug, address, days, status, title_nl, title_en, summary_nl, summary_en in ITEMS:
        covenant = Covenant.objects.filter(slug=slug).first() if slug else None
        if slug and covenant is None:
            continue
        NewsItem.objects.get_or_create(
            slug=address,
            defaults={
                "covenant": covenant, "status": status, "publish_at": now - timedelta(days=days),
                "title_nl": title_nl, "title_en": title_en, "summary_nl": summary_nl, "summary_en": summary_en,
                "body_nl": f"{summary_nl}\n\nMeer informatie volgt via het secretariaat.",
                "body_en": f"{summary_en}\n\nMore information will follow from the secretariat.",
                "created_by": author,
            },
        )  # fmt: skip
