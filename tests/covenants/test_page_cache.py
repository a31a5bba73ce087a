"""The cached parts of the public covenant pages: served from the cache, and never stale after a write."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.cache import cache
from django.core.management.sql import emit_post_migrate_signal
from django.template import engines
from django.template.defaultfilters import date as date_filter
from django.template.loaders.cached import Loader as CachedLoader
from django.urls import reverse
from django.utils import translation
from guardian.shortcuts import assign_perm

from covenants import fragments, services
from covenants.models import Covenant
from covenants.templatetags.covenant_dates import list_date
from portal.accounts.roles import Role

from .factories import (
    CovenantFactory,
    MembershipFactory,
    PartyFactory,
    SteeringGroupMemberFactory,
    company,
    declaration,
    standard_theme,
)
from .helpers import url

pytestmark = pytest.mark.django_db


def _main(response) -> str:
    """The page's main content (the rest holds a fresh CSRF token on every response)."""
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]


def test_public_pages_come_from_the_cache_the_second_time(client, covenant, django_assert_num_queries):
    MembershipFactory.create_batch(3, covenant=covenant, active=True)
    first_list, first_page = _main(client.get(url("list"))), _main(client.get(url("detail", covenant.slug)))

    with django_assert_num_queries(0):
        again_list = _main(client.get(url("list")))
        again_page = _main(client.get(url("detail", covenant.slug)))

    assert again_list == first_list and again_page == first_page
    assert "3 member companies, by name" in again_page


def test_signed_in_users_get_the_public_sections_from_the_cache(
    client_for, ngo_user, covenant, django_assert_max_num_queries
):
    client = client_for(ngo_user)
    client.get(url("detail", covenant.slug))
    # Session, user, organisation, unread count, the covenant (with what it shows about the user).
    with django_assert_max_num_queries(5):
        response = client.get(url("detail", covenant.slug))
    assert "Complaint route" in response.content.decode()


def test_a_new_member_shows_on_the_cached_covenant_page(client, covenant, company_user, secretariat_user):
    assert company_user.organisation.name not in client.get(url("detail", covenant.slug)).content.decode()
    listing = client.get(url("list")).content.decode()

    application = services.membership_apply(actor=company_user, covenant_id=covenant.pk, **declaration())
    services.membership_approve(
        actor=secretariat_user, membership_id=application.pk, joined_on=date(2025, 2, 1)
    )

    page = client.get(url("detail", covenant.slug)).content.decode()
    assert company_user.organisation.name in page and "1 member company, by name" in page
    assert client.get(url("list")).content.decode() != listing  # the member count changed


def test_an_edited_covenant_shows_at_once_on_both_pages(client, covenant, secretariat_user):
    client.get(url("list"))
    client.get(url("detail", covenant.slug))

    services.covenant_update(
        actor=secretariat_user,
        covenant_id=covenant.pk,
        name_en="Renamed covenant",
        description_en="New purpose.",
    )

    assert "Renamed covenant" in client.get(url("list")).content.decode()
    page = client.get(url("detail", covenant.slug)).content.decode()
    assert "Renamed covenant" in page and "New purpose." in page


def test_a_changed_theme_selection_shows_at_once(client, covenant):
    client.get(url("detail", covenant.slug))
    covenant.themes.add(standard_theme("corruption"))
    assert "Corruption" in client.get(url("detail", covenant.slug)).content.decode()
    assert "Corruption" in client.get(url("list")).content.decode()


def test_a_renamed_company_and_a_new_party_show_at_once(client, covenant):
    member = MembershipFactory(covenant=covenant, active=True)
    client.get(url("detail", covenant.slug))

    member.company.name = "Renamed Textiles B.V."
    member.company.save()
    party = PartyFactory(covenant=covenant)

    page = client.get(url("detail", covenant.slug)).content.decode()
    assert "Renamed Textiles B.V." in page and party.organisation.name in page


def test_an_ended_covenant_changes_its_cached_page(client, covenant, secretariat_user):
    MembershipFactory(covenant=covenant, active=True)
    assert "Members when the covenant ended" not in client.get(url("detail", covenant.slug)).content.decode()
    services.covenant_transition(actor=secretariat_user, covenant_id=covenant.pk, to=Covenant.Status.ENDED)
    assert "Members when the covenant ended" in client.get(url("detail", covenant.slug)).content.decode()


def test_each_language_has_its_own_fragments(client, covenant):
    assert covenant.name_en in client.get(url("detail", covenant.slug)).content.decode()
    with translation.override("nl"):
        dutch_page, dutch_list = reverse("covenants:detail", args=[covenant.slug]), reverse("covenants:list")
    assert covenant.name_nl in client.get(dutch_page).content.decode()
    assert covenant.name_nl in client.get(dutch_list).content.decode()


