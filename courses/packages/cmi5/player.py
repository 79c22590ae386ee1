"""What a cmi5 lesson shows its learner: the course's AUs (blocks as nested lists), each with its
status and a Launch button. Read only: the registration is made at the first launch."""

from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from courses.packages.cmi5.services import is_au
from courses.packages.models import Cmi5AuState, Cmi5Registration

STATUS_LABELS = {
    "not_started": _("Not started"),
    "in_progress": _("In progress"),
    "completed": _("Completed"),
    "passed": _("Passed"),
    "failed": _("Not passed yet"),
    "waived": _("Waived"),
    "satisfied": _("Done"),
}


def localized(texts: dict | None, fallback: str) -> str:
    """The text of a cmi5 langstring map in the reader's language, else English, else any."""
    if not texts:
        return fallback
    language = (get_language() or "en").lower()
    for lang, text in texts.items():
        if lang.lower().split("-")[0] == language.split("-")[0] and text:
            return text
    for lang, text in texts.items():
        if lang.lower().startswith("en") and text:
            return text
    return next((text for text in texts.values() if text), fallback)


def au_status(state: Cmi5AuState | None, launched: bool) -> str:
    if state is None:
        return "in_progress" if launched else "not_started"
    if state.waived_at:
        return "waived"
    if state.satisfied_at:
        return "satisfied"
    if state.passed_at:
        return "passed"
    if state.completed_at:
        return "completed"
    if state.failed_at:
        return "failed"
    return "in_progress" if launched else "not_started"


def _registration(user, lesson) -> Cmi5Registration | None:
    if not user.is_authenticated or lesson.package_id is None:
        return None
    from courses.learning.models import Enrollment

    run = (
        Enrollment.objects.filter(user=user, course_id=lesson.get_parent().pk)
        .values_list("current_run", flat=True)
        .first()
    )
    if run is None:
        return None
    return Cmi5Registration.objects.filter(user=user, package_id=lesson.package_id, run=run).first()


def cmi5_player_context(lesson, request, version) -> dict:
    """{"cmi5": {"tree": [...], "satisfied": bool, "registration": ...}} for the template
    courses/packages/cmi5_player.html. A fixed number of queries whatever the package's size."""
    registration = _registration(request.user, lesson)
    if registration is not None:
        version = registration.version
    states: dict[int, Cmi5AuState] = {}
    launched: set[int] = set()
    if registration is not None:
        states = {s.item_id: s for s in Cmi5AuState.objects.filter(registration=registration)}
        launched = set(registration.sessions.values_list("item_id", flat=True))
    nodes: dict[str, dict] = {}
    tree: list[dict] = []
    for item in version.items.all():
        title = localized(item.data.get("title"), item.title)
        node = {"id": item.pk, "title": title, "is_au": is_au(item), "children": []}
        if node["is_au"]:
            status = au_status(states.get(item.pk), item.pk in launched)
            node["status"] = status
            node["status_label"] = STATUS_LABELS[status]
            node["description"] = localized(item.data.get("description"), "")
            node["launch_url"] = reverse("courses:cmi5:launch", args=[lesson.pk, item.pk])
            node["review"] = status in ("satisfied", "waived")
        else:
            state = states.get(item.pk)
            node["satisfied"] = bool(state and state.satisfied_at)
        nodes[item.identifier] = node
        parent = nodes.get(item.parent_identifier)
        (parent["children"] if parent else tree).append(node)
    return {
        "cmi5": {
            "tree": tree,
            "satisfied": bool(registration and registration.satisfied_at),
            "registration": registration,
            "lesson": lesson,
        }
    }
