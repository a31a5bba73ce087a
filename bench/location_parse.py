"""Speed and memory of reading and validating an uploaded location list (companies.imports).

Generates a list of 100,000 rows with realistic mess (5% near-duplicates, 1% broken rows, country
names in English, Dutch and as codes, worker counts and bands, some coordinates, a few formula
cells) as CSV and as XLSX, then times ``parse_locations`` over each, in a fresh child process per
measurement so the peak memory of one does not hide the other. The reference is the plain floor:
``csv.reader`` over the same CSV file, and calamine's own ``to_python`` over the same XLSX file.

    .venv/bin/python bench/location_parse.py [--rows 100000] [--out var/bench/locations]

Prints rows/s, the ratio to the reference, the Python peak (tracemalloc, a second run) and the
process's peak resident memory (ru_maxrss, which also counts calamine's Rust-side memory).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = [
    "Name", "Address", "City", "Postal code", "Country", "Latitude", "Longitude", "Sector",
    "Processing type", "Number of workers", "Parent company", "Open Supply Hub ID", "Tier",
    "Product categories", "First year", "Last year", "Show publicly",
]  # fmt: skip
COUNTRIES = [
    ("Bangladesh", ["Dhaka", "Gazipur", "Chittagong", "Narayanganj"]),
    ("India", ["Tiruppur", "Bangalore", "Noida", "Ludhiana"]),
    ("Turkije", ["İzmir", "Istanbul", "Denizli", "Bursa"]),
    ("CN", ["Dongguan", "Ningbo", "Guangzhou", "Shaoxing"]),
    ("Vietnam", ["Ho Chi Minh City", "Hanoi", "Dong Nai"]),
    ("PAK", ["Lahore", "Faisalabad", "Karachi"]),
    ("Myanmar", ["Yangon", "Bago"]),
    ("Portugal", ["Porto", "Braga", "Guimarães"]),
]
WORDS = ["Sunrise", "Golden", "Delta", "Star", "Apex", "Royal", "Green", "Unity", "Pioneer", "Ocean", "Lotus"]
KINDS = ["Knitwear", "Garments", "Textile Mills", "Apparels", "Fashions", "Dyeing", "Spinning", "Denim"]
SUFFIXES = ["Ltd", "Ltd.", "Pvt Ltd", "Co., Ltd", "A.Ş.", "S.A.", "LLC", ""]
PROCESSING = [
    "Cut-make-trim",
    "Printing",
    "Verven",
    "Spinning",
    "Fabric mill",
    "Embroidery",
    "Washing",
    "CMT",
]
WORKERS = ["85", "250", "1.200", "3400", "more than 5000", "101-500", "1001-5000", "12,000"]


def generate(rows: int, seed: int = 7) -> list[list[str]]:
    rng = random.Random(seed)
    data: list[list[str]] = []
    for number in range(rows):
        roll = rng.random()
        if data and roll < 0.05:  # a near-duplicate of an earlier row: other case and punctuation
            row = list(rng.choice(data))
            row[0] = row[0].upper().replace(".", "").replace(",", "") + " "
            data.append(row)
            continue
        country, cities = rng.choice(COUNTRIES)
        name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {number} {rng.choice(SUFFIXES)}".strip()
        if rng.random() < 0.001:
            name = '=HYPERLINK("http://example.org","' + name + '")'
        has_point = rng.random() < 0.3
        first = rng.randint(2010, 2024)
        data.append(
            [
                name,
                f"Plot {rng.randint(1, 999)}, Road {rng.randint(1, 60)}, {rng.choice(['BSCIC', 'EPZ', 'OSB'])}",
                rng.choice(cities),
                str(rng.randint(1000, 99999)),
                country,
                f"{rng.uniform(-60, 60):.6f}" if has_point else "",
                f"{rng.uniform(-170, 170):.6f}" if has_point else "",
                rng.choice(["Garments", "Kleding en textiel", "Apparel", ""]),
                rng.choice(PROCESSING),
                rng.choice(WORKERS),
                rng.choice(["", "", "Group A", "Holding B"]),
                f"BD{rng.randint(2019000, 2024999)}{rng.randint(100000, 999999)}"
                if rng.random() < 0.2
                else "",
                rng.choice(["1", "1", "2", "3+"]),
                rng.choice(["Jeans", "Shirts; Jackets", "Knitwear|Sweaters", ""]),
                str(first),
                rng.choice(["", str(min(first + rng.randint(0, 5), 2025))]),
                rng.choice(["", "yes", "nee"]),
            ]
        )
    return data


def write_csv(path: Path, header: list[str], rows: list[list[str]], seed: int = 11) -> None:
    """Writes the rows; 1% become broken lines (a quote left open, or a cell missing)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            roll = rng.random()
            if roll < 0.005:
                handle.write(";".join([f'"{row[0]}', *row[1:]]) + "\r\n")
            elif roll < 0.01:
                writer.writerow(row[:-3])
            else:
                writer.writerow(row)


