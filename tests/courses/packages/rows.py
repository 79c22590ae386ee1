"""Package rows made directly (no zip): what the report and API tests read. The importer's
own tests build real packages from files; these only need the rows an import leaves."""

from datetime import timedelta

from django.utils import timezone

from courses.learning.models import LessonPage
from courses.packages.models import (
    Cmi5AuState,
    Cmi5Registration,
    Package,
    PackageAttempt,
    PackageInteraction,
    PackageItem,
    PackageKind,
    PackageVersion,
)
from tests.factories import publish


def package_make(
    *, title="Vendor course", kind=PackageKind.SCORM2004, items=("sco-1",), course=None
) -> Package:
    """A package with version 1 (its current version) and launchable `items`; with `course`,
    a published lesson of that course plays it."""
    now = timezone.now()
    package = Package.objects.create(title=title, created_at=now)
    version_add(package, kind=kind, items=items)
    if course is not None:
        lesson = LessonPage(title=title, slug=f"package-{package.pk}", package=package)
        course.add_child(instance=lesson)
        publish(lesson)
    return package


def version_add(package: Package, *, kind=None, items=("sco-1",)) -> PackageVersion:
    previous = package.current_version
    number = (previous.number + 1) if previous else 1
    kind = kind or previous.kind
    version = PackageVersion.objects.create(
        package=package,
        number=number,
        kind=kind,
        edition="cmi5" if kind == PackageKind.CMI5 else "2004 4th edition",
        identifier=f"urn:test:{package.pk}",
        title=package.title,
        sha256="0" * 64,
        file_count=3,
        size_bytes=1000,
        structure={"kind": kind, "items": list(items)},
        imported_at=timezone.now(),
    )
    for order, identifier in enumerate(items):
        data = (
            {
                "kind": "au",
                "activity_id": f"https://example.org/au/{identifier}",
                "move_on": "CompletedOrPassed",
                "mastery_score": 0.8,
            }
            if kind == PackageKind.CMI5
            else {"scorm_type": "sco", "mastery_score": 80.0}
        )
        PackageItem.objects.create(
            version=version,
            identifier=identifier,
            title=f"Item {identifier}",
            order=order,
            launch_url=f"{identifier}/index.html",
            data=data,
        )
    package.current_version = version
    package.save(update_fields=["current_version"])
    return version


def lesson_of(package: Package) -> LessonPage:
    return LessonPage.objects.get(package=package)


def attempt_add(
    *,
    user,
    package: Package,
    item_identifier="sco-1",
    version: PackageVersion | None = None,
    completion="completed",
    success="unknown",
    score_scaled=None,
    score_raw=None,
    score_max=None,
    seconds=0.0,
    answers=(),
    number=1,
) -> PackageAttempt:
    """An attempt with `answers`: (interaction id, response, result) tuples."""
    version = version or package.current_version
    item = version.items.get(identifier=item_identifier)
    lesson = lesson_of(package)
    now = timezone.now()
    attempt = PackageAttempt.objects.create(
        user=user,
        item=item,
        version=version,
        course=lesson.get_parent().specific,
        lesson=lesson,
        number=number,
        started_at=now - timedelta(seconds=seconds),
        updated_at=now,
        completion_status=completion,
        success_status=success,
        score_scaled=score_scaled,
        score_raw=score_raw,
        score_max=score_max,
        score_min=0 if score_max is not None else None,
        total_seconds=seconds,
    )
    PackageInteraction.objects.bulk_create(
        PackageInteraction(
            attempt=attempt,
            index=index,
            interaction_id=interaction_id,
            interaction_type="choice",
            learner_response=response,
            correct_responses=["a"],
            result=result,
            description=f"Question {interaction_id}",
            recorded_at=now,
        )
        for index, (interaction_id, response, result) in enumerate(answers)
    )
    return attempt


def registration_add(*, user, package: Package, run=1) -> Cmi5Registration:
    lesson = lesson_of(package)
    return Cmi5Registration.objects.create(
        user=user,
        package=package,
        version=package.current_version,
        course=lesson.get_parent().specific,
        lesson=lesson,
        run=run,
        created_at=timezone.now(),
    )


def au_state_add(
    *,
    registration,
    item_identifier="au-1",
    completed=False,
    passed=False,
    failed=False,
    waived=False,
    score_scaled=None,
) -> Cmi5AuState:
    now = timezone.now()
    item = registration.version.items.get(identifier=item_identifier)
    return Cmi5AuState.objects.create(
        registration=registration,
        item=item,
        completed_at=now if completed else None,
        passed_at=now if passed else None,
        failed_at=now if failed else None,
        waived_at=now if waived else None,
        waive_reason="Administrative" if waived else "",
        satisfied_at=now if (completed or passed or waived) else None,
        score_scaled=score_scaled,
    )
