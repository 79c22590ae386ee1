"""The demo city's analytics: survey answers and assessment scores to go with the completion
history, then a full analytics run and a published monitoring release, so `make demo` opens
on populated dashboards."""

import random
from collections.abc import Callable
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from analytics.pipeline.services import analytics_run_full
from courses.learning.evaluation import LIKERT_QUESTIONS
from courses.learning.models import (
    AssessmentPhase,
    AssessmentResult,
    CourseCompletion,
    FeedbackReceipt,
    FeedbackResponse,
)


def analytics_demo_seed(*, as_of: date, say: Callable[[str], None] = print) -> None:
    say("Analytics: assessment scores and course feedback")
    added = _evaluation_history_ensure(as_of=as_of)
    say(f"  {added} learners with scores and feedback" if added else "  already there")
    say("Analytics: computing the indicators")
    run = analytics_run_full(as_of=as_of, progress=lambda line: say(f"  {line}"))
    say("Analytics: publishing the monitoring dataset")
    from analytics.releases.publishing import monitoring_release_publish

    release = monitoring_release_publish(as_of=run.as_of, progress=lambda line: say(f"  {line}"))
    say(f"  release {release.version}: {release.get_status_display()}")


@transaction.atomic
def _evaluation_history_ensure(*, as_of: date) -> int:
    """Pre/post scores for about 60% of completions and feedback for about 30%, dated around
    each completion. Nothing is added when any already exist."""
    if AssessmentResult.objects.exists() or FeedbackResponse.objects.exists():
        return 0
    rng = random.Random(61)  # noqa: S311 - demo data, not security
    keys = [key for key, _label in LIKERT_QUESTIONS]
    results, responses, receipts = [], [], []
    completions = CourseCompletion.objects.values_list(
        "user_id", "course_id", "run", "completed_at"
    ).order_by("pk")
    for user_id, course_id, run, completed_at in completions.iterator(chunk_size=2000):
        if rng.random() < 0.6:
            pre = rng.randint(30, 75)
            post = min(100, pre + rng.randint(-5, 40))
            started_at = completed_at - timedelta(days=rng.randint(1, 20))
            for phase, score, at in (
                (AssessmentPhase.PRE, pre, started_at),
                (AssessmentPhase.POST, post, completed_at),
            ):
                results.append(
                    AssessmentResult(
                        user_id=user_id,
                        course_id=course_id,
                        run=run,
                        phase=phase,
                        score=score,
                        submitted_at=at,
                    )
                )
        if rng.random() < 0.3:
            mood = rng.choice((3, 4, 4, 5, 5))
            ratings = {key: max(1, min(5, mood + rng.choice((-1, 0, 0, 1)))) for key in keys}
            responses.append(
                FeedbackResponse(
                    course_id=course_id,
                    submitted_on=min(timezone.localdate(completed_at), as_of),
                    ratings=ratings,
                )
            )
            receipts.append(FeedbackReceipt(user_id=user_id, course_id=course_id, run=run))
    AssessmentResult.objects.bulk_create(results, batch_size=2000, ignore_conflicts=True)
    FeedbackResponse.objects.bulk_create(responses, batch_size=2000)
    FeedbackReceipt.objects.bulk_create(receipts, batch_size=2000, ignore_conflicts=True)
    return len(results) // 2
