"""Queueing a task by name. Task modules import the services they wrap, never the reverse: a
service that queues work asks for the task by its registered name. Every app's `ready()` imports
its task modules, so the registry is full in web processes and workers alike.

Coalesced queueing, for the refreshes that read marks (compliance's stale marks, analytics'
dirty marks): on deadline day every lesson done queues a compliance refresh, and each refresh
reads every mark waiting. `delay_coalesced` sends the task a little later, and sends none while
one is already waiting to start, so the changes of that moment are refreshed together: one
message and one refresh for many requests, the same figures as one each.

Why nothing is lost: a flag in the default cache says a task is waiting. The task clears it
(`coalesced_started`) before it reads any mark. A request whose marks committed while the flag
was up sends nothing, and the waiting task, which has not read yet, reads them. A flag whose
task was lost (a broker restart) lapses after `_FLAG_SECONDS`; beat's sweep of the marks
(lms/celery.py) catches what waited meanwhile. A cache that cannot be asked means sending, as
without coalescing. In-process (no broker) the task runs at the commit, and nothing is coalesced.
"""

import logging

from celery import Task
from django.core.cache import cache
from django.db import transaction

logger = logging.getLogger(__name__)

# A waiting task's flag lapses after its delay and this long: time enough for a busy worker to
# start it, short enough that a lost task delays a refresh by no more than this.
_FLAG_SECONDS = 60


def task_named(name: str) -> Task:
    """The registered task `name` (for example "courses.tasks.assignments_refresh_stale_task");
    `.delay_on_commit(...)` queues it once the current transaction commits."""
    from lms.celery import app

    return app.tasks[name]


def delay_coalesced(name: str, *, seconds: float, **kwargs) -> None:
    """Queues task `name` with `kwargs` to start `seconds` after the current transaction
    commits, unless one queued before has not started yet (its keyword arguments then stand).
    The task must call `coalesced_started(name)` before it reads what it works on."""
    task = task_named(name)

    def send() -> None:
        if task.app.conf.task_always_eager:
            task.apply_async(kwargs=kwargs)
            return
        key = _flag(task)
        if not _flag_raise(key, seconds):
            return
        try:
            task.apply_async(kwargs=kwargs, countdown=seconds)
        except BaseException:
            _flag_lower(key)
            raise

    transaction.on_commit(send)


def coalesced_started(name: str) -> None:
    """Called by task `name` first: the next change queues a task again."""
    task = task_named(name)
    if not task.app.conf.task_always_eager:
        _flag_lower(_flag(task))


def _flag(task: Task) -> str:
    # The queue is in the key: test processes, each with a queue of their own, share a cache.
    return f"queued:{task.app.conf.task_default_queue}:{task.name}"


def _flag_raise(key: str, seconds: float) -> bool:
    """True when no task was waiting (the flag is now up), or when the cache cannot tell."""
    try:
        return cache.add(key, 1, timeout=seconds + _FLAG_SECONDS)
    except Exception as error:  # any cache failure: send, as without coalescing
        logger.warning("cache unavailable, queueing without coalescing: %s", error)
        return True


def _flag_lower(key: str) -> None:
    try:
        cache.delete(key)
    except Exception as error:  # the flag lapses by itself
        logger.warning("cache unavailable, flag %s left to lapse: %s", key, error)
