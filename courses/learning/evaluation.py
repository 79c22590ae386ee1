"""Evaluation of learning: pre- and post-assessments, knowledge gain, the feedback survey.

A course's question bank (`CoursePage.assessment_questions`) gives both assessments: the
pre-assessment before a learner starts a run's lessons, the post-assessment once the run is
completed. Each is taken once per run and is never part of completion (those rules live in
`services.course_completion_evaluate`). Knowledge gain is post minus pre, in percentage points.

The end-of-course survey is anonymous: a `FeedbackResponse` holds the answers and the date only,
and a separate `FeedbackReceipt` records that the learner answered, so they are asked once a run.

Reports count a course together with its translations (pages sharing a translation key), and
hold back anything that could point at a person when fewer than `SUPPRESSION_THRESHOLD`
learners are behind it (DESIGN.md: small groups are hidden).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from courses.learning.checks import QuestionSpec, questions_from_list, score_answers
from courses.learning.models import (
    AssessmentPhase,
    AssessmentResult,
    CourseCompletion,
    CoursePage,
    Enrollment,
    FeedbackReceipt,
    FeedbackResponse,
    LessonProgress,
)
from courses.learning.services import enrollment_ensure
from lms.users.models import User
from lms.users.permissions import can_view_all_departments

#: Fewer learners than this behind a number, and the number is withheld (DESIGN.md).
SUPPRESSION_THRESHOLD = 11

#: The survey's agreement statements, by the key stored in `FeedbackResponse.ratings`.
LIKERT_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("relevant", gettext_lazy("The course was relevant to my work.")),
    ("apply", gettext_lazy("I can apply what I learned.")),
    ("clear", gettext_lazy("The course was easy to follow.")),
    ("accessible", gettext_lazy("The course was accessible to me.")),
)
LIKERT_SCALE: tuple[tuple[int, str], ...] = (
    (1, gettext_lazy("Strongly disagree")),
    (2, gettext_lazy("Disagree")),
    (3, gettext_lazy("Neither agree nor disagree")),
    (4, gettext_lazy("Agree")),
    (5, gettext_lazy("Strongly agree")),
)
COMMENT_MAX_LENGTH = 3000

# ValidationError codes, so views can tell a refusal from a mistake in the answers.
DUPLICATE = "duplicate"
CLOSED = "closed"
INVALID = "invalid"


# --- assessments ------------------------------------------------------------------------------


def assessment_questions(course: CoursePage) -> tuple[QuestionSpec, ...]:
    """The questions of `course`'s pre- and post-assessment bank, in order; empty for none."""
    return questions_from_list(course.assessment_questions)


def assessment_questions_as_shown(
    course: CoursePage, language: str | None = None
) -> tuple[QuestionSpec, ...]:
    """`course`'s bank in the words of its live translation in `language` (the reader's by
    default), where it has words; ids and what is right stay the source's, which scores."""
    from content.translation import translation_for
    from courses.learning.attempts import question_worded

    questions = assessment_questions(course)
    shown = translation_for(course, language)
    if shown is course:
        return questions
    translated = {question.id: question for question in assessment_questions(shown)}
    return tuple(question_worded(question, translated.get(question.id)) for question in questions)


def _answers_validated(
    questions: tuple[QuestionSpec, ...], answers: Mapping[str, Iterable[str] | str]
) -> dict[str, list[str]]:
    """question id → sorted chosen choice ids, or ValidationError for anything forged or missing."""
    by_id = {question.id: question for question in questions}
    if set(answers) - set(by_id):
        raise ValidationError(
            _("These answers do not belong to this assessment. Reload the page and try again."),
            code=INVALID,
        )
    cleaned: dict[str, list[str]] = {}
    for question in questions:
        raw = answers.get(question.id) or []
        chosen = sorted({str(raw)} if isinstance(raw, str) else {str(c) for c in raw})
        if not chosen:
            raise ValidationError(_("Answer every question."), code=INVALID)
        if not set(chosen) <= {choice.id for choice in question.choices}:
            raise ValidationError(
                _("These answers do not belong to this assessment. Reload the page and try again."),
                code=INVALID,
            )
        if question.kind != "multiple" and len(chosen) != 1:
            raise ValidationError(_("Choose one answer to each such question."), code=INVALID)
        cleaned[question.id] = chosen
    return cleaned


