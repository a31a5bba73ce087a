"""Demo accounts for every stakeholder role (fictional organisations)."""

from __future__ import annotations

from typing import Any

from portal.accounts.models import Organisation, User
from portal.accounts.roles import Role
from portal.accounts.services import user_create, user_sync_role_group

DEMO_ACCOUNTS: list[tuple[str, Role, str, str, str, str]] = [
    # e-mail, role, organisation, KvK, first name, last name
    ("secretariat@demo.example", Role.SECRETARIAT, "SER IMVO-secretariaat (demo)", "", "Sanne", "de Vries"),
    (
        "committee@demo.example",
        Role.COMMITTEE,
        "Klachten- en Geschillencommissie (demo)",
        "",
        "Pieter",
        "Jansen",
    ),
    ("company@demo.example", Role.COMPANY, "Demo Textiles B.V.", "90000001", "Fatima", "El Amrani"),
    ("company2@demo.example", Role.COMPANY, "Voorbeeld Mode B.V.", "90000002", "Joris", "Bakker"),
    ("ngo@demo.example", Role.NGO, "Stichting Eerlijke Keten (demo)", "90000003", "Lotte", "Visser"),
    (
        "union@demo.example",
        Role.TRADE_UNION,
        "Bond voor Textielwerkers (demo)",
        "90000004",
        "Mehmet",
        "Yilmaz",
    ),
    (
        "government@demo.example",
        Role.GOVERNMENT,
        "Ministerie van Buitenlandse Zaken (demo)",
        "",
        "Eva",
        "Smit",
    ),
]


def seed(*, password: str, log: Any) -> None:
    for email, role, org_name, kvk, first, last in DEMO_ACCOUNTS:
        organisation, _ = Organisation.objects.update_or_create(
            name=org_name,
            defaults={"kind": role, "kvk_number": kvk, "status": Organisation.Status.APPROVED},
        )
        user = User.objects.filter(email=email).first()
        if user is None:
            user_create(
                email=email,
                password=password,
                organisation=organisation,
                first_name=first,
                last_name=last,
                verified=True,
            )
            log(f"  created {email} ({role.label})")
        else:
            user.set_password(password)
            user.organisation = organisation
            user.save(update_fields=["password", "organisation"])
            user_sync_role_group(user=user)
            log(f"  updated {email}")
