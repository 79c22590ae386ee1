"""Queueing a task by name. Task modules import the services they wrap, never the reverse: a
service that queues work asks for the task by its registered name. Every app's `ready()` imports
its task modules, so the registry is full in web processes and workers alike.

Coalesced queueing, for the refreshes that read marks (compliance's stale marks, analytics'
dirty marks): on deadline day every lesson done queues a compliance refresh, and each refresh
reads every mark waiting. With `delay_coalesced` at most one such task is queued or running at
a time. When none is, a change sends one at once (a quiet system refreshes at once). While one
is, changes send nothing; when it ends (`coalesced_finished`) with marks left that it did not
read, it queues the next one, `seconds` later, for all of them: under load, one refresh every
few seconds for many requests, the same figures as one each.

Why nothing is lost: a flag in the default cache says a task is queued or running. A change
whose marks committed while the flag was up sends nothing. Its marks are either read by the
task, or still there when the task, having lowered the flag, looks for marks left, and then it
queues the next. A change whose marks committed after that look finds the flag down and sends.
A flag whose task was lost (a worker killed, a broker restart) lapses after `_FLAG_SECONDS`;
beat's sweep of the stale marks (lms/celery.py) and the next change catch up. A cache that
cannot be asked means sending, as without coalescing; two runs at once are harmless, only
wasteful. In-process (no broker) the task runs at the commit, and nothing is coalesced.
"""

import logging
from collections.abc import Callable

from celery import Task
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# A queued or running task's flag lapses after this long (plus its delay): time enough for a
# busy worker to start it and finish, short enough that a lost task holds changes back no longer.
_FLAG_SECONDS = 120


def task_named(name: str) -> Task:
    """The registered task `name` (for example "courses.tasks.assignments_refresh_stale_task");
    `.delay_on_commit(...)` queues it once the current transaction commits."""
    from lms.celery import app

    return app.tasks[name]


def delay_coalesced(name: str, **kwargs) -> None:
    """Queues task `name` with `kwargs` once the current transaction commits, unless one is
    queued or running already (see the module). The task ends with `coalesced_finished`."""
    task = task_named(name)
    transaction.on_commit(lambda: _send(task, countdown=0, kwargs=kwargs))


def coalesced_finished(
    name: str, *, marks_left: Callable[[], bool], seconds: float, **kwargs
) -> bool:
    """Called by task `name` when it has done its work: lets the next change queue it again,
    then, when `marks_left()` (marks it did not read, committed while it ran), queues the next
    run itself, `seconds` from now, with `kwargs`. True when it queued one."""
    task = task_named(name)
    if task.app.conf.task_always_eager:
        return False  # each change ran its own
    _flag_lower(_flag(task))
    if not marks_left():
        return False
    return _send(task, countdown=seconds, kwargs=kwargs)


def _send(task: Task, *, countdown: float, kwargs: dict) -> bool:
    if task.app.conf.task_always_eager:
        task.apply_async(kwargs=kwargs)
        return True
    key = _flag(task)
    if not _flag_raise(key, countdown):
        return False
    try:
        task.apply_async(kwargs=kwargs, countdown=countdown or None)
    except BaseException:
        _flag_lower(key)
        raise
    return True


def _flag(task: Task) -> str:
    # The queue is in the key: test processes, each with a queue of their own, share a cache.
    return f"queued:{task.app.conf.task_default_queue}:{task.name}"


def _flag_raise(key: str, countdown: float) -> bool:
    """True when no task was queued or running (the flag is now up), or when the cache cannot
    tell."""
    try:
        return cache.add(key, 1, timeout=countdown + _FLAG_SECONDS)
    except Exception as error:  # any cache failure: send, as without coalescing
        logger.warning("cache unavailable, queueing without coalescing: %s", error)
        return True


def _flag_lower(key: str) -> None:
    try:
        cache.delete(key)
    except Exception as error:  # the flag lapses by itself
        logger.warning("cache unavailable, flag %s left to lapse: %s", key, error)
