"""The package player in a package lesson's page: which SCO plays, the table of contents, the
Previous/Continue, Suspend and Exit controls, and the runtime's settings for player.js.

Navigation is by page: choosing an item, Continue or Previous loads the lesson page again with
the request in the query (?nav=continue&from=SCO1), and the server decides by the package's
sequencing (courses.packages.sequencing) what it delivers. So the browser never decides what a
learner may open, and every SCO starts with a fresh runtime.
"""

from urllib.parse import urlencode

from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks

from courses.packages import runtime, sequencing
from courses.packages.files import files_origin, package_file_url
from courses.packages.models import PackageAttempt, PackageKind

RUNTIME_SCRIPT = {
    PackageKind.SCORM12: "vendor/scorm-again/scorm12.min.js",
    PackageKind.SCORM2004: "vendor/scorm-again/scorm2004.min.js",
}


CROSS_FRAME_LMS_SCRIPT = "vendor/scorm-again/cross-frame-lms.min.js"


def _lesson_url(lesson, request, **query) -> str:
    url = lesson.get_url(request)
    return f"{url}?{urlencode(query)}" if query else url


def _with_query(url: str, **query) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(query)}"


def _choose(state: runtime.RunState, query) -> tuple[str | None, str]:
    """The leaf to deliver for the page's query, and a notice when the request was refused."""
    tree, states, globals_ = state.tree, state.states, state.globals_
    leaves = tree.leaves()
    nav, origin, target = query.get("nav", ""), query.get("from") or None, query.get("item")
    if origin not in leaves:
        origin = None
    if nav in ("continue", "previous", "choice"):
        chosen = sequencing.navigate(
            tree, states, globals_, current=origin, request=nav, target=target
        )
        if chosen is not None:
            return chosen, ""
        notice = _("That part of the package is not available yet.")
    else:
        notice = ""
    if notice and origin is not None:
        return origin, notice  # a refused request stays where the learner was
    suspended = [
        attempt
        for identifier, attempt in state.attempts.items()
        if attempt.exit == "suspend" and identifier in states
    ]
    if suspended:
        return max(suspended, key=lambda attempt: attempt.updated_at).item.identifier, notice
    # Flow from the start past what is done, as far as flow may go (forced order stops at
    # a disabled activity); without flow, the first activity not done that may be chosen.
    current = sequencing.flow(tree, states, globals_, None, "forward")
    while current is not None and sequencing.is_done(state.rolled[current]):
        following = sequencing.flow(tree, states, globals_, current, "forward")
        if following is None:
            break
        current = following
    if current is None:
        current = next(
            (
                leaf
                for leaf in leaves
                if not sequencing.is_done(state.rolled[leaf])
                and sequencing.choice_allowed(tree, states, globals_, None, leaf)
            ),
            leaves[0] if leaves else None,
        )
    return current, notice


def _status_text(row: dict) -> str:
    if row["is_done"]:
        return _("Done")
    if row["is_failed"]:
        return _("Not passed yet")
    if row["is_attempted"]:
        return _("In progress")
    return _("Not started")


