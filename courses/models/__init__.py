"""The courses app's model registry: Django loads `courses.models`, which imports the models of
every feature package. Code imports a model from its feature package, never from here.
Migration 0001 names `courses.models.LoginRequiredPageMixin` (a base of the page models)."""

from courses.certificates.models import Certificate
from courses.compliance.models import (
    Assignment,
    AuditEntry,
    Exemption,
    ReminderLog,
    Requirement,
    StaleMark,
)
from courses.learning.models import (
    AssessmentResult,
    CheckAttempt,
    CourseCompletion,
    CourseIndexPage,
    CoursePage,
    Enrollment,
    FeedbackReceipt,
    FeedbackResponse,
    LessonPage,
    LessonProgress,
    LoginRequiredPageMixin,
    ReflectionResponse,
)
from courses.sessions.models import Attendance, LiveSession, SessionRegistration

__all__ = [
    "AssessmentResult",
    "Assignment",
    "Attendance",
    "AuditEntry",
    "Certificate",
    "CheckAttempt",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "Enrollment",
    "Exemption",
    "FeedbackReceipt",
    "FeedbackResponse",
    "LessonPage",
    "LessonProgress",
    "LiveSession",
    "LoginRequiredPageMixin",
    "ReflectionResponse",
    "ReminderLog",
    "Requirement",
    "SessionRegistration",
    "StaleMark",
]
