"""A small browser for the fault tests: real HTTP to the portal's gunicorn, cookies kept, CSRF token
sent back like a browser's form does."""

from __future__ import annotations

import re
import time
from typing import Any

import requests

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)"')


class Browser:
    def __init__(self, base_url: str, *, timeout: float = 15) -> None:
        self.base_url, self.timeout = base_url.rstrip("/"), timeout
        self.session = requests.Session()
        #: Seconds the last request took.
        self.elapsed = 0.0

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self._send("GET", path, **kwargs)

    def post(self, path: str, data: dict[str, Any], **kwargs: Any) -> requests.Response:
        return self._send("POST", path, data=data, headers={"Referer": self.base_url + path}, **kwargs)

    def _send(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", self.timeout)
        kwargs.setdefault("allow_redirects", False)
        started = time.monotonic()
        try:
            response = self.session.request(method, self.base_url + path, **kwargs)
        finally:
            self.elapsed = time.monotonic() - started
        # Production marks the session and CSRF cookies Secure; this plain-http loopback client sends
        # them anyway, as a browser behind a TLS-terminating proxy would.
        for cookie in self.session.cookies:
            cookie.secure = False
        return response

    def submit(self, path: str, fields: dict[str, Any], **kwargs: Any) -> requests.Response:
        """GET the form page, then POST `fields` with the page's hidden fields (CSRF token included)."""
        page = self.get(path)
        page.raise_for_status()
        data = dict(HIDDEN.findall(page.text))
        data.update(fields)
        return self.post(path, data, **kwargs)

    def sign_in(self, email: str, password: str) -> None:
        response = self.submit("/en/account/login/", {"login": email, "password": password})
        if response.status_code != 302:
            raise AssertionError(f"sign-in answered {response.status_code}:\n{response.text[:2000]}")
