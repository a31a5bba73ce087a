import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_public_home_page_explains_the_portal_in_dutch(client):
    response = client.get("/nl/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="nl" dir="ltr">' in body and "Wie het portaal gebruikt" in body


@pytest.mark.django_db
def test_company_user_lands_on_company_home(client_for, company_user):
    response = client_for(company_user).get(reverse("accounts:home"), follow=True)
    assert response.redirect_chain[-1][0].endswith("/home/company/")
