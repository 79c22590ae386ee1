from .pages import CourseIndexPage, CoursePage, LessonPage, LoginRequiredPageMixin, ScorePolicy
from .progress import (
    AssessmentPhase,
    AssessmentResult,
    Certificate,
    CheckAttempt,
    CourseCompletion,
    Enrollment,
    FeedbackReceipt,
    FeedbackResponse,
    LessonProgress,
    ReflectionResponse,
)
from .requirements import Requirement

__all__ = [
    "AssessmentPhase",
    "AssessmentResult",
    "Certificate",
    "CheckAttempt",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "FeedbackReceipt",
    "FeedbackResponse",
    "LessonPage",
    "LessonProgress",
    "LoginRequiredPageMixin",
    "ReflectionResponse",
    "Requirement",
    "ScorePolicy",
]
