"""Scale data for covenants: the scale companies' memberships (`manage.py seed_scale`; see
portal/core/scale_data.py). Most companies are in the garment covenant, as in the real landscape; some are
in two covenants; a few applied, were suspended or left."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from portal.accounts.models import Organisation
from portal.accounts.roles import Role
from portal.core.bulk_insert import insert_rows
from portal.core.scale_data import SCALE_DOMAIN, SCALE_PREFIX, Log, ScalePlan, distinct, weighted

from .models import Covenant, Membership

#: Share of the companies per covenant (by slug); covenants not named here share what is left.
SHARES = {
    "garments-textile": 0.55,
    "food-products": 0.15,
    "metals": 0.10,
    "natural-stone": 0.08,
    "banking": 0.07,
    "gold": 0.05,
}
STATUSES = [("active", 0.9), ("applied", 0.04), ("suspended", 0.01), ("ended", 0.05)]
TURNOVER = [
    (band, weight) for band, weight in zip(Membership.TurnoverBand.values, [30, 30, 22, 12, 6], strict=True)
]
COUNTRIES = [("CN", 25), ("BD", 18), ("IN", 14), ("TR", 12), ("VN", 8), ("PK", 6), ("KH", 4), ("MM", 3),
             ("PT", 3), ("ET", 2), ("BR", 2), ("ID", 3)]  # fmt: skip


def seed(plan: ScalePlan, *, log: Log) -> str:
    if Membership.objects.filter(contact_email__endswith=f"@{SCALE_DOMAIN}").exists():
        return "already there"
    covenants = list(Covenant.objects.filter(status=Covenant.Status.ACTIVE).order_by("pk"))
    if not covenants:
        return "no active covenant (run seed_demo first)"
    rng = plan.rng("covenants")
    rest = max(0.0, 1 - sum(SHARES.get(c.slug, 0) for c in covenants)) / max(1, len(covenants))
    table = [(c, SHARES.get(c.slug, rest) or 0.01) for c in covenants]
    companies = Organisation.objects.filter(kind=Role.COMPANY, name__startswith=SCALE_PREFIX).order_by("pk")
    today = timezone.localdate()
    now = timezone.now()
    rows = []
    for n, company_id in enumerate(companies.values_list("pk", flat=True)):
        for covenant in distinct(rng, table, 2 if rng.random() < 0.08 else 1):
            (status,) = weighted(rng, STATUSES)
            start = max(covenant.starts_on, date(2017, 1, 1))
            joined = start + timedelta(days=rng.randrange(max(1, (today - start).days)))
            ended = (
                joined + timedelta(days=rng.randrange(max(1, (today - joined).days)))
                if status == "ended"
                else None
            )
            rows.append(
                (covenant.pk, company_id, status, "Scale contact", f"member{n:04d}@{SCALE_DOMAIN}",
                 rng.choice([8, 25, 60, 120, 450, 1200, 4000]), weighted(rng, TURNOVER)[0],
                 ",".join(sorted(distinct(rng, COUNTRIES, rng.randint(1, 5)))), True,
                 None if status == "applied" else joined, ended, "left" if ended else "",
                 now - timedelta(days=(today - joined).days + 30))
            )  # fmt: skip
    insert_rows(
        Membership,
        ["covenant_id", "company_id", "status", "contact_name", "contact_email", "employees", "turnover_band",
         "sourcing_countries", "declaration_accepted", "joined_on", "ended_on", "end_reason", "applied_at"],
        rows,
    )  # fmt: skip
    return f"{len(rows)} memberships"
