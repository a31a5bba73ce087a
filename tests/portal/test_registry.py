"""Domain apps plug their navigation and home sections into the platform through portal.registry."""

from __future__ import annotations

import pytest

from portal import registry
from portal.accounts.roles import Role


@pytest.fixture
def extra_entries():
    """A navigation entry and a home section of a pretend app, removed again after the test."""
    registry.register_nav("Only for NGOs", "core:privacy", roles={Role.NGO}, order=99)
    registry.register_home_section(
        "core/_test_section.html", roles={Role.NGO}, context=lambda request: {"shown": "ngo section"}
    )
    yield
    registry.unregister("core:privacy")
    registry.unregister("core/_test_section.html")


def test_entries_without_roles_are_for_everybody_and_role_entries_only_for_that_role():
    everyone = [e.url_name for e in registry.nav_entries_for(None)]
    by_role = {role: [e.url_name for e in registry.nav_entries_for(role)] for role in Role}
    # Entries for everybody come first for every role too, in the same order.
    assert everyone[:2] == ["covenants:list", "news:list"] and "companies:locations" in everyone
    for role, names in by_role.items():
        assert [n for n in names if n in everyone] == everyone, role
    # Role entries reach their roles only.
    assert (
        "covenants:manage" in by_role[Role.SECRETARIAT] and "companies:matches" in by_role[Role.SECRETARIAT]
    )
    assert "covenants:memberships" in by_role[Role.COMPANY] and "companies:uploads" in by_role[Role.COMPANY]
    for role in set(Role) - {Role.SECRETARIAT}:
        assert "covenants:manage" not in by_role[role] and "companies:matches" not in by_role[role], role
    for role in set(Role) - {Role.COMPANY}:
        assert "covenants:memberships" not in by_role[role] and "companies:uploads" not in by_role[role], role
    assert "companies:signal-inbox" in by_role[Role.SECRETARIAT]
    assert "companies:company-signals" in by_role[Role.COMPANY]
    assert "companies:my-signals" in by_role[Role.NGO] and "companies:my-signals" in by_role[Role.TRADE_UNION]
    assert not {"covenants:manage", "covenants:memberships", "companies:uploads"} & set(everyone)


def test_home_sections_are_shown_to_their_roles_only():
    company = [s.template for s in registry.home_sections_for(Role.COMPANY)]
    secretariat = [s.template for s in registry.home_sections_for(Role.SECRETARIAT)]
    assert company[0] == "covenants/_home_company.html" and "companies/_home_uploads.html" in company
    assert secretariat[0] == "covenants/_home_secretariat.html"
    # Only the platform's recent notifications are on every role's page.
    assert set(company) & set(secretariat) == {"notifications/_home_recent.html"}
    assert [s.template for s in registry.home_sections_for(Role.GOVERNMENT)] == [
        "notifications/_home_recent.html"
    ]
    assert registry.home_sections_for(None) == []


def test_registering_again_replaces_instead_of_doubling():
    before = registry.nav_entries_for(None)
    registry.register_nav("Covenants", "covenants:list", order=10)
    assert [e.url_name for e in registry.nav_entries_for(None)] == [e.url_name for e in before]


def test_a_section_needs_a_role():
    with pytest.raises(ValueError, match="at least one role"):
        registry.register_home_section("x.html", roles=[])


def test_a_registered_nav_entry_shows_in_the_menu_of_its_role_only(
    client_for, ngo_user, company_user, extra_entries, settings, tmp_path
):
    # Assign a new list (not a change in place), so Django rebuilds its template engines.
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "_test_section.html").write_text("<p id='pretend'>{{ shown }}</p>")
    ngo_home = client_for(ngo_user).get("/en/dashboard/home/ngo/").content.decode()
    company_home = client_for(company_user).get("/en/dashboard/home/company/").content.decode()
    assert "Only for NGOs" in ngo_home and "<p id='pretend'>ngo section</p>" in ngo_home
    assert "Only for NGOs" not in company_home and "ngo section" not in company_home
    # The company sees its own section, the NGO does not.
    assert "Apply to join a covenant" in company_home and "Apply to join a covenant" not in ngo_home


def test_main_navigation_marks_the_current_page(client, db):
    body = client.get("/en/covenants/").content.decode()
    assert 'href="/en/covenants/" aria-current="page">Covenants</a>' in body
