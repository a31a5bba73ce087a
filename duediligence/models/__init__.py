from .assessment import Answer, Assessment, AssessmentEvent
from .framework import AnswerType, CycleFramework, Framework, OecdStep, Question, Section
from .performance import MemberPerformance, SuspensionReview
from .quickscan import QuickScanAction, QuickScanIndication, QuickScanRisk, QuickScanSource, QuickScanVersion
from .reminder import ReminderSent
from .review import QuestionFeedback, SectionScore
from .risk import Action, ActionProgress, Involvement, Risk

__all__ = [
    "Action",
    "ActionProgress",
    "Answer",
    "AnswerType",
    "Assessment",
    "AssessmentEvent",
    "CycleFramework",
    "Framework",
    "Involvement",
    "MemberPerformance",
    "OecdStep",
    "Question",
    "QuestionFeedback",
    "QuickScanAction",
    "QuickScanIndication",
    "QuickScanRisk",
    "QuickScanSource",
    "QuickScanVersion",
    "ReminderSent",
    "Risk",
    "Section",
    "SectionScore",
    "SuspensionReview",
]
