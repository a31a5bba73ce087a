"""Choices of the production locations and supply links (labels translated, so they are bilingual)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProcessingType(models.TextChoices):
    CUT_MAKE_TRIM = "cut_make_trim", _("Cut-make-trim")
    PRINTING = "printing", _("Printing")
    EMBROIDERY = "embroidery", _("Embroidery")
    DYEING = "dyeing", _("Dyeing")
    WASHING = "washing", _("Washing")
    FABRIC_MILL = "fabric_mill", _("Fabric mill")
    KNITTING = "knitting", _("Knitting")
    SPINNING = "spinning", _("Spinning")
    GINNING = "ginning", _("Ginning")
    TANNERY = "tannery", _("Tannery")
    TRIMS = "trims", _("Trims and accessories")
    ASSEMBLY = "assembly", _("Assembly")
    MINE = "mine", _("Mine")
    SMELTER = "smelter", _("Smelter")
    REFINERY = "refinery", _("Refinery")
    FARM = "farm", _("Farm")
    PLANTATION = "plantation", _("Plantation")
    FOOD_PROCESSING = "food_processing", _("Food processing")
    WAREHOUSE = "warehouse", _("Warehouse")
    OTHER = "other", _("Other")


class WorkerBand(models.TextChoices):
    UP_TO_100 = "1-100", _("1 to 100 workers")
    UP_TO_500 = "101-500", _("101 to 500 workers")
    UP_TO_1000 = "501-1000", _("501 to 1,000 workers")
    UP_TO_5000 = "1001-5000", _("1,001 to 5,000 workers")
    OVER_5000 = "5000+", _("More than 5,000 workers")
    UNKNOWN = "unknown", _("Unknown")


class LocationStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    CLOSED = "closed", _("Closed")
    MOVED = "moved", _("Moved to another location")


class Tier(models.IntegerChoices):
    ONE = 1, _("Tier 1")
    TWO = 2, _("Tier 2")
    THREE = 3, _("Tier 3 or further")


class ProductCategory(models.TextChoices):
    APPAREL = "apparel", _("Apparel")
    FOOTWEAR = "footwear", _("Footwear")
    HOME_TEXTILES = "home_textiles", _("Home textiles")
    ACCESSORIES = "accessories", _("Accessories")
    FABRICS = "fabrics", _("Fabrics and yarns")
    LEATHER = "leather", _("Leather goods")
    RAW_MATERIALS = "raw_materials", _("Raw materials")
    FOOD = "food", _("Food products")
    METALS = "metals", _("Metals and minerals")
    OTHER = "other", _("Other")
