from .case import Complaint, ComplaintEvent, ReferenceCounter
from .identity import ComplainantIdentity, IdentityAccess

__all__ = ["ComplainantIdentity", "Complaint", "ComplaintEvent", "IdentityAccess", "ReferenceCounter"]