def write_xlsx(path: Path, header: list[str], rows: list[list[str]], seed: int = 11) -> None:
    """The same rows as XLSX; 1% lose their name or get tier 0, a spreadsheet's kind of broken row."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Locations")
    sheet.append(header)
    for row in rows:
        if rng.random() < 0.01:
            row = list(row)
            row[0 if rng.random() < 0.5 else 12] = "" if rng.random() < 0.5 else "0"
        # Formula-like text is written as text, never as a formula.
        sheet.append(["'" + cell if cell.startswith("=") else cell for cell in row])
    workbook.save(path)


def _measure(kind: str, path: str, trace: bool) -> dict[str, float]:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from companies.imports.rows import LocationRow, parse_locations

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    counts = {"valid": 0, "rejected": 0, "duplicate": 0}
    if kind == "reference-csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            counts["valid"] = sum(1 for _row in csv.reader(handle, delimiter=";"))
    elif kind == "reference-xlsx":
        import python_calamine

        workbook = python_calamine.CalamineWorkbook.from_path(path)
        counts["valid"] = len(workbook.get_sheet_by_index(0).to_python())
    else:
        with open(path, "rb") as handle:
            _table, _columns, rows = parse_locations(handle)
            for row in rows:
                if not isinstance(row, LocationRow):
                    counts["rejected"] += 1
                elif row.duplicate_of is not None:
                    counts["duplicate"] += 1
                else:
                    counts["valid"] += 1
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"seconds": seconds, "python_peak_mb": peak / 2**20, "maxrss_mb": maxrss_kb / 1024, **counts}


def _child(kind: str, path: Path, trace: bool = False) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, str(path)] + (["--trace"] if trace else [])
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--out", default=str(ROOT / "var" / "bench" / "locations"))
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_measure(args.child[0], args.child[1], args.trace)))
        return
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows = generate(args.rows)
    csv_path, xlsx_path = out / f"locations-{args.rows}.csv", out / f"locations-{args.rows}.xlsx"
    write_csv(csv_path, HEADER, rows)
    write_xlsx(xlsx_path, HEADER, rows)
    print(f"generated {args.rows:,} rows in {time.perf_counter() - started:.1f} s")
    for label, path in (("CSV", csv_path), ("XLSX", xlsx_path)):
        reference = _child(f"reference-{label.lower()}", path)
        ours = _child("parse", path)
        traced = _child("parse", path, trace=True)
        print(f"\n{label}: {path.name}, {path.stat().st_size / 2**20:.1f} MB")
        print(
            f"  parse + validate: {ours['seconds']:.2f} s, {args.rows / ours['seconds']:,.0f} rows/s "
            f"({ours['valid']:,.0f} valid, {ours['duplicate']:,.0f} duplicates, {ours['rejected']:,.0f} rejected)"
        )
        print(
            f"  reference ({'csv.reader' if label == 'CSV' else 'calamine to_python'}): {reference['seconds']:.2f} s"
        )
        print(f"  ratio to the reference: {ours['seconds'] / reference['seconds']:.1f}x")
        print(
            f"  peak memory: Python objects {traced['python_peak_mb']:.1f} MB (tracemalloc), process "
            f"{ours['maxrss_mb']:.0f} MB resident (reference process {reference['maxrss_mb']:.0f} MB)"
        )


if __name__ == "__main__":
    main()
