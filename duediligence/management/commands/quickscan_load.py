"""Load `duediligence/quickscan/dataset.json` into the database when the database holds an older version."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from duediligence.quickscan.loading import current_version, load_dataset


class Command(BaseCommand):
    help = "Load the quick scan dataset from the repository (only when it is newer than the database's)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace the database copy even when it is newer (the secretariat's changes are lost).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            loaded = load_dataset(force=options["force"])
        if loaded is None:
            self.stdout.write(f"The quick scan dataset is current (version {current_version()}).")
        else:
            self.stdout.write(self.style.SUCCESS(f"Loaded the quick scan dataset as version {loaded}."))
