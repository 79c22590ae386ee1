"""Queueing a task by name. Task modules import the services they wrap, never the reverse: a
service that queues work asks for the task by its registered name. Every app's `ready()` imports
its task modules, so the registry is full in web processes and workers alike."""

from celery import Task


def task_named(name: str) -> Task:
    """The registered task `name` (for example "courses.tasks.assignments_refresh_stale_task");
    `.delay_on_commit(...)` queues it once the current transaction commits."""
    from lms.celery import app

    return app.tasks[name]
