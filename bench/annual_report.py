"""The annual report in a worker against WeasyPrint alone, on the same finished HTML.

Uses the database of `dashboards.py` (1,000 members, 100,000 locations, 10,000 complaints; run that
first, or pass `--setup`), adds `--rulings` published rulings so the report runs to about 50 pages,
then takes turns, each in a fresh process so memory is measured alone:

- the worker's whole job: `report_request` with the task run in the process (collect the figures,
  render the HTML, lay out and write the tagged PDF/A, store it, finish the job);
- WeasyPrint alone: the same HTML (saved by the first run) to the same kind of PDF.

Prints the seconds of each round, the median, the ratio worker / WeasyPrint, the pages and each
process's peak memory (maximum resident set size). It measures and reports; it asserts nothing.

    .venv/bin/python bench/annual_report.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import page_cpu as pc

ROOT = pc.ROOT


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def add_rulings(count: int) -> None:
    """Published rulings of closed bench cases, each about half a page of text."""
    from django.utils import timezone

    from complaints.models import Complaint, Publication, Ruling
    from covenants.models import Covenant
    from portal.accounts.models import User

    covenant = Covenant.objects.get(slug=pc.BENCH_COVENANT)
    have = Publication.objects.filter(
        complaint__covenant=covenant, published_at__year=timezone.now().year
    ).count()
    if have >= count:
        return
    author = User.objects.filter(organisation__kind="committee").first() or User.objects.first()
    text = " ".join(["The committee heard both parties and finds that the company did not act on the"
                     " union's signals about unpaid overtime at the mill in time."] * 8)  # fmt: skip
    cases = Complaint.objects.filter(covenant=covenant, status="closed", publication__isnull=True)[
        : count - have
    ]
    for case in cases:
        Ruling.objects.get_or_create(complaint=case, defaults={"outcome": "founded", "text_nl": text,
                                                               "text_en": text, "decided_by": author})  # fmt: skip
        Publication.objects.create(complaint=case, summary_nl=text, summary_en=text, published_by=author)


def _preload() -> None:
    """What a running worker has loaded already: WeasyPrint and the task (imported once per process)."""
    import weasyprint  # noqa: F401

    from portal.reports import tasks  # noqa: F401


def worker_run(html_out: str) -> dict[str, float]:
    from django.db import transaction

    from covenants.models import AnnualCycle, Covenant
    from portal.accounts.models import User
    from portal.accounts.roles import Role
    from portal.core.pdf import render_html
    from portal.reports import services
    from portal.reports.content import report_context
    from portal.reports.models import AnnualReport

    covenant = Covenant.objects.get(slug=pc.BENCH_COVENANT)
    year = (
        AnnualCycle.objects.filter(covenant=covenant).order_by("-year").values_list("year", flat=True).first()
    )
    actor = User.objects.filter(organisation__kind=Role.SECRETARIAT).first()
    _preload()
    started = time.perf_counter()
    with transaction.atomic():  # the task runs at the commit (tasks are eager here)
        report, _job = services.report_request(actor=actor, covenant=covenant, year=year, language="en")
    seconds = time.perf_counter() - started
    report = AnnualReport.objects.get(pk=report.pk)
    if html_out:  # the same HTML the task rendered, from the figures it stored
        Path(html_out).write_text(
            render_html(services.TEMPLATE, report_context(report.figures, report.version), language="en")
        )
    return {
        "seconds": seconds,
        "pages": report.pages or 0,
        "peak_mb": _peak_mb(),
        "status": report.status == "ready",
    }


def weasyprint_run(html_in: str) -> dict[str, float]:
    from portal.core.pdf import render_document

    html = Path(html_in).read_text()
    _preload()
    started = time.perf_counter()
    pdf = render_document(html, archival=True)
    return {"seconds": time.perf_counter() - started, "pages": pdf.pages, "peak_mb": _peak_mb()}


def child(args: argparse.Namespace) -> None:
    import django

    django.setup()
    if args.child == "rulings":
        add_rulings(args.rulings)
        result: dict[str, float] = {}
    elif args.child == "worker":
        result = worker_run(args.html)
    else:
        result = weasyprint_run(args.html)
    print(json.dumps(result))


def run_child(env: dict[str, str], *extra: str) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, *extra], cwd=ROOT, env=env, check=True,
                         stdout=subprocess.PIPE, text=True).stdout  # fmt: skip
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="portal_bench_dashboards")
    parser.add_argument("--rulings", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", default="", help="also write the figures to this file (make bench)")
    parser.add_argument("--child", choices=["rulings", "worker", "weasyprint"], help=argparse.SUPPRESS)
    parser.add_argument("--html", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    args.redis_url = ""
    env = pc.server_environment(args)
    env["PORTAL_LOG_LEVEL"] = "ERROR"
    run_child(env, "--child", "rulings", f"--rulings={args.rulings}")
    html = str(Path(tempfile.mkdtemp(prefix="report-bench-")) / "report.html")
    first = run_child(env, "--child", "worker", "--html", html)  # also warms the disk caches
    print(f"report: {int(first['pages'])} pages; {args.rounds} rounds, each run in a fresh process")
    worker, alone = [], []
    for round_ in range(args.rounds):
        w = run_child(env, "--child", "worker")
        a = run_child(env, "--child", "weasyprint", "--html", html)
        worker.append(w)
        alone.append(a)
        print(f"round {round_ + 1}: worker {w['seconds']:.2f} s ({w['peak_mb']:.0f} MB), "
              f"WeasyPrint alone {a['seconds']:.2f} s ({a['peak_mb']:.0f} MB)")  # fmt: skip
    w_median = statistics.median(r["seconds"] for r in worker)
    a_median = statistics.median(r["seconds"] for r in alone)
    print(
        f"median: worker {w_median:.2f} s, WeasyPrint alone {a_median:.2f} s, ratio {w_median / a_median:.2f}"
    )
    print(f"peak memory: worker {max(r['peak_mb'] for r in worker):.0f} MB, "
          f"WeasyPrint alone {max(r['peak_mb'] for r in alone):.0f} MB")  # fmt: skip
    if args.json:
        figures = {"pages": int(first["pages"]), "worker_s": w_median, "weasyprint_s": a_median,
                   "ratio": w_median / a_median, "worker_mb": max(r["peak_mb"] for r in worker)}  # fmt: skip
        Path(args.json).write_text(json.dumps(figures))


if __name__ == "__main__":
    main()
