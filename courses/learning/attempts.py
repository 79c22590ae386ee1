"""Knowledge-check attempts: submitting answers, and what the learner sees of their attempts.

A learner's attempts at one check are numbered 1, 2, ... within their current run of the course.
The form for an attempt carries that number, so a form posted twice (or an old form posted
again) is recognised and refused instead of being recorded as a second attempt.
"""

import logging
import random
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from content.translation import reader_language, translation_for
from courses.learning.checks import (
    CheckSpec,
    ChoiceSpec,
    QuestionResult,
    QuestionSpec,
    checks_in_body,
    score_answers,
)
from courses.learning.checks import counted_score as counted_score_of
from courses.learning.models import (
    CheckAttempt,
    CourseCompletion,
    CoursePage,
    Enrollment,
    LessonPage,
    ScorePolicy,
)
from courses.learning.selectors import check_specs_for_course, live_lesson_in_course
from courses.learning.services import course_completion_evaluate
from courses.signals import check_attempted
from lms.inserts import row_insert_new
from lms.prepared import as_orm_value, fetchall, fetchone
from lms.users.models import User

logger = logging.getLogger(__name__)

ANSWER_FIELD_PREFIX = "answer-"
"""The name of a question's inputs in the form is this prefix and the question's block id."""

SINGLE_ANSWER_KINDS = frozenset({"single", "true_false"})

# Error codes of the ValidationErrors raised by `check_attempt_submit`.
CODE_MISSING = "missing"
CODE_FORGED = "forged"
CODE_REPLAYED = "replayed"
CODE_LIMIT = "limit"
CODE_PASSED = "passed"
CODE_UNANSWERED = "unanswered"


# --- Ordering ---------------------------------------------------------------------------------


def question_order(
    check: CheckSpec, *, user_id: int | None, attempt_number: int
) -> list[tuple[QuestionSpec, tuple[ChoiceSpec, ...]]]:
    """The questions of `check`, each with its answers, in the order one attempt shows them.

    Shuffled only as the check's flags ask, and deterministically: the same learner, check and
    attempt number always give the same order, so a reload shows the same form and the result
    of an attempt is shown in the order it was answered.
    """
    # Display order only, nothing secret depends on it: a seeded standard generator is right.
    rng = random.Random(f"{user_id or 0}:{check.id}:{attempt_number}")  # noqa: S311
    questions = list(check.questions)
    if check.shuffle_questions:
        rng.shuffle(questions)
    ordered = []
    for question in questions:
        choices = list(question.choices)
        # True/false keeps the order the editor wrote ("True" before "False" reads naturally).
        if check.shuffle_answers and question.kind != "true_false":
            rng.shuffle(choices)
        ordered.append((question, tuple(choices)))
    return ordered


# --- What the learner sees --------------------------------------------------------------------


@dataclass
class ChoiceState:
    """One answer as the form shows it."""

    choice: ChoiceSpec
    is_selected: bool = False

    @property
    def id(self) -> str:
        return self.choice.id

    @property
    def text(self) -> str:
        return self.choice.text


@dataclass
class QuestionState:
    """One question of the form: its position, its answers in order, and an error if any."""

    check_id: str
    number: int
    question: QuestionSpec
    choices: list[ChoiceState]
    error: str = ""

    @property
    def is_multiple(self) -> bool:
        return self.question.kind == "multiple"

    @property
    def input_type(self) -> str:
        return "checkbox" if self.is_multiple else "radio"

    @property
    def field_name(self) -> str:
        return f"{ANSWER_FIELD_PREFIX}{self.question.id}"

    @property
    def dom_id(self) -> str:
        return f"check-{self.check_id}-q{self.number}"


@dataclass
class QuestionOutcome:
    """How one question of an attempt went: right or not, what was chosen, what to learn."""

    number: int
    question: QuestionSpec
    is_correct: bool
    chosen: list[ChoiceSpec]
    feedback: list[str]

    @property
    def explanation(self) -> str:
        return self.question.explanation


@dataclass
class AttemptResult:
    """A recorded attempt as the learner sees it after submitting."""

    number: int
    score: int
    is_passed: bool
    questions: list[QuestionOutcome]

    @property
    def right_count(self) -> int:
        return sum(1 for outcome in self.questions if outcome.is_correct)

    @property
    def total(self) -> int:
        return len(self.questions)