@transaction.atomic
def assessment_submit(
    *,
    user: User,
    course: CoursePage,
    phase: str,
    answers: Mapping[str, Iterable[str] | str],
    as_of: datetime | None = None,
) -> AssessmentResult:
    """Scores and stores the learner's pre- or post-assessment for their current run.

    `answers` maps question id → chosen choice ids (a string for one choice is accepted). The
    pre-assessment is open until the learner marks a lesson done in the run; the
    post-assessment once the run is completed. Returns the stored result.

    Raises ValidationError, storing nothing: code "closed" when the course has no question bank
    or the phase is not open, "duplicate" when the run already has a result for the phase,
    "invalid" for a question or answer that is not in this course's bank, or a missing answer.
    """
    if phase not in AssessmentPhase.values:
        raise ValidationError(_("There is no such assessment."), code=CLOSED)
    questions = assessment_questions(course)
    if not questions:
        raise ValidationError(_("This course has no assessment."), code=CLOSED)
    as_of = as_of or timezone.now()
    enrollment = enrollment_ensure(user=user, course=course, as_of=as_of)
    # Lock the enrolment: a retake started at the same moment cannot move the run underneath.
    run = Enrollment.objects.select_for_update().get(pk=enrollment.pk).current_run
    if AssessmentResult.objects.filter(user=user, course=course, run=run, phase=phase).exists():
        raise ValidationError(_("You have already taken this assessment."), code=DUPLICATE)
    is_completed = CourseCompletion.objects.filter(user=user, course=course, run=run).exists()
    if phase == AssessmentPhase.PRE:
        is_started = LessonProgress.objects.filter(user=user, course=course, run=run).exists()
        if is_started or is_completed:
            raise ValidationError(
                _("The pre-assessment is only open before you start the lessons."), code=CLOSED
            )
    elif not is_completed:
        raise ValidationError(
            _("The post-assessment opens when you have completed the course."), code=CLOSED
        )
    cleaned = _answers_validated(questions, answers)
    score, _results = score_answers(questions, cleaned)
    try:
        with transaction.atomic():
            return AssessmentResult.objects.create(
                user=user,
                course=course,
                run=run,
                phase=phase,
                score=score,
                answers=cleaned,
                submitted_at=as_of,
            )
    except IntegrityError as error:
        raise ValidationError(
            _("You have already taken this assessment."), code=DUPLICATE
        ) from error


@dataclass(frozen=True)
class EvaluationState:
    """Where a learner stands with a course's evaluation in their current run."""

    run: int = 1
    has_assessment: bool = False
    has_survey: bool = False
    is_started: bool = False
    is_completed: bool = False
    pre: AssessmentResult | None = None
    post: AssessmentResult | None = None
    has_given_feedback: bool = False

    @property
    def can_take_pre(self) -> bool:
        return (
            self.has_assessment
            and self.pre is None
            and not self.is_started
            and not self.is_completed
        )

    @property
    def can_take_post(self) -> bool:
        return self.has_assessment and self.is_completed and self.post is None

    @property
    def can_give_feedback(self) -> bool:
        return self.has_survey and self.is_completed and not self.has_given_feedback

    @property
    def gain(self) -> int | None:
        """Post minus pre, in percentage points; None until both are taken."""
        if self.pre is None or self.post is None:
            return None
        return self.post.score - self.pre.score


def evaluation_state_for_user(*, user: User, course: CoursePage) -> EvaluationState:
    """The learner's evaluation state for `course` in their current run. At most two queries."""
    has_assessment = bool(course.assessment_questions)
    has_survey = bool(course.has_feedback_survey)
    if not user.is_authenticated or not (has_assessment or has_survey):
        return EvaluationState(has_assessment=has_assessment, has_survey=has_survey)
    same_run = {"user": user, "course": course, "run": OuterRef("current_run")}
    enrollment = (
        Enrollment.objects.filter(user=user, course=course)
        .annotate(
            is_started=Exists(LessonProgress.objects.filter(**same_run)),
            is_completed=Exists(CourseCompletion.objects.filter(**same_run)),
            has_given_feedback=Exists(FeedbackReceipt.objects.filter(**same_run)),
        )
        .first()
    )
    if enrollment is None:
        # Every write about learning enrols first: no enrolment, nothing taken yet.
        return EvaluationState(has_assessment=has_assessment, has_survey=has_survey)
    results = {
        result.phase: result
        for result in AssessmentResult.objects.filter(
            user=user, course=course, run=enrollment.current_run
        )
    }
    return EvaluationState(
        run=enrollment.current_run,
        has_assessment=has_assessment,
        has_survey=has_survey,
        is_started=enrollment.is_started,
        is_completed=enrollment.is_completed,
        pre=results.get(AssessmentPhase.PRE),
        post=results.get(AssessmentPhase.POST),
        has_given_feedback=enrollment.has_given_feedback,
    )


