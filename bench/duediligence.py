"""The due-diligence pages with a 100-question framework and a 200-risk register: median time and SQL
queries per page through Django's test client, against the static accessibility page measured in the
same run (the reference) and the ratio. Measures and reports; asserts nothing.

    DJANGO_SETTINGS_MODULE=portal.settings.test .venv/bin/python bench/duediligence.py [--repeat 30]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402


def framework_data(questions: int) -> dict:
    kinds = ["yes_partly_no", "yes_partly_no", "choice", "text", "number"]
    choices = [{"code": "no", "label_nl": "Nee", "label_en": "No", "points": 0},
               {"code": "yes", "label_nl": "Ja", "label_en": "Yes", "points": 100}]  # fmt: skip
    sections = []
    for step in range(1, 7):
        per_step = questions // 6 + (1 if step <= questions % 6 else 0)
        sections.append({
            "step": step, "code": f"{step}.1", "title_nl": f"Stap {step}", "title_en": f"Step {step}", "weight": 10,
            "questions": [{"code": f"{step}.1.{n}", "answer_type": kinds[n % 5], "weight": 0 if kinds[n % 5] in ("text", "number") else 2,
                           "required": True, "text_nl": f"Vraag {step}.{n}", "text_en": f"Question {step}.{n} about the policy",
                           "help_nl": "", "help_en": "", "min_value": 0, "max_value": 100, "choices": choices}
                          for n in range(per_step)],
        })  # fmt: skip
    return {"title_nl": "Bench", "title_en": "Bench", "sections": sections}


def seed(questions: int, risks: int):
    from covenants.models import AnnualCycle
    from duediligence import services
    from duediligence.models import Question
    from portal.accounts.roles import Role
    from tests.covenants.factories import AnnualCycleFactory, MembershipFactory, standard_theme
    from tests.factories import user_with_role

    secretariat = user_with_role(Role.SECRETARIAT)
    company = user_with_role(Role.COMPANY)
    membership = MembershipFactory(company=company.organisation, active=True)
    cycle = AnnualCycleFactory(covenant=membership.covenant, status=AnnualCycle.Status.OPEN)
    framework = services.framework_create_from_data(
        actor=secretariat, covenant=cycle.covenant, data=framework_data(questions)
    )
    framework = services.framework_publish(actor=secretariat, framework_id=framework.pk)
    services.cycle_framework_set(actor=secretariat, cycle=cycle, framework=framework)
    assessment = services.assessment_start(actor=company, cycle=cycle)
    for n, question in enumerate(Question.objects.filter(section__framework=framework)):
        if n % 3:
            choice = "yes" if question.answer_type in ("yes_partly_no", "choice") else ""
            services.answer_save(actor=company, assessment_id=assessment.pk, question_id=question.pk, version=None,
                                 choice=choice, text="Explained.")  # fmt: skip
    themes = [
        standard_theme(code) for code in ("child-labour", "living-wage", "health-safety", "environment")
    ]
    today = date.today()
    for n in range(risks):
        risk = services.risk_create(actor=company, theme=themes[n % 4], title=f"Risk {n}", countries=["BD", "IN"][: 1 + n % 2],
                                    involvement=["caused", "contributed", "linked"][n % 3], scale=1 + n % 4, scope=1 + (n // 4) % 4,
                                    irremediable=1 + (n // 16) % 4, likelihood=1 + (n // 64) % 4)  # fmt: skip
        services.action_create(
            actor=company,
            risk_id=risk.pk,
            title=f"Action {n}",
            owner="CSR",
            due_on=today + timedelta(days=n - 50),
        )
    return company, secretariat, assessment


def measure(client: Client, url: str, repeat: int) -> tuple[float, int]:
    client.get(url)
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(timings), len(queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--risks", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        company, secretariat, assessment = seed(args.questions, args.risks)
        as_company, as_secretariat = Client(), Client()
        as_company.force_login(company)
        as_secretariat.force_login(secretariat)
        pk = assessment.pk
        pages = [
            ("reference: /en/accessibility/ (static)", as_company, "/en/accessibility/"),
            ("assessment overview", as_company, f"/en/due-diligence/assessments/{pk}/"),
            (
                f"assessment step 1 (~{args.questions // 6} questions)",
                as_company,
                f"/en/due-diligence/assessments/{pk}/steps/1/",
            ),
            (f"risk register ({args.risks} risks, page 1)", as_company, "/en/due-diligence/risks/"),
            (f"action plan ({args.risks} actions, page 1)", as_company, "/en/due-diligence/actions/"),
            ("secretariat: assessments", as_secretariat, "/en/due-diligence/"),
        ]
        results = [(label, *measure(client, url, args.repeat)) for label, client, url in pages]
        reference = results[0][1]
        print(f"{'page':<44} {'median ms':>10} {'ratio':>7} {'queries':>8}")
        for label, median, queries in results:
            print(f"{label:<44} {median:>10.1f} {median / reference:>7.1f} {queries:>8}")
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
