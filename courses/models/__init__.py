"""The courses app's model registry: Django loads `courses.models`, which imports the models of
every feature package. Code imports a model from its feature package, never from here.
Migration 0001 names `courses.models.LoginRequiredPageMixin` (a base of the page models)."""

from courses.certificates.models import Certificate
from courses.compliance.models import (
    Assignment,
    AuditEntry,
    DepartmentDueCount,
    DepartmentRequirementSummary,
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
from courses.packages.models import (
    Cmi5AuState,
    Cmi5Registration,
    Cmi5Session,
    Package,
    PackageAttempt,
    PackageInteraction,
    PackageItem,
    PackageVersion,
)
from courses.sessions.models import Attendance, LiveSession, SessionRegistration
from courses.workbench.models import ExportJob
from courses.xapi.models import (
    Credential,
    Document,
    ForwardRun,
    Statement,
    StatementActivity,
    StatementAgent,
)

__all__ = [
    "AssessmentResult",
    "Assignment",
    "Attendance",
    "AuditEntry",
    "Certificate",
    "CheckAttempt",
    "Cmi5AuState",
    "Cmi5Registration",
    "Cmi5Session",
    "CourseCompletion",
    "CourseIndexPage",
    "CoursePage",
    "Credential",
    "DepartmentDueCount",
    "DepartmentRequirementSummary",
    "Document",
    "Enrollment",
    "Exemption",
    "ExportJob",
    "FeedbackReceipt",
    "FeedbackResponse",
    "ForwardRun",
    "LessonPage",
    "LessonProgress",
    "LiveSession",
    "LoginRequiredPageMixin",
    "Package",
    "PackageAttempt",
    "PackageInteraction",
    "PackageItem",
    "PackageVersion",
    "ReflectionResponse",
    "ReminderLog",
    "Requirement",
    "SessionRegistration",
    "StaleMark",
    "Statement",
    "StatementActivity",
    "StatementAgent",
]