# --- feedback survey --------------------------------------------------------------------------


def _ratings_validated(ratings: Mapping[str, int | str]) -> dict[str, int]:
    keys = [key for key, _label in LIKERT_QUESTIONS]
    if set(ratings) != set(keys):
        raise ValidationError(_("Answer every statement of the survey."), code=INVALID)
    cleaned = {}
    for key in keys:
        try:
            value = int(ratings[key])
        except (TypeError, ValueError):
            value = 0
        if not 1 <= value <= len(LIKERT_SCALE):
            raise ValidationError(
                _("Each answer must be from 1 (strongly disagree) to 5 (strongly agree)."),
                code=INVALID,
            )
        cleaned[key] = value
    return cleaned


@transaction.atomic
def feedback_submit(
    *,
    user: User,
    course: CoursePage,
    ratings: Mapping[str, int | str],
    comment: str = "",
    as_of: datetime | None = None,
) -> FeedbackReceipt:
    """Stores the learner's end-of-course feedback, anonymously, once per run.

    `ratings` maps each key of LIKERT_QUESTIONS → 1..5. Writes, in one transaction, a
    FeedbackResponse (answers and the local date only: nothing that links it to the learner)
    and a FeedbackReceipt (that the learner answered in this run). Returns the receipt.

    Raises ValidationError, storing nothing: code "closed" when the course has no survey or the
    run is not completed, "duplicate" when the learner already answered for this run,
    "invalid" for a missing or out-of-range rating or a comment over COMMENT_MAX_LENGTH.
    """
    if not course.has_feedback_survey:
        raise ValidationError(_("This course has no feedback survey."), code=CLOSED)
    cleaned = _ratings_validated(ratings)
    comment = (comment or "").strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError(
            _("Keep your comment to %(limit)s characters or fewer.")
            % {"limit": COMMENT_MAX_LENGTH},
            code=INVALID,
        )
    as_of = as_of or timezone.now()
    enrollment = enrollment_ensure(user=user, course=course, as_of=as_of)
    run = Enrollment.objects.select_for_update().get(pk=enrollment.pk).current_run
    if not CourseCompletion.objects.filter(user=user, course=course, run=run).exists():
        raise ValidationError(
            _("The feedback survey opens when you have completed the course."), code=CLOSED
        )
    try:
        with transaction.atomic():
            receipt = FeedbackReceipt.objects.create(user=user, course=course, run=run)
    except IntegrityError as error:
        raise ValidationError(
            _("You have already given feedback on this course."), code=DUPLICATE
        ) from error
    # The date only, never a time: a response cannot be matched to a receipt or a sign-in log.
    FeedbackResponse.objects.create(
        course=course,
        submitted_on=timezone.localdate(as_of),
        ratings=cleaned,
        comment=comment,
    )
    return receipt


# --- reports ----------------------------------------------------------------------------------


def can_view_evaluation_report(user: User) -> bool:
    """ORE analysts (users.view_all_departments) and superusers see evaluation reports."""
    return user.is_authenticated and (user.is_superuser or can_view_all_departments(user))


def access_evaluation_report_by_course_id(user: User, course_id: int) -> CoursePage:
    """The course whose evaluation report `user` asks for.

    Raises PermissionDenied for anyone who may not see evaluation reports, Http404 for a
    course that does not exist.
    """
    if not can_view_evaluation_report(user):
        raise PermissionDenied
    course = CoursePage.objects.filter(pk=course_id).first()
    if course is None:
        raise Http404
    return course


def course_list_for_evaluation_report() -> list[CoursePage]:
    """One course per translation group (its default-language page if any), by title."""
    default_locale_id = Locale.get_default().pk
    chosen: dict = {}
    for course in CoursePage.objects.order_by("pk"):
        current = chosen.get(course.translation_key)
        if current is None or (
            course.locale_id == default_locale_id and current.locale_id != default_locale_id
        ):
            chosen[course.translation_key] = course
    return sorted(chosen.values(), key=lambda course: course.title.casefold())


def _versions(course: CoursePage) -> list[int]:
    """The pks of `course` and its translations: results on any of them count for the course."""
    return list(
        CoursePage.objects.filter(translation_key=course.translation_key).values_list(
            "pk", flat=True
        )
    )