@dataclass
class CheckState:
    """Everything the lesson page needs to show one knowledge check to one learner."""

    check: CheckSpec
    run: int
    attempts_used: int
    attempt_limit: int | None
    score_policy: str
    counted_score: int | None
    last: AttemptResult | None
    questions: list[QuestionState] = field(default_factory=list)
    error: str = ""

    @property
    def next_number(self) -> int:
        return self.attempts_used + 1

    @property
    def attempts_left(self) -> int | None:
        """None when attempts are unlimited."""
        if self.attempt_limit is None:
            return None
        return max(self.attempt_limit - self.attempts_used, 0)

    @property
    def is_passed(self) -> bool:
        return self.counted_score is not None and self.counted_score >= self.check.pass_mark

    @property
    def refusal(self) -> str:
        """Why the learner may not make another attempt, or "" when they may."""
        return attempt_refusal(
            attempts_used=self.attempts_used,
            attempt_limit=self.attempt_limit,
            counted=self.counted_score,
            pass_mark=self.check.pass_mark,
            policy=self.score_policy,
        )[1]

    @property
    def can_attempt(self) -> bool:
        return not self.refusal

    @property
    def is_best_policy(self) -> bool:
        return self.score_policy == ScorePolicy.BEST

    @property
    def anchor(self) -> str:
        """Which element carries the `check-<id>` anchor: the one a learner should land on.

        The error when there is one, else the latest result, else the check itself; the first
        two are headings with tabindex="-1", so arriving at the anchor moves focus there and a
        screen reader reads the outcome.
        """
        if self.error:
            return "error"
        if self.last is not None:
            return "result"
        return "section"

    @property
    def dom_id(self) -> str:
        return f"check-{self.check.id}"

    def keep_answers(self, answers: dict[str, list[str]]) -> None:
        """Shows `answers` as already chosen in the form (after a refused submission)."""
        for question in self.questions:
            chosen = set(answers.get(question.question.id, []))
            for choice in question.choices:
                choice.is_selected = choice.id in chosen

    def show_error(self, error: ValidationError) -> None:
        """Puts a refusal from `check_attempt_submit` on the check and its questions."""
        if hasattr(error, "error_dict"):
            by_question = {key: errors[0].message for key, errors in error.error_dict.items()}
            for question in self.questions:
                question.error = by_question.get(question.question.id, "")
            numbers = [str(question.number) for question in self.questions if question.error]
            if numbers:
                self.error = ngettext(
                    "Question %(numbers)s needs an answer. Nothing was recorded.",
                    "Questions %(numbers)s need an answer. Nothing was recorded.",
                    len(numbers),
                ) % {"numbers": ", ".join(numbers)}
                return
        self.error = " ".join(error.messages)

    @property
    def questions_with_errors(self) -> list[QuestionState]:
        return [question for question in self.questions if question.error]


def attempt_refusal(
    *,
    attempts_used: int,
    attempt_limit: int | None,
    counted: int | None,
    pass_mark: int,
    policy: str,
) -> tuple[str, str]:
    """(code, message) saying why another attempt is refused, or ("", "") when it is allowed.

    Refused when the course's attempt limit is used up, and after passing unless another
    attempt could only improve the score that counts (best-attempt policy, below 100%): under
    the latest-attempt policy a new attempt could undo a pass.
    """
    if attempt_limit is not None and attempts_used >= attempt_limit:
        return CODE_LIMIT, ngettext(
            "You have used your only attempt at this knowledge check.",
            "You have used all %(limit)d attempts at this knowledge check.",
            attempt_limit,
        ) % {"limit": attempt_limit}
    passed = counted is not None and counted >= pass_mark
    if passed and (policy != ScorePolicy.BEST or counted >= 100):
        return CODE_PASSED, _("You have passed this knowledge check.")
    return "", ""


