"""The test suite: the database and broker come from the environment like everywhere else."""

from .base import *

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
MEDIA_ROOT = BASE_DIR / ".test-media"
ACCOUNT_RATE_LIMITS = False
# Two-factor set-up is required of ORE and admin accounts; tests/lms/test_mfa.py turns it on.
MFA_REQUIRED_FOR_STAFF = False
PRIVATE_MEDIA_ROOT = BASE_DIR / ".test-private-media"
STORAGES["private"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
MONITORING_RELEASE_DIR = BASE_DIR / ".test-monitoring-releases"