def test_a_cached_list_never_shows_a_party_covenant_to_others(client, client_for, make_user):
    party_org_user = make_user(Role.NGO)
    hidden = CovenantFactory(status=Covenant.Status.NEGOTIATION, name_en="Covenant in negotiation")
    PartyFactory(covenant=hidden, organisation=party_org_user.organisation)
    other = client_for(make_user(Role.NGO))

    assert "Covenant in negotiation" in client_for(party_org_user).get(url("list")).content.decode()
    assert "Covenant in negotiation" not in client.get(url("list")).content.decode()
    assert "Covenant in negotiation" not in other.get(url("list")).content.decode()
    assert client_for(party_org_user).get(url("detail", hidden.slug)).status_code == 200
    assert client.get(url("detail", hidden.slug)).status_code == 404


def test_a_covenant_page_seen_by_the_public_is_not_shown_once_hidden(client, covenant):
    assert client.get(url("detail", covenant.slug)).status_code == 200
    Covenant.objects.filter(pk=covenant.pk).update(status=Covenant.Status.NEGOTIATION)
    # A bulk update bypasses the model signals: such code has to retire the fragments itself.
    fragments.bump()
    assert client.get(url("detail", covenant.slug)).status_code == 404


def test_a_write_retires_the_fragments_again_after_its_commit(django_capture_on_commit_callbacks, client):
    client.get(url("list"))
    with django_capture_on_commit_callbacks() as callbacks:
        CovenantFactory()
    before = fragments.current_version()
    for callback in callbacks:
        callback()
    # A request between the first bump and the commit may have stored the old rows: retired too.
    assert fragments.current_version() > before


def test_members_page_numbers_that_are_not_numbers_give_the_first_page(client, covenant):
    MembershipFactory(covenant=covenant, active=True, company=company(name="Only Member B.V."))
    for query in ("?members_page=abc", "?members_page=-1", "?members_page=1"):
        assert "Only Member B.V." in client.get(url("detail", covenant.slug) + query).content.decode()
    assert covenant.name_en in client.get(url("list") + "?page=abc").content.decode()


def test_the_pages_work_when_the_cache_fails(client, covenant, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    for method in ("get", "get_many", "set", "add", "incr"):
        monkeypatch.setattr(cache, method, broken)
    assert "Complaint route" in client.get(url("detail", covenant.slug)).content.decode()
    assert covenant.name_en in client.get(url("list")).content.decode()
    MembershipFactory(covenant=covenant, active=True)  # a write while the cache is down still succeeds


def test_fragments_are_only_cached_in_a_cache_every_process_shares(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert fragments.enabled() is False
    settings.PORTAL_PAGE_CACHE = True
    assert fragments.enabled() is True


def test_a_deploy_retires_the_fragments(client):
    client.get(url("list"))
    before = fragments.current_version()
    emit_post_migrate_signal(0, False, "default")  # what `manage.py migrate` sends on every deploy
    assert fragments.current_version() > before


def test_a_changed_template_gives_new_keys(monkeypatch):
    key = fragments.fragment_key("list", "public", 1)
    fragments._templates_digest.cache_clear()
    monkeypatch.setattr(fragments, "TEMPLATES", ("covenants/_covenant_table.html",))
    try:
        assert fragments.fragment_key("list", "public", 1) != key
    finally:
        fragments._templates_digest.cache_clear()


def test_templates_are_parsed_once_per_process():
    # With DEBUG off (as in production) the cached template loader is used: no re-parsing per request.
    loaders = engines["django"].engine.template_loaders  # type: ignore[attr-defined]
    assert [type(loader).__name__ for loader in loaders] == ["Loader"] and isinstance(
        loaders[0], CachedLoader
    )


def test_a_new_steering_seat_or_grant_retires_the_fragments(covenant, ngo_user):
    # Who sees a covenant in negotiation may follow from a seat or a grant: the cached lists follow too.
    before = fragments.current_version()
    SteeringGroupMemberFactory(covenant=covenant, user=ngo_user)
    assert fragments.current_version() > before
    before = fragments.current_version()
    assign_perm("view_governance", ngo_user, covenant)
    assert fragments.current_version() > before


def test_list_dates_read_as_the_date_filter_in_each_language():
    day = date(2016, 3, 4)
    with translation.override("nl"):
        dutch = list_date(day, "j M Y")
        assert dutch == date_filter(day, "j M Y") and list_date(day, "j M Y") == dutch
    with translation.override("en"):
        assert list_date(day, "j M Y") == "4 Mar 2016" != dutch
