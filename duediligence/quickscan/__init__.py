"""The due-diligence quick scan: a visitor chooses a sector, sourcing countries and product categories
and gets the salient risk themes (with why and the source), first actions per OECD step and the covenant
of the sector. The dataset is `dataset.json` (see `data.py` for its fields); the secretariat maintains
its copy in the database (models `QuickScanIndication`, `QuickScanAction`, `QuickScanSource`)."""