def _result_of(check: CheckSpec, attempt: CheckAttempt, *, user_id: int | None) -> AttemptResult:
    """The learner's view of a stored attempt, scored per question against the check as it is."""
    _score, results = score_answers(check.questions, attempt.answers or {})
    by_question = {result.question.id: result for result in results}
    outcomes = []
    for number, (question, choices) in enumerate(
        question_order(check, user_id=user_id, attempt_number=attempt.number), start=1
    ):
        result = by_question[question.id]
        chosen = [choice for choice in choices if choice.id in result.chosen]
        outcomes.append(
            QuestionOutcome(
                number=number,
                question=question,
                is_correct=result.is_correct,
                chosen=chosen,
                feedback=[choice.feedback for choice in chosen if choice.feedback],
            )
        )
    return AttemptResult(
        number=attempt.number,
        score=attempt.score,
        is_passed=attempt.is_passed,
        questions=outcomes,
    )


def _form_questions(check: CheckSpec, *, user_id: int | None, number: int) -> list[QuestionState]:
    return [
        QuestionState(
            check_id=check.id,
            number=position,
            question=question,
            choices=[ChoiceState(choice=choice) for choice in choices],
        )
        for position, (question, choices) in enumerate(
            question_order(check, user_id=user_id, attempt_number=number), start=1
        )
    ]


def question_worded(question: QuestionSpec, translated: QuestionSpec | None) -> QuestionSpec:
    """`question` (the source, which scores) in the words of its translation `translated`.

    Translations keep the source's block ids, so questions and answers match by id; whatever
    the translation lacks (a choice added since it was made) keeps the source's words. What is
    right, and every id, stays the source's.
    """
    if translated is None:
        return question
    shown_choices = {choice.id: choice for choice in translated.choices}
    return replace(
        question,
        prompt=translated.prompt or question.prompt,
        explanation=translated.explanation,
        choices=tuple(
            replace(
                choice,
                text=shown_choices[choice.id].text or choice.text,
                feedback=shown_choices[choice.id].feedback,
            )
            if choice.id in shown_choices
            else choice
            for choice in question.choices
        ),
    )


def _in_words_of(check: CheckSpec, shown: CheckSpec | None) -> CheckSpec:
    """`check` worded as its translation `shown` where it has words (see `question_worded`)."""
    if shown is None:
        return check
    shown_questions = {question.id: question for question in shown.questions}
    return replace(
        check,
        title=shown.title or check.title,
        questions=tuple(
            question_worded(question, shown_questions.get(question.id))
            for question in check.questions
        ),
    )


def _checks_as_shown(
    lesson: LessonPage, checks: list[CheckSpec], *, pass_mark: int
) -> list[CheckSpec]:
    """The checks in the reader's language: the live translation's words when there is one."""
    if reader_language() == reader_language(settings.LANGUAGE_CODE):
        return checks
    display = translation_for(lesson)
    if display is lesson:
        return checks
    shown = {
        check.id: check
        for check in checks_in_body(
            lesson_id=lesson.pk, body=display.body, course_pass_mark=pass_mark
        )
    }
    return [_in_words_of(check, shown.get(check.id)) for check in checks]


def check_states_for_lesson(
    *, user: User, lesson: LessonPage, course: CoursePage | None = None, run: int | None = None
) -> dict[str, CheckState]:
    """check id → what `user` has done on that check of `lesson`, and the form for their next try.

    Covers every knowledge check in `lesson.body` (the body given, so a previewed draft shows
    its checks too), for the learner's current run, worded in the reader's language when the
    lesson has a live translation (attempts always belong to `lesson`, and are scored by it).
    Three queries when the lesson has checks (course, enrolment, attempts) and two more for a
    reader of another language; one when it has none; {} when the lesson has no course. Given
    the lesson's `course` (the lesson page has it already), one query fewer; given the
    learner's current `run` (the page's progress has it), one fewer again.

    Only each check's latest attempt is read whole (its answers are what the page shows); of
    the earlier ones, the database gives the best score.
    """
    if course is None:
        course = CoursePage.objects.parent_of(lesson).first() if lesson.path else None
    if course is None:
        return {}
    checks = checks_in_body(
        lesson_id=lesson.pk, body=lesson.body, course_pass_mark=course.pass_mark
    )
    if not checks:
        return {}
    checks = _checks_as_shown(lesson, checks, pass_mark=course.pass_mark)
    user_id = user.pk if user.is_authenticated else None
    latest: dict[str, CheckAttempt] = {}
    if user_id is None:
        run = 1
    else:
        if run is None:
            run = (
                Enrollment.objects.filter(user_id=user_id, course=course)
                .values_list("current_run", flat=True)
                .first()
            ) or 1
        latest = {attempt.check_id: attempt for attempt in _latest_attempts(user_id, lesson, run)}
    states = {}
    for check in checks:
        last = latest.get(check.id)
        if last is None:
            counted = None
        elif course.score_policy == ScorePolicy.BEST:
            counted = last.best_score
        else:
            counted = last.score
        used = last.number if last else 0
        states[check.id] = CheckState(
            check=check,
            run=run,
            attempts_used=used,
            attempt_limit=course.attempt_limit,
            score_policy=course.score_policy,
            counted_score=counted,
            last=_result_of(check, last, user_id=user_id) if last else None,
            questions=_form_questions(check, user_id=user_id, number=used + 1),
        )
    return states


