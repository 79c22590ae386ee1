"""Knowledge checks as data: reading them out of lesson bodies, and scoring answers.

Pure functions of block values: no database, no clock. Questions and answers are identified by
the ids Wagtail gives every StreamField and ListBlock item; those ids survive new revisions and
translations, so an attempt always refers to the same question.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ChoiceSpec:
    id: str
    text: str
    is_correct: bool
    feedback: str


@dataclass(frozen=True)
class QuestionSpec:
    id: str
    kind: str
    prompt: str
    choices: tuple[ChoiceSpec, ...]
    explanation: str

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(choice.id for choice in self.choices if choice.is_correct)


@dataclass(frozen=True)
class CheckSpec:
    lesson_id: int
    id: str
    title: str
    questions: tuple[QuestionSpec, ...]
    pass_mark: int
    is_scored: bool
    shuffle_questions: bool
    shuffle_answers: bool


@dataclass
class QuestionResult:
    question: QuestionSpec
    chosen: frozenset[str]
    is_correct: bool
    feedback: list[str] = field(default_factory=list)


def questions_from_list(items) -> tuple[QuestionSpec, ...]:
    """QuestionSpecs from a ListBlock (or StreamBlock) value of QuestionBlock items."""
    bound = getattr(items, "bound_blocks", None) or list(items)
    questions = []
    for item in bound:
        value = item.value
        choices_bound = getattr(value["choices"], "bound_blocks", [])
        choices = tuple(
            ChoiceSpec(
                id=str(choice.id),
                text=choice.value["text"],
                is_correct=bool(choice.value["is_correct"]),
                feedback=choice.value.get("feedback") or "",
            )
            for choice in choices_bound
        )
        questions.append(
            QuestionSpec(
                id=str(item.id),
                kind=value["kind"],
                prompt=value["prompt"],
                choices=choices,
                explanation=value.get("explanation") or "",
            )
        )
    return tuple(questions)


def checks_in_body(*, lesson_id: int, body, course_pass_mark: int) -> list[CheckSpec]:
    """Every knowledge check of a lesson body, in order."""
    checks = []
    for block in body:
        if block.block_type != "knowledge_check":
            continue
        value = block.value
        pass_mark = value.get("pass_mark")
        checks.append(
            CheckSpec(
                lesson_id=lesson_id,
                id=str(block.id),
                title=value["title"],
                questions=questions_from_list(value["questions"]),
                pass_mark=course_pass_mark if pass_mark is None else int(pass_mark),
                is_scored=bool(value.get("is_scored", True)),
                shuffle_questions=bool(value.get("shuffle_questions")),
                shuffle_answers=bool(value.get("shuffle_answers")),
            )
        )
    return checks


def score_answers(
    questions: tuple[QuestionSpec, ...], answers: dict[str, list[str]]
) -> tuple[int, list[QuestionResult]]:
    """The percent of questions answered exactly right, and each question's result.

    `answers` maps question id → chosen choice ids. A question is right when the chosen set
    equals the correct set. Unknown ids are ignored by the caller's validation, not here.
    """
    results = []
    for question in questions:
        chosen = frozenset(answers.get(question.id, []))
        by_id = {choice.id: choice for choice in question.choices}
        feedback = [by_id[c].feedback for c in sorted(chosen) if c in by_id and by_id[c].feedback]
        results.append(
            QuestionResult(
                question=question,
                chosen=chosen,
                is_correct=bool(chosen) and chosen == question.correct_ids,
                feedback=feedback,
            )
        )
    right = sum(1 for result in results if result.is_correct)
    score = round(100 * right / len(questions)) if questions else 100
    return score, results


def counted_score(scores_in_order: list[int], *, policy: str) -> int | None:
    """The score that counts: the best or the latest of the attempts; None without attempts."""
    if not scores_in_order:
        return None
    return max(scores_in_order) if policy == "best" else scores_in_order[-1]
