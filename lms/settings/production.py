"""Production: hardens the base settings. `manage.py check --deploy` is clean with these."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *
from .base import CERTIFICATE_SIGNING_KEY, SECRET_KEY, env_bool

DEBUG = False
if SECRET_KEY.startswith("insecure-") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set SECRET_KEY to a random string of at least 50 characters.")

if not CERTIFICATE_SIGNING_KEY.strip().startswith("-----BEGIN"):
    # A key made on the fly would differ per server and die with the container: credentials
    # signed with it could not be verified later.
    raise ImproperlyConfigured(
        "Set CERTIFICATE_SIGNING_KEY to the RSA private key (PEM) that signs certificates."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# collectstatic names each file by a hash of its content (site.3f2a9c1b.css), and whitenoise
# serves those names with "max-age=315360000, public, immutable": browsers and proxies keep
# them for good, and a changed file gets a new name. A file asked for by its plain name
# (site.css) may change at the next deploy: it is kept for WHITENOISE_MAX_AGE seconds only.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = int(os.environ.get("STATIC_PLAIN_NAME_MAX_AGE") or 60)
if not os.environ.get("SMTP_HOST"):
    # No relay named: hand mail to the local MTA rather than printing it.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend"}}