def _latest_attempts(user_id: int, lesson: LessonPage, run: int):
    """The learner's latest attempt at each check of `lesson` in `run`, each with the best
    score of its check's attempts (`best_score`). One query."""
    own = CheckAttempt.objects.filter(user_id=user_id, lesson_id=lesson.pk, run=run)
    same_check = own.filter(check_id=OuterRef("check_id")).values("check_id")
    return own.filter(
        number=Subquery(same_check.annotate(last=Max("number")).values("last")[:1])
    ).annotate(best_score=Subquery(same_check.annotate(best=Max("score")).values("best")[:1]))


# --- Submitting -------------------------------------------------------------------------------


@dataclass(frozen=True)
class AttemptOutcome:
    """What a submission recorded: the attempt, its per-question results, and the completion
    of the course this attempt made (None when it made none: something remains, or the run
    was complete already)."""

    attempt: CheckAttempt
    check: CheckSpec
    results: list[QuestionResult]
    completion: CourseCompletion | None

    @property
    def is_course_completed_now(self) -> bool:
        return self.completion is not None


def _check_missing() -> ValidationError:
    return ValidationError(_("This knowledge check no longer exists."), code=CODE_MISSING)


def _forged() -> ValidationError:
    return ValidationError(
        _("These answers do not belong to this knowledge check. Nothing was recorded."),
        code=CODE_FORGED,
    )


def _replayed() -> ValidationError:
    return ValidationError(
        _(
            "These answers were already submitted, or the form is out of date. Nothing new "
            "was recorded; your latest result is shown."
        ),
        code=CODE_REPLAYED,
    )


def answers_validate(check: CheckSpec, answers: dict[str, list[str]]) -> dict[str, list[str]]:
    """The answers to `check`, cleaned: question id → sorted chosen choice ids.

    Raises ValidationError (code "forged") when a question or choice id is not the check's, or
    a single-answer question has several answers; and ValidationError keyed by question id
    (code "unanswered") when some question has no answer.
    """
    questions = {question.id: question for question in check.questions}
    cleaned: dict[str, list[str]] = {}
    for question_id, chosen in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise _forged()
        choice_ids = {choice.id for choice in question.choices}
        unique = sorted(set(chosen))
        if any(choice_id not in choice_ids for choice_id in unique):
            raise _forged()
        if question.kind in SINGLE_ANSWER_KINDS and len(unique) > 1:
            raise _forged()
        if unique:
            cleaned[question_id] = unique
    missing = {
        question.id: ValidationError(
            _("Choose all the answers that apply.")
            if question.kind == "multiple"
            else _("Choose an answer."),
            code=CODE_UNANSWERED,
        )
        for question in check.questions
        if question.id not in cleaned
    }
    if missing:
        raise ValidationError(missing)
    return cleaned