def _gain_pairs(course: CoursePage) -> list[dict]:
    pairs: dict[tuple[int, int, int], dict] = {}
    for user_id, course_id, run, phase, score, submitted_at in (
        AssessmentResult.objects.filter(course_id__in=_versions(course))
        .order_by("user_id", "submitted_at", "pk")
        .values_list("user_id", "course_id", "run", "phase", "score", "submitted_at")
    ):
        pair = pairs.setdefault(
            (user_id, course_id, run),
            {"user_id": user_id, "course_id": course_id, "run": run, "pre": None, "post": None},
        )
        pair[phase] = score
        pair[f"{phase}_at"] = submitted_at
    for pair in pairs.values():
        both = pair["pre"] is not None and pair["post"] is not None
        pair["gain"] = pair["post"] - pair["pre"] if both else None
    return list(pairs.values())


def knowledge_gain_rows(*, course: CoursePage) -> list[dict]:
    """One row per learner and run with an assessment result, for analytics. Two queries.

    Covers the course and its translations. Each row: user_id, course_id (the language version
    taken), run, pre and post (percent scores, None when not taken) and gain (post - pre in
    percentage points, None unless both were taken). Ordered by user id, then first result.
    """
    keys = ("user_id", "course_id", "run", "pre", "post", "gain")
    return [{key: pair[key] for key in keys} for pair in _gain_pairs(course)]


def knowledge_gain_summary(*, course: CoursePage) -> dict:
    """Mean pre, post and gain over the learners who took both assessments. Two queries.

    Each learner counts once, with their most recent run that has both. Returns learners (how
    many have both), mean_pre, mean_post and mean_gain (rounded to one decimal) and
    is_suppressed; the means are None when fewer than SUPPRESSION_THRESHOLD learners have both.
    """
    latest: dict[int, dict] = {}
    for pair in _gain_pairs(course):
        if pair["gain"] is None:
            continue
        current = latest.get(pair["user_id"])
        if current is None or pair["post_at"] > current["post_at"]:
            latest[pair["user_id"]] = pair
    learners = len(latest)
    is_suppressed = learners < SUPPRESSION_THRESHOLD
    if is_suppressed:
        return {
            "learners": learners,
            "mean_pre": None,
            "mean_post": None,
            "mean_gain": None,
            "is_suppressed": True,
        }

    def mean(key: str) -> float:
        return round(sum(pair[key] for pair in latest.values()) / learners, 1)

    return {
        "learners": learners,
        "mean_pre": mean("pre"),
        "mean_post": mean("post"),
        "mean_gain": mean("gain"),
        "is_suppressed": False,
    }


def feedback_summary(*, course: CoursePage) -> dict:
    """The survey answers for `course` and its translations, for ORE. Two queries.

    Returns responses (the count), is_suppressed, questions and comments. With fewer than
    SUPPRESSION_THRESHOLD responses only the count is given (questions and comments are None):
    with so few, receipts would narrow who said what. Otherwise questions holds, per statement,
    key, label, mean (one decimal) and distribution (value, label, count for each point of the
    scale); comments holds the non-empty comments sorted alphabetically, with no dates or order
    that could link them to anyone.
    """
    responses = list(
        FeedbackResponse.objects.filter(course_id__in=_versions(course)).values_list(
            "ratings", "comment"
        )
    )
    count = len(responses)
    if count < SUPPRESSION_THRESHOLD:
        return {"responses": count, "is_suppressed": True, "questions": None, "comments": None}
    questions = []
    for key, label in LIKERT_QUESTIONS:
        values = [
            ratings[key] for ratings, _comment in responses if isinstance(ratings.get(key), int)
        ]
        questions.append(
            {
                "key": key,
                "label": label,
                "answered": len(values),
                "mean": round(sum(values) / len(values), 1) if values else None,
                "distribution": [
                    {"value": value, "label": point, "count": values.count(value)}
                    for value, point in LIKERT_SCALE
                ],
            }
        )
    comments = sorted(
        (comment for _ratings, comment in responses if comment.strip()), key=str.casefold
    )
    return {
        "responses": count,
        "is_suppressed": False,
        "questions": questions,
        "comments": comments,
    }


__all__ = [
    "COMMENT_MAX_LENGTH",
    "LIKERT_QUESTIONS",
    "LIKERT_SCALE",
    "SUPPRESSION_THRESHOLD",
    "EvaluationState",
    "access_evaluation_report_by_course_id",
    "assessment_questions",
    "assessment_submit",
    "can_view_evaluation_report",
    "course_list_for_evaluation_report",
    "evaluation_state_for_user",
    "feedback_submit",
    "feedback_summary",
    "knowledge_gain_rows",
    "knowledge_gain_summary",
]
