"""Render cost in-process: each page through the Django test client, timed and profiled with cProfile.

Uses the database prepared by `bench/page_cpu.py` (run that once first) with the same production
settings, and prints per page the median render time, the number of SQL queries, how many template
variables were resolved and translations looked up per request, and the functions that cost the most.
See bench/README.md. Nothing here is a test: it measures and reports.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_cpu import BENCH_COVENANT, server_environment

#: (module file suffix, function name) of the calls counted per request.
COUNTED = {
    "SQL queries": ("django/db/backends/utils.py", "_execute"),
    "variable resolutions": ("django/template/base.py", "_resolve_lookup"),
    "translation look-ups": ("django/utils/translation/trans_real.py", "gettext"),
    "template renders (incl. includes)": ("django/template/base.py", "_render"),
    "URL reversals": ("django/urls/base.py", "reverse"),
}


def count_calls(stats: pstats.Stats, suffix: str, name: str) -> int:
    return sum(
        calls
        for (filename, _line, function), (_cc, calls, *_rest) in stats.stats.items()  # type: ignore[attr-defined]
        if function == name and filename.endswith(suffix)
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default="portal_bench")
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""))
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--top", type=int, default=15, help="functions to list per page")
    parser.add_argument("--language", default="nl", choices=["nl", "en"])
    parser.add_argument("--page", action="append", help="profile only these paths (default: the three)")
    args = parser.parse_args()
    os.environ.update(server_environment(argparse.Namespace(**{**vars(args), "fresh": False})))

    import django

    django.setup()
    from django.test import Client

    lang = args.language
    pages = args.page or [
        f"/{lang}/accessibility/",
        f"/{lang}/covenants/",
        f"/{lang}/covenants/{BENCH_COVENANT}/",
    ]
    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'page':<40} {'median ms':>9}  per request")
    reports = []
    for path in pages:
        for _ in range(3):  # warm up: template cache, translations, connection
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        timings = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        profile = cProfile.Profile()
        for _ in range(args.repeat):
            profile.runcall(client.get, path)
        stats = pstats.Stats(profile)
        counts = ", ".join(
            f"{count_calls(stats, suffix, name) / args.repeat:.0f} {label}"
            for label, (suffix, name) in COUNTED.items()
        )
        print(f"{path:<40} {statistics.median(timings):9.2f}  {counts}")
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("tottime").print_stats(args.top)
        reports.append((path, out.getvalue()))
    for path, text in reports:
        print(f"\n=== {path}: top {args.top} functions by own time ({args.repeat} requests) ===")
        print(text[text.find("   ncalls") :])


if __name__ == "__main__":
    main()
