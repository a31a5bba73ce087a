from .case import Complaint, ComplaintEvent, ReferenceCounter
from .file import Document, FollowUpReport, Message, Party, Recommendation, Ruling, Visibility
from .identity import ComplainantIdentity, IdentityAccess
from .process import (
    CommitteeAssignment,
    ComplaintGroupObjectPermission,
    ComplaintUserObjectPermission,
    Respondent,
    StageRecord,
)
from .publication import ComplaintSettings, Feedback, Publication

__all__ = [
    "CommitteeAssignment",
    "ComplainantIdentity",
    "Complaint",
    "ComplaintEvent",
    "ComplaintGroupObjectPermission",
    "ComplaintSettings",
    "ComplaintUserObjectPermission",
    "Document",
    "Feedback",
    "FollowUpReport",
    "IdentityAccess",
    "Message",
    "Party",
    "Publication",
    "Recommendation",
    "ReferenceCounter",
    "Respondent",
    "Ruling",
    "StageRecord",
    "Visibility",
]
