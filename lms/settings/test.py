"""The test suite: the database and broker come from the environment like everywhere else."""

import os

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
ACCOUNT_RATE_LIMITS = False
# Two-factor set-up is required of ORE and admin accounts; tests/lms/test_mfa.py turns it on.
MFA_REQUIRED_FOR_STAFF = False
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"
MONITORING_RELEASE_DIR = BASE_DIR / ".test-monitoring-releases"
PACKAGE_ROOT = BASE_DIR / ".test-package-files"

# `make test` runs pytest in several processes (pytest-xdist). pytest-django gives each its own
# test database (test_<name>_gw0, ...; SQLite's are in memory); here each also gets its own
# directories and its own Celery queue on the broker, so a worker started by one process's test
# never runs another's tasks and a purge empties only its own queue. The Celery worker processes
# a test starts inherit PYTEST_XDIST_WORKER, so they listen on the same queue.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if XDIST_WORKER:
    MEDIA_ROOT /= XDIST_WORKER
    PRIVATE_MEDIA_ROOT /= XDIST_WORKER
    MONITORING_RELEASE_DIR /= XDIST_WORKER
    PACKAGE_ROOT /= XDIST_WORKER
    CELERY_TASK_DEFAULT_QUEUE = f"tests-{XDIST_WORKER}"
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
