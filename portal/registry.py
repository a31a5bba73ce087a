"""Where domain apps plug into the platform: main navigation entries and sections of the home page.

The platform never imports a domain app (architecture.md). Instead each app registers what it adds
from its `AppConfig.ready()`, and the platform's templates render whatever is registered:

    register_nav(_("Covenants"), "covenants:list", order=10)
    register_home_section("covenants/_role_section.html", roles={Role.COMPANY}, context=...)

Registration happens once at start-up, so rendering costs no database query of its own; a section's
`context` callable may query, and then must do so in a fixed number of queries.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from portal.accounts.roles import Role

#: A section's extra template context, computed for the request that renders the home page.
SectionContext = Callable[[HttpRequest], Mapping[str, Any]]


@dataclass(frozen=True)
class NavEntry:
    """A link in the main navigation. `roles` None: shown to everybody, also to visitors."""

    label: Any
    url_name: str
    roles: frozenset[Role] | None = None
    order: int = 100

    def visible_to(self, role: Role | None) -> bool:
        return self.roles is None or (role is not None and role in self.roles)


@dataclass(frozen=True)
class HomeSection:
    """A section of a signed-in user's home page, rendered from `template` for the given roles."""

    template: str
    roles: frozenset[Role]
    order: int = 100
    context: SectionContext | None = field(default=None, compare=False)

    def visible_to(self, role: Role | None) -> bool:
        return role is not None and role in self.roles


_nav: dict[str, NavEntry] = {}
_home_sections: dict[str, HomeSection] = {}


def _roles(roles: Iterable[Role | str] | None) -> frozenset[Role] | None:
    return None if roles is None else frozenset(Role(role) for role in roles)


def register_nav(
    label: Any, url_name: str, *, roles: Iterable[Role | str] | None = None, order: int = 100
) -> NavEntry:
    """Add a main navigation link; registering the same URL name again replaces the entry."""
    entry = NavEntry(label=label, url_name=url_name, roles=_roles(roles), order=order)
    _nav[url_name] = entry
    return entry


def register_home_section(
    template: str,
    *,
    roles: Iterable[Role | str],
    order: int = 100,
    context: SectionContext | None = None,
) -> HomeSection:
    """Add a home page section; registering the same template again replaces the section."""
    chosen = _roles(roles)
    if not chosen:
        raise ValueError("A home page section needs at least one role.")
    section = HomeSection(template=template, roles=chosen, order=order, context=context)
    _home_sections[template] = section
    return section


def unregister(url_name_or_template: str) -> None:
    """Remove a navigation entry or home section (tests use this to clean up)."""
    _nav.pop(url_name_or_template, None)
    _home_sections.pop(url_name_or_template, None)


def nav_entries_for(role: Role | None) -> list[NavEntry]:
    """The navigation links this role sees, in their order."""
    return sorted(
        (entry for entry in _nav.values() if entry.visible_to(role)), key=lambda e: (e.order, e.url_name)
    )


def home_sections_for(role: Role | None) -> list[HomeSection]:
    """The home page sections this role sees, in their order."""
    return sorted(
        (section for section in _home_sections.values() if section.visible_to(role)),
        key=lambda s: (s.order, s.template),
    )


@dataclass(frozen=True)
class FrontDoorQuestion:
    """A newcomer's question on the home page, answered by an app: a short answer and where to go."""

    question: Any
    answer: Any
    url_name: str
    link_label: Any
    order: int = 100


_questions: dict[str, FrontDoorQuestion] = {}


def register_question(
    question: Any, answer: Any, url_name: str, link_label: Any, *, order: int = 100
) -> FrontDoorQuestion:
    """Answer a newcomer's question on the home page; registering the same URL name again replaces it."""
    entry = FrontDoorQuestion(
        question=question, answer=answer, url_name=url_name, link_label=link_label, order=order
    )
    _questions[url_name] = entry
    return entry


def front_door_questions() -> list[FrontDoorQuestion]:
    return sorted(_questions.values(), key=lambda q: (q.order, q.url_name))