def _column(model, name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def _enrollment_locked(*, user: User, course: CoursePage, as_of: datetime) -> Enrollment:
    """The learner's enrolment in `course` (made on their first attempt), locked until the
    transaction ends: one submission at a time per learner and course. On SQLite, where a
    writing transaction holds the whole database, the read alone. One prepared query when the
    learner is enrolled (lms.prepared), three on the first attempt."""
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    sql = (
        f"SELECT {_column(Enrollment, 'id')}, {_column(Enrollment, 'enrolled_at')}, "  # noqa: S608
        f"{_column(Enrollment, 'current_run')} "
        f"FROM {connection.ops.quote_name(Enrollment._meta.db_table)} "
        f"WHERE {_column(Enrollment, 'user')} = %s AND {_column(Enrollment, 'course')} = %s{lock}"
    )
    row = fetchone(sql, [user.pk, course.pk])
    if row is None:
        row_insert_new(Enrollment(user=user, course=course, enrolled_at=as_of))
        row = fetchone(sql, [user.pk, course.pk])
    pk, enrolled_at, run = row
    enrolled_at = as_orm_value(Enrollment, "enrolled_at", enrolled_at)
    enrollment = Enrollment(pk=pk, user=user, course=course, enrolled_at=enrolled_at)
    enrollment.current_run = run
    enrollment._state.adding = False
    return enrollment


def _attempts_so_far(
    *, user: User, lesson: LessonPage, check_id: str, run: int
) -> list[tuple[int, int]]:
    """(number, score) of the learner's attempts at a check in `run`, in order. One prepared
    query."""
    sql = (
        f"SELECT {_column(CheckAttempt, 'number')}, {_column(CheckAttempt, 'score')} "  # noqa: S608
        f"FROM {connection.ops.quote_name(CheckAttempt._meta.db_table)} "
        f"WHERE {_column(CheckAttempt, 'user')} = %s AND {_column(CheckAttempt, 'lesson')} = %s "
        f"AND {_column(CheckAttempt, 'check_id')} = %s AND {_column(CheckAttempt, 'run')} = %s "
        f"ORDER BY {_column(CheckAttempt, 'number')}"
    )
    return [tuple(row) for row in fetchall(sql, [user.pk, lesson.pk, check_id, run])]


@transaction.atomic
def check_attempt_submit(
    *,
    user: User,
    lesson: LessonPage,
    check_id: str,
    answers: dict[str, list[str]],
    attempt_number: int,
    as_of: datetime | None = None,
) -> AttemptOutcome:
    """Records the learner's attempt number `attempt_number` at a knowledge check, scored.

    `answers` maps question id → chosen choice ids. The check must be in the live lesson of a
    live course; the attempt must be the learner's next one in their current run, within the
    course's attempt limit, and not after a pass that another attempt could undo (see
    `attempt_refusal`). Then, when the attempt passes a scored check, the course is evaluated,
    so passing the last scored check can complete it.

    Raises ValidationError, recording nothing, with code "missing" (no such check in the live
    lesson), "forged" (an id not of this check, or several answers to a single-answer
    question), "replayed" (not the next attempt: the same form posted twice, or an old one),
    "limit" or "passed" (no attempt allowed), or keyed by question id with code "unanswered".
    """
    as_of = as_of or timezone.now()
    found = live_lesson_in_course(lesson.pk)
    if found is None or not found[1].live:
        raise _check_missing()
    live, course = found
    check = next(
        (
            spec
            for spec in check_specs_for_course(course)
            if spec.lesson_id == live.pk and spec.id == check_id
        ),
        None,
    )
    if check is None:
        raise _check_missing()
    try:
        cleaned = answers_validate(check, answers)
    except ValidationError as error:
        if getattr(error, "code", None) == CODE_FORGED:
            logger.warning(
                "forged answers to check %s of lesson %s by employee pk=%s",
                check.id,
                live.pk,
                user.pk,
            )
        raise

    enrollment = _enrollment_locked(user=user, course=course, as_of=as_of)
    run = enrollment.current_run
    previous = _attempts_so_far(user=user, lesson=live, check_id=check.id, run=run)
    next_number = previous[-1][0] + 1 if previous else 1
    if attempt_number != next_number:
        raise _replayed()
    code, message = attempt_refusal(
        attempts_used=next_number - 1,
        attempt_limit=course.attempt_limit,
        counted=counted_score_of([score for _n, score in previous], policy=course.score_policy),
        pass_mark=check.pass_mark,
        policy=course.score_policy,
    )
    if code:
        raise ValidationError(message, code=code)

    score, results = score_answers(check.questions, cleaned)
    attempt = CheckAttempt(
        user=user,
        course=course,
        lesson=live,
        check_id=check.id,
        run=run,
        number=attempt_number,
        score=score,
        is_passed=score >= check.pass_mark,
        answers=cleaned,
        submitted_at=as_of,
    )
    # The enrolment lock makes a clash unlikely; the unique constraint stays the last guard.
    if not row_insert_new(attempt):
        raise _replayed()
    check_attempted.send(sender=CheckAttempt, attempt=attempt)
    logger.info(
        "check %s of lesson %s attempt %s (run %s) by employee pk=%s: %s%%",
        check.id,
        live.pk,
        attempt.number,
        run,
        user.pk,
        score,
    )
    # Only a pass of a scored check can complete the course: a failed attempt, or one at a
    # practice check, leaves every rule as it was (under either score policy).
    completion = (
        course_completion_evaluate(user=user, course=course, as_of=as_of, enrollment=enrollment)
        if check.is_scored and attempt.is_passed
        else None
    )
    return AttemptOutcome(
        attempt=attempt,
        check=check,
        results=results,
        # A completion made now carries this submission's time; an earlier one (or one another
        # request made meanwhile) carries its own.
        completion=completion
        if completion is not None and completion.completed_at == as_of
        else None,
    )


# --- What editors see -------------------------------------------------------------------------


@dataclass
class QuestionStats:
    """How learners did on one question. Counts only: never who."""

    number: int
    question: QuestionSpec
    learners: int = 0
    first_right: int = 0
    attempts: int = 0
    attempts_right: int = 0

    @property
    def first_percent(self) -> int | None:
        return round(100 * self.first_right / self.learners) if self.learners else None

    @property
    def attempts_percent(self) -> int | None:
        return round(100 * self.attempts_right / self.attempts) if self.attempts else None


@dataclass
class CheckStats:
    """How learners did on one knowledge check, question by question."""

    check: CheckSpec
    lesson: LessonPage
    questions: list[QuestionStats]
    learners: int = 0
    attempts: int = 0


def check_results_for_course(*, course: CoursePage) -> list[CheckStats]:
    """Per-question results of every knowledge check in the course's live lessons, in order.

    For each question: `learners` who answered it and how many of them got it right on their
    first attempt that answered it (`first_right`), and over all `attempts` how many were right
    (`attempts_right`). Every run counts; answers are scored against the question as it is now.
    Two queries, whatever the number of learners or checks.
    """
    lessons = list(LessonPage.objects.child_of(course).live().order_by("path"))
    stats: dict[tuple[int, str], CheckStats] = {}
    ordered: list[CheckStats] = []
    for lesson in lessons:
        for check in checks_in_body(
            lesson_id=lesson.pk, body=lesson.body, course_pass_mark=course.pass_mark
        ):
            entry = CheckStats(
                check=check,
                lesson=lesson,
                questions=[
                    QuestionStats(number=number, question=question)
                    for number, question in enumerate(check.questions, start=1)
                ],
            )
            stats[(lesson.pk, check.id)] = entry
            ordered.append(entry)
    if not stats:
        return ordered
    seen_learners: dict[tuple[int, str], set[int]] = {key: set() for key in stats}
    seen_by_question: dict[tuple[int, str, str], set[int]] = {}
    rows = (
        CheckAttempt.objects.filter(course=course, lesson_id__in=[lesson.pk for lesson in lessons])
        .order_by("user_id", "run", "number")
        .values_list("user_id", "lesson_id", "check_id", "answers")
    )
    for user_id, lesson_id, check_id, answers in rows.iterator(chunk_size=2000):
        entry = stats.get((lesson_id, check_id))
        if entry is None:
            continue
        entry.attempts += 1
        seen_learners[(lesson_id, check_id)].add(user_id)
        answers = answers or {}
        for question_stats in entry.questions:
            question = question_stats.question
            chosen = answers.get(question.id)
            if not chosen:
                continue
            is_right = frozenset(chosen) == question.correct_ids
            question_stats.attempts += 1
            question_stats.attempts_right += is_right
            seen = seen_by_question.setdefault((lesson_id, check_id, question.id), set())
            if user_id not in seen:
                seen.add(user_id)
                question_stats.learners += 1
                question_stats.first_right += is_right
    for key, entry in stats.items():
        entry.learners = len(seen_learners[key])
    return ordered
