"""Rendering a template to PDF with WeasyPrint, for Celery tasks (never in a request).

Only local files are fetched (the `file` and `data` schemes): a template that names any other URL
gets nothing, so a report never reaches out of the machine that renders it."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

LOCAL_SCHEMES = ("file", "data")


def render_pdf(template: str, context: dict[str, Any], *, language: str) -> bytes:
    """The PDF of `template` rendered in `language`; relative links resolve against the project."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    with translation.override(language):
        html = render_to_string(template, {**context, "LANGUAGE_CODE": language})
    fetcher = URLFetcher(allowed_protocols=LOCAL_SCHEMES)
    pdf: bytes = HTML(string=html, base_url=str(settings.BASE_DIR) + "/", url_fetcher=fetcher).write_pdf()
    return pdf
