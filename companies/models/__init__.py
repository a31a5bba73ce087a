"""Production locations, supply links, potential matches and location history."""

from .choices import LocationStatus, ProcessingType, ProductCategory, Tier, WorkerBand
from .link import SupplyLink
from .location import ProductionLocation, new_public_id, validate_os_hub_id
from .matching import LocationEvent, LocationMatch
from .signal import LocationSignal, SignalRelay
from .upload import LocationUpload

__all__ = [
    "LocationEvent",
    "LocationMatch",
    "LocationSignal",
    "LocationStatus",
    "LocationUpload",
    "ProcessingType",
    "ProductCategory",
    "ProductionLocation",
    "SignalRelay",
    "SupplyLink",
    "Tier",
    "WorkerBand",
    "new_public_id",
    "validate_os_hub_id",
]
