"""Scale data for accounts: the companies, a few dozen NGOs and trade unions, and the users
(`manage.py seed_scale`; see portal/core/scale_data.py)."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from portal.core.bulk_insert import insert_rows
from portal.core.scale_data import SCALE_DOMAIN, SCALE_PREFIX, Log, ScalePlan, skewed_counts

from .models import Organisation, User
from .roles import Role

TRADES = [
    "Mode",
    "Textiel",
    "Fashion",
    "Retail",
    "Outdoor",
    "Schoenen",
    "Food",
    "Metaal",
    "Natuursteen",
    "Goud",
]


def company_name(n: int) -> str:
    return f"{SCALE_PREFIX}{TRADES[n % len(TRADES)]} {n:04d} B.V."


def seed(plan: ScalePlan, *, log: Log) -> str:
    if Organisation.objects.filter(name__startswith=SCALE_PREFIX).exists():
        return "already there"
    rng = plan.rng("accounts")
    approved = Organisation.Status.APPROVED
    ngos = max(3, plan.companies // 40)
    unions = max(2, plan.companies // 100)
    rows = [(company_name(n), Role.COMPANY, approved) for n in range(plan.companies)]
    rows += [(f"{SCALE_PREFIX}Stichting Keten {n:03d}", Role.NGO, approved) for n in range(ngos)]
    rows += [(f"{SCALE_PREFIX}Bond {n:03d}", Role.TRADE_UNION, approved) for n in range(unions)]
    org_ids = insert_rows(Organisation, ["name", "kind", "status"], rows)
    # Every organisation has a contact; the rest of the users go mostly to the large companies.
    users = max(plan.users, len(org_ids))
    per_org = skewed_counts(users, len(org_ids), rng, least=1)
    password = make_password(None)  # unusable: scale users sign in through the benchmark's sessions
    languages = ["nl"] * 7 + ["en"] * 3
    user_rows = []
    number = 0
    for org_id, count in zip(org_ids, per_org, strict=True):
        for _ in range(count):
            user_rows.append(
                (
                    f"user{number:05d}@{SCALE_DOMAIN}",
                    org_id,
                    password,
                    rng.choice(languages),
                    "Scale",
                    f"{number:05d}",
                )
            )
            number += 1
    insert_rows(
        User,
        ["email", "organisation_id", "password", "preferred_language", "first_name", "last_name"],
        user_rows,
    )
    return f"{plan.companies} companies, {ngos} NGOs, {unions} unions, {len(user_rows)} users"