@hooks.register("courses_package_player_context")
def player_context(lesson, request) -> dict:
    """What the lesson page shows for a package lesson (kind cmi5: pkg-cmi5's player)."""
    version = lesson.package.current_version if lesson.package_id else None
    if version is None:
        return {"package_player": {"is_missing": True}}
    if version.kind == PackageKind.CMI5:
        from courses.packages.cmi5.player import cmi5_player_context

        return {"package_kind": "cmi5", **cmi5_player_context(lesson, request, version)}
    user = request.user
    course = lesson.get_parent().specific
    run = runtime._run_for(user=user, course=course)
    state = runtime.run_state(user=user, version=version, run=run)
    items = {item.identifier: item for item in version.items.all()}
    has_left = "left" in request.GET
    current, notice = _choose(state, request.GET)
    leaves = state.tree.leaves()
    toc = []
    for row in sequencing.table_of_contents(state.tree, state.states, state.globals_, current):
        row["status_text"] = _status_text(row)
        if row["is_choosable"]:
            row["url"] = _lesson_url(
                lesson, request, nav="choice", item=row["identifier"], **{"from": current or ""}
            )
        toc.append(row)
    player = {
        "kind": version.kind,
        "version": version,
        "toc": toc if len(leaves) > 1 else [],
        "notice": notice,
        "is_playing": not has_left and current is not None,
        "resume_url": _lesson_url(lesson, request),
        "is_done": sequencing.is_done(state.rolled[state.tree.root]),
        "runtime_script": RUNTIME_SCRIPT[version.kind],
        # package files on a separate origin: the SCO reaches the runtime by postMessage
        "cross_frame_script": CROSS_FRAME_LMS_SCRIPT if files_origin() else "",
    }
    if current is None or has_left:
        return {"package_kind": version.kind, "package_player": player}
    item = items[current]
    attempt = runtime.attempt_for(user=user, lesson=lesson, item=item)
    for direction, request_name in (("forward", "continue"), ("backward", "previous")):
        target = sequencing.flow(state.tree, state.states, state.globals_, current, direction)
        player[f"{request_name}_url"] = (
            _lesson_url(lesson, request, nav=request_name, **{"from": current}) if target else ""
        )
    # What a SCO reads in adl.nav.request_valid (before the adlnav hiding below).
    nav_valid = {
        "continue": "true" if player["continue_url"] else "false",
        "previous": "true" if player["previous_url"] else "false",
    }
    # SCORM 2004 adlnav: the SCO offers these itself, so the player hides its own.
    hidden = set((item.data or {}).get("hide_lms_ui") or [])
    if "continue" in hidden:
        player["continue_url"] = ""
    if "previous" in hidden:
        player["previous_url"] = ""
    launch_url = package_file_url(version, item.launch_url, user=user)
    player.update(
        {
            "item": item,
            "attempt": attempt,
            "launch_url": launch_url,
            "exit_url": ""
            if hidden & {"exit", "exitAll"}
            else _lesson_url(lesson, request, left="exit"),
            "new_window_url": _with_query(request.get_full_path(), window="new"),
            "is_new_window": request.GET.get("window") == "new"
            or bool((item.data or {}).get("new_window")),
            "suspend_url": ""
            if "suspendAll" in hidden
            else _lesson_url(lesson, request, left="suspend"),
            "config": {
                "kind": version.kind,
                "launchUrl": launch_url,
                "stateUrl": reverse("courses:packages:attempt_state", args=[attempt.pk]),
                "commitUrl": reverse("courses:packages:attempt_commit", args=[attempt.pk]),
                "revision": attempt.revision,
                "values": runtime.launch_values(
                    attempt=attempt, user=user, language=get_language() or "en"
                ),
                "csrfToken": get_token(request),
                "filesOrigin": files_origin(),
                "navValid": nav_valid,
                "newWindow": request.GET.get("window") == "new"
                or bool((item.data or {}).get("new_window")),
                "messages": {
                    "commitFailed": _(
                        "Your progress could not be saved. Check your connection; "
                        "the package will try again when you continue."
                    ),
                    "newWindowOpen": _(
                        "The package is open in another window. Come back here when you "
                        "have finished."
                    ),
                },
            },
        }
    )
    return {"package_kind": version.kind, "package_player": player}


def navigation_url(*, attempt: PackageAttempt, request) -> str:
    """Where the player goes after the SCO finished: the SCO's navigation request (SCORM 2004
    adl.nav.request) or, for SCORM 1.2, the next SCO once this one is done. Empty: stay."""
    lesson = attempt.lesson
    identifier = attempt.item.identifier
    request_name, target = sequencing.parse_nav_request(getattr(attempt, "nav_request", ""))
    if request_name in ("continue", "previous"):
        return _lesson_url(lesson, request, nav=request_name, **{"from": identifier})
    if request_name == "choice" and target:
        return _lesson_url(lesson, request, nav="choice", item=target, **{"from": identifier})
    if request_name in ("exit", "exitAll", "suspendAll"):
        return _lesson_url(lesson, request, left=request_name)
    if attempt.version.kind == PackageKind.SCORM12 and attempt.exit == "normal":
        state = runtime.run_state(user=attempt.user, version=attempt.version, run=attempt.run)
        if sequencing.is_done(state.rolled.get(identifier, {})):
            following = sequencing.flow(
                state.tree, state.states, state.globals_, identifier, "forward"
            )
            if following:
                return _lesson_url(lesson, request, nav="continue", **{"from": identifier})
            return _lesson_url(lesson, request, left="done")
    return ""
