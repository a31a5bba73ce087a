"""Pages at public-sector level: one date format, the cycle year checked, the secretariat's contact."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from covenants import services
from covenants.forms import CycleForm
from covenants.models import AnnualCycle, Covenant
from tests.covenants.factories import AnnualCycleFactory, MembershipFactory

from .helpers import url

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


# --- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "month"), [("nl", "juli"), ("en", "July")])
def test_covenant_pages_show_dates_with_the_full_month_name(client, covenant, lang, month):
    Covenant.objects.filter(pk=covenant.pk).update(starts_on=date(2016, 7, 4))
    MembershipFactory(covenant=covenant, active=True, joined_on=date(2016, 7, 4))
    for page in (f"/{lang}/covenants/", f"/{lang}/covenants/{covenant.slug}/"):
        body = client.get(page).content.decode()
        # The list's table and the page's facts and member table all say it the same way.
        assert f"4 {month} 2016" in body, page
        assert "4 Jul 2016" not in body and "July 4, 2016" not in body, page


def test_secretariat_tables_use_the_same_date_format_as_the_facts(client_for, secretariat_user, covenant):
    AnnualCycleFactory(covenant=covenant, year=2026)
    body = client_for(secretariat_user).get("/nl/covenants/cycles/").content.decode()
    assert "31 maart 2026" in body and "30 juni 2026" in body


def test_templates_use_the_shared_date_formats_only():
    """A literal format such as "j M Y" would bring back "4 Jul 2016" next to "4 juli 2016"."""
    # "c" (ISO 8601) is for the machine-read datetime attribute of <time>, never shown to people.
    allowed = {"DATE_FORMAT", "DATETIME_FORMAT", "SHORT_DATE_FORMAT", "Y-m-d", "c"}
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", path.read_text()):
            if fmt not in allowed:
                offenders.append(f"{path.relative_to(TEMPLATES)}: {fmt}")
    assert offenders == []


# --- cycle year ------------------------------------------------------------------------------------


def _cycle_data(covenant: Covenant, year: int) -> dict[str, object]:
    return {"covenant": covenant.pk, **CycleForm.suggested_initial(year)}


@pytest.mark.parametrize("year", [1999, 2101])
def test_cycle_form_refuses_a_year_outside_2000_to_2100_at_the_field(
    client_for, secretariat_user, covenant, year
):
    response = client_for(secretariat_user).post(url("cycle-create"), _cycle_data(covenant, year))
    assert response.status_code == 200
    assert response.context["form"].errors["year"] == ["Enter a year from 2000 to 2100."]
    assert not AnnualCycle.objects.exists()


def test_cycle_year_is_checked_by_the_model_too(secretariat_user, covenant):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        services.cycle_create(
            actor=secretariat_user,
            covenant_id=covenant.pk,
            **CycleForm.suggested_initial(1999),
        )
    assert "year" in excinfo.value.message_dict


def test_cycle_year_2000_is_accepted(client_for, secretariat_user, covenant):
    response = client_for(secretariat_user).post(url("cycle-create"), _cycle_data(covenant, 2000))
    assert response.status_code == 302 and AnnualCycle.objects.get().year == 2000


# --- secretariat contact ---------------------------------------------------------------------------


def test_covenant_page_shows_the_secretariats_contact_details(client, covenant):
    Covenant.objects.filter(pk=covenant.pk).update(
        contact_email="imvo@ser.example",
        contact_phone="+31 70 349 9499",
        contact_address="Postbus 90405\n2509 LK Den Haag",
    )
    body = client.get(f"/en/covenants/{covenant.slug}/").content.decode()
    assert 'href="mailto:imvo@ser.example"' in body
    assert 'href="tel:+31703499499"' in body and "+31 70 349 9499" in body
    assert "Postbus 90405<br>2509 LK Den Haag" in body


def test_covenant_page_says_when_no_contact_details_are_published(client, covenant):
    body = client.get(f"/en/covenants/{covenant.slug}/").content.decode()
    assert "has not published its contact details" in body and "mailto:" not in body


def test_secretariat_edits_the_contact_details_in_the_covenant_form(client_for, secretariat_user, covenant):
    client = client_for(secretariat_user)
    form = client.get(url("edit", covenant.slug)).context["form"]
    data = {
        name: value
        for name, value in ((f.html_name, f.value()) for f in form)
        if value is not None and name != "themes"
    }
    data.update(contact_email="contact@covenant.example", contact_phone="070 123 4567", contact_address="")
    response = client.post(url("edit", covenant.slug), data)
    assert response.status_code == 302, response.context["form"].errors
    covenant.refresh_from_db()
    assert covenant.contact_email == "contact@covenant.example" and covenant.contact_phone == "070 123 4567"
    bad = client.post(url("edit", covenant.slug), {**data, "contact_email": "not an address"})
    assert bad.status_code == 200 and "contact_email" in bad.context["form"].errors


# --- bilingual demo data ---------------------------------------------------------------------------


def test_demo_covenant_page_speaks_the_pages_language(client_for):
    import io

    from django.core.management import call_command

    from portal.accounts.models import User

    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())  # still idempotent with the English texts
    client = client_for(User.objects.get(email="secretariat@demo.example"))
    dutch = client.get("/nl/covenants/garments-textile/").content.decode()
    english = client.get("/en/covenants/garments-textile/").content.decode()

    # Covenant content, meeting agendas and decisions: Dutch on the Dutch page, English on the English one.
    for nl, en in [
        (
            "Convenant Duurzame Kleding en Textiel (demo)",
            "Dutch Agreement on Sustainable Garments and Textile",
        ),
        ("Voortgang van de jaarplannen", "Progress of the annual plans"),
        ("De begroting is vastgesteld.", "The budget is adopted."),
    ]:
        assert nl in dutch and en not in dutch, nl
        assert en in english and nl not in english, en
    # The secretariat's contact details are on both.
    assert (
        "mailto:imvo-secretariaat@demo.example" in dutch
        and "mailto:imvo-secretariaat@demo.example" in english
    )
