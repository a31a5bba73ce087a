"""Rendering a template to PDF with WeasyPrint, for Celery tasks (never in a request).

Only local files are fetched (the `file` and `data` schemes): a template that names any other URL
gets nothing, so a report never reaches out of the machine that renders it.

`archival=True` makes a tagged PDF/A-3a: the structure of headings, lists and tables for screen
readers, the document language, and every font embedded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

LOCAL_SCHEMES = ("file", "data")
ARCHIVAL_VARIANT = "pdf/a-3a"


def render_html(template: str, context: dict[str, Any], *, language: str) -> str:
    with translation.override(language):
        return render_to_string(template, {**context, "LANGUAGE_CODE": language})


@dataclass(frozen=True)
class Pdf:
    content: bytes
    pages: int


def render_document(html: str, *, archival: bool = False) -> Pdf:
    """The PDF of finished HTML and its number of pages; relative links resolve against the project."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=LOCAL_SCHEMES)
    options: dict[str, Any] = {"pdf_variant": ARCHIVAL_VARIANT} if archival else {}
    document = HTML(string=html, base_url=str(settings.BASE_DIR) + "/", url_fetcher=fetcher).render(**options)
    content: bytes = document.write_pdf(**options)
    return Pdf(content=content, pages=len(document.pages))


def html_to_pdf(html: str, *, archival: bool = False) -> bytes:
    return render_document(html, archival=archival).content


def render_pdf(template: str, context: dict[str, Any], *, language: str, archival: bool = False) -> bytes:
    """The PDF of `template` rendered in `language`."""
    return html_to_pdf(render_html(template, context, language=language), archival=archival)
