"""Every setting, read from the environment, with safe defaults for the embedded run.

dev.py, test.py and production.py only adjust what differs; see README "Configuration".
"""

import os
from pathlib import Path

import dj_database_url

from lms.security import content_security_policy

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-embedded-default-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# The base of every absolute link we hand out. Unset, it follows the port the server runs on
# (`make demo PORT=8010` passes PORT), so links point at this server and not at :8000.
SITE_URL = os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}"
WAGTAILADMIN_BASE_URL = SITE_URL

INSTALLED_APPS = [
    "lms.users",
    "content",
    "courses",
    "analytics",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "content.page_cache.PagesVersionMiddleware",
    "lms.security.HttpMethodMiddleware",
    "lms.security.PackageFrameMiddleware",
    "lms.security.AdminQueryMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "lms.security.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lms.users.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "lms.users.middleware.IdentityProviderUnavailableMiddleware",
    "lms.users.middleware.StaffTwoFactorRequiredMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "lms.urls"
WSGI_APPLICATION = "lms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "lms" / "templates"],
        "OPTIONS": {
            # The apps' templates/ folders, with the feature packages' own before them
            # (lms/template_loaders.py); cached, as Django does when no loaders are named.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "lms.template_loaders.FeatureTemplatesLoader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lms.context_processors.site_roles",
                "django.template.context_processors.csp",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a long import writes; a timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # SQLite builds a covering index without its INCLUDE columns (the export's index on
    # assignments): the same rows found, only not from the index alone. Nothing to act on.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    # Wagtail's database search backend uses PostgreSQL full text search through this app.
    INSTALLED_APPS.append("django.contrib.postgres")
    # DATABASE_POOL=N: each process keeps up to N connections in Django's pool (psycopg_pool)
    # instead of one persistent connection per thread; Django refuses both at once, so the pool
    # turns CONN_MAX_AGE off. The pool checks a connection as it lends it (CONN_HEALTH_CHECKS).
    DATABASE_POOL = int(os.environ.get("DATABASE_POOL") or 0)
    if DATABASE_POOL > 0:
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DATABASE_POOL,
            "timeout": int(os.environ.get("DATABASE_POOL_TIMEOUT") or 10),
        }
# The few fixed queries of every signed-in request run as prepared statements on PostgreSQL
# (lms/prepared.py); 0 for a pooler that does not carry them (PgBouncer before 1.21).
DATABASE_PREPARED_STATEMENTS = os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") != "0"
if os.environ.get("DATABASE_REPLICA_URL"):
    # A PostgreSQL read replica of the primary: only callers that ask for it by name read it
    # (the full analytics run's extracts, lms/db_router.py). Tests point it at the test
    # database itself.
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["lms.db_router.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "users.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "courses:my_learning"
LOGOUT_REDIRECT_URL = "/"

# --- allauth: email sign-in, no open signup (accounts come from the roster) ---
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "lms.users.adapters.RosterAccountAdapter"
SOCIALACCOUNT_ADAPTER = "lms.users.adapters.RosterSocialAccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
# Failed sign-ins are limited per account (key); the per-address limit is much higher because
# a department's staff may all reach us from one proxy address (see TRUSTED_PROXY_COUNT).
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("RATE_LIMIT_LOGIN_FAILED", "100/5m/ip,5/5m/key"),
    "login": os.environ.get("RATE_LIMIT_LOGIN", "300/m/ip"),
    "reset_password": "100/m/ip,5/m/key",
    "reset_password_from_key": "100/m/ip",
}
# Sign-in through the city's identity provider: the IdP vouches for the email, and we link the
# account to the roster employee with that email. Unknown emails are refused (no signup).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_PROVIDERS: dict = {}
OIDC_SERVER_URL = os.environ.get("OIDC_SERVER_URL", "")
if OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "EMAIL_AUTHENTICATION": True,
        # No VERIFIED_EMAIL: only an email the provider says it verified (`email_verified`)
        # links to a roster employee.
        "APPS": [
            {
                "provider_id": os.environ.get("OIDC_PROVIDER_ID", "city"),
                "name": os.environ.get("OIDC_PROVIDER_NAME", "City single sign-on"),
                "client_id": os.environ.get("OIDC_CLIENT_ID", ""),
                "secret": os.environ.get("OIDC_CLIENT_SECRET", ""),
                "settings": {
                    "server_url": OIDC_SERVER_URL,
                    "token_auth_method": os.environ.get(
                        "OIDC_TOKEN_AUTH_METHOD", "client_secret_basic"
                    ),
                },
            }
        ],
    }
# Calls to the identity provider give up after this many seconds (then: a clear 503 page).
SOCIALACCOUNT_REQUESTS_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT_SECONDS", "5"))
# Whom people who cannot sign in (not on the roster, unverified email) are told to write to.
ROSTER_CONTACT_EMAIL = os.environ.get("ROSTER_CONTACT_EMAIL", "ore.lms@lacity.test")
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Two-factor authentication (allauth.mfa): an authenticator app, with recovery codes. ORE and
# admin accounts must set one up before anything else (lms.users.middleware) unless this is off.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = os.environ.get("MFA_TOTP_ISSUER", "Equity LMS")
MFA_REQUIRED_FOR_STAFF = env_bool("MFA_REQUIRED_FOR_STAFF", True)
# Every email here comes from the roster or the system owner (there is no signup).
MFA_ALLOW_UNVERIFIED_EMAIL = True

# --- Content-Security-Policy (Django's middleware; the policies are built in lms/security.py) ---
# Enforced everywhere, dev and tests included, so a violation shows up before production.
# Inline <script>/<style> need nonce="{{ csp_nonce }}"; style="..." attributes are refused.
# Serve package files from another origin (e.g. "https://packages.lms.example.org"), see README;
# the lesson pages then frame that origin.
PACKAGE_FILES_ORIGIN = os.environ.get("PACKAGE_FILES_ORIGIN", "").rstrip("/")
SECURE_CSP, SECURE_CSP_ADMIN = content_security_policy(
    sign_in_url=OIDC_SERVER_URL,
    frame_sources=[*env_list("CSP_FRAME_SOURCES"), *filter(None, [PACKAGE_FILES_ORIGIN])],
    report_uri=os.environ.get("CSP_REPORT_URI", ""),
)
CSP_ADMIN_PATH_PREFIXES = ["/admin/", "/django-admin/"]
# Editors' avatars would otherwise come from gravatar.com, sending it a hash of their email.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask releases.wagtail.org for a newer version (blocked by the CSP anyway).
WAGTAIL_ENABLE_UPDATE_CHECK = False

# --- i18n ---
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Los_Angeles"
USE_I18N = True
USE_TZ = True

# --- static and media ---
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [
    BASE_DIR / "lms" / "static",
    # The SCORM runtime (npm scorm-again, installed by `make install`), served as a static file.
    ("vendor/scorm-again", BASE_DIR / "node_modules" / "scorm-again" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Private files (TA request attachments) live outside MEDIA_ROOT and are served only by views
# that check access first.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-media-not-served/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Wagtail ---
WAGTAIL_SITE_NAME = "Equity LMS"
# lms/urls.py's admin sign-in: visitors go on to allauth's, signed-in people without access get 403.
WAGTAILADMIN_LOGIN_URL = "/admin/login/"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Only these may be uploaded; content/forms.py also checks each file's bytes match its name.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "txt", "vtt", "mp4", "webm"]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
# Emails come from the roster (verified for sign-in): nobody changes theirs in the admin.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_PRIVATE_PAGE_OPTIONS = {"SHARED_PASSWORD": False}
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENT_MAX_UPLOAD_MB", "25")) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "content.forms.SafeDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True

# --- Celery: without a broker, tasks run in-process (the embedded default) ---
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "") or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE

# --- compliance: reminders and live sessions ---
# At most one compliance refresh is queued or running; the changes made while one runs are
# refreshed together this many seconds after it ends (lms.queueing.delay_coalesced).
COMPLIANCE_REFRESH_DELAY_SECONDS = float(os.environ.get("COMPLIANCE_REFRESH_DELAY_SECONDS", "1"))
# A liaison may send this many reminders by hand per hour; one person gets at most one manual
# reminder per requirement per day.
REMINDER_MANUAL_LIMIT_PER_HOUR = int(os.environ.get("REMINDER_MANUAL_LIMIT_PER_HOUR", "300"))
# A reminder claimed this many minutes ago and still not sent is stuck (its sender died): ORE
# sees it in the admin and may release it with `manage.py release_reminders`.
REMINDER_STUCK_AFTER_MINUTES = int(os.environ.get("REMINDER_STUCK_AFTER_MINUTES", "15"))

# --- analytics and the published monitoring dataset ---
# The same for the incremental analytics run after changed statuses (each costs about a second
# of a worker's CPU at 50,000): the changes made during one are run this many seconds after it.
ANALYTICS_REFRESH_DELAY_SECONDS = float(os.environ.get("ANALYTICS_REFRESH_DELAY_SECONDS", "10"))
# Complete analytics runs kept (with their rows) besides those still visible.
ANALYTICS_KEEP_RUNS = int(os.environ.get("ANALYTICS_KEEP_RUNS", "30"))
# A running analytics run that has not beaten its heartbeat for this many seconds is abandoned
# (its worker was killed): the releases page says so, and it blocks nothing.
ANALYTICS_RUN_HEARTBEAT_TIMEOUT = int(os.environ.get("ANALYTICS_RUN_HEARTBEAT_TIMEOUT", "600"))
# Releases of the monitoring dataset: one directory each, plus a `latest` pointer.
MONITORING_RELEASE_DIR = Path(
    os.environ.get("MONITORING_RELEASE_DIR", BASE_DIR / "monitoring-releases")
)
# Published counts of people below this are withheld (CMS/CalHHS convention: 11).
MONITORING_SUPPRESSION_THRESHOLD = int(os.environ.get("MONITORING_SUPPRESSION_THRESHOLD", "11"))
MONITORING_LICENSE = os.environ.get("MONITORING_LICENSE", "ODC-PDDL-1.0")
MONITORING_PUBLISHER = os.environ.get(
    "MONITORING_PUBLISHER",
    "City of Los Angeles, Civil + Human Rights and Equity Department, Office of Racial Equity",
)
# Optional: each valid release is also POSTed here (a city's open-data portal or monitoring
# system), with the token as a bearer credential.
MONITORING_PUSH_URL = os.environ.get("MONITORING_PUSH_URL", "")
MONITORING_PUSH_TOKEN = os.environ.get("MONITORING_PUSH_TOKEN", "")
MONITORING_PUSH_ATTEMPTS = int(os.environ.get("MONITORING_PUSH_ATTEMPTS", "4"))
MONITORING_PUSH_TIMEOUT_SECONDS = float(os.environ.get("MONITORING_PUSH_TIMEOUT_SECONDS", "30"))

# --- cache: rate limits need a shared cache in production ---
REDIS_CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_CACHE_URL}
        if REDIS_CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Published pages as read, per process, under the pages' version (content.page_cache):
    # correct without sharing, since every request reads the version from the database.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "equity-pages",
        "TIMEOUT": 60 * 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# --- sessions: with a shared cache, read from it and write through to the database (no query
# per request, and sessions outlive a cache flush); otherwise the database alone. Ending a
# session goes through the session store (sign-out flushes the cached copy too), never by
# deleting rows; a deactivated account or a changed password ends its other sessions at their
# next request, since the user row is read on every request. ---
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if REDIS_CACHE_URL
    else "django.contrib.sessions.backends.db"
)

# --- roster import: refuse a file that would deactivate more than this share of active
# employees (a truncated HR export) unless the operator confirms the count ---
ROSTER_MAX_DEACTIVATION_PERCENT = float(os.environ.get("ROSTER_MAX_DEACTIVATION_PERCENT", "5"))

# --- email (Django 6.1 MAILERS) ---
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Equity LMS <no-reply@lacity.test>")
# The ORGANIZER of live-session calendar invitations: an ORE mailbox that can take replies.
CALENDAR_ORGANIZER_EMAIL = os.environ.get("CALENDAR_ORGANIZER_EMAIL", DEFAULT_FROM_EMAIL)
if os.environ.get("SMTP_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["SMTP_HOST"],
                "port": int(os.environ.get("SMTP_PORT", "587")),
                "username": os.environ.get("SMTP_USER", ""),
                "password": os.environ.get("SMTP_PASSWORD", ""),
                "use_tls": env_bool("SMTP_USE_TLS", True),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# --- logging: never log employee names; log ids only ---
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}

# The load bench's floor view (/health/floor/, lms/views.py): a 404 unless the bench sets it.
BENCH_FLOOR_VIEW = env_bool("BENCH_FLOOR_VIEW", False)

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "equity-demo-2026")
# The authenticator secret seed_demo gives the demo ORE and admin accounts (base32; printed).
DEMO_TOTP_SECRET = os.environ.get("DEMO_TOTP_SECRET", "EQUITYLMSDEMOAUTHENTICATORSECRET")

# --- certificates: Open Badges 3.0 credentials are signed with this RSA key (PEM). Without one,
# a development key is made once in CERTIFICATE_KEY_FILE; production must set the variable.
CERTIFICATE_SIGNING_KEY = os.environ.get("CERTIFICATE_SIGNING_KEY", "")
CERTIFICATE_KEY_FILE = Path(
    os.environ.get("CERTIFICATE_KEY_FILE", BASE_DIR / ".keys" / "certificate-signing.pem")
)
CERTIFICATE_ISSUER_NAME = os.environ.get(
    "CERTIFICATE_ISSUER_NAME", "City of Los Angeles, Office of Racial Equity"
)


# --- packaged courses (SCORM 1.2, SCORM 2004, cmi5) and xAPI ---
# Where imported packages are unpacked (one folder per version); never under MEDIA_ROOT, so only
# the package views (signed-in learners of the course) serve them.
PACKAGE_ROOT = Path(os.environ.get("PACKAGE_ROOT", BASE_DIR / "package-files"))
# What an import accepts at most (zip bombs): the zip's own size, the number of files, their
# uncompressed size, and the compression ratio of any one file.
PACKAGE_MAX_UPLOAD_BYTES = int(os.environ.get("PACKAGE_MAX_UPLOAD_BYTES", 500 * 1024 * 1024))
PACKAGE_MAX_FILES = int(os.environ.get("PACKAGE_MAX_FILES", "10000"))
PACKAGE_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("PACKAGE_MAX_UNCOMPRESSED_BYTES", 1024 * 1024 * 1024)
)
PACKAGE_MAX_RATIO = int(os.environ.get("PACKAGE_MAX_RATIO", "200"))
# Where courses.packages serves package files (lms.security.PackageFrameMiddleware keeps them
# from setting cookies and from reaching the admin).
PACKAGE_FILES_PATH_PREFIX = "/learn/packages/files/"
# The xAPI endpoint's IRI base for the activities and agents Equity LMS names in its statements.
XAPI_IRI_BASE = os.environ.get("XAPI_IRI_BASE", "https://lms.lacity.test/xapi")
# Forwarding to the city's LRS: off unless XAPI_FORWARD_URL is set (the LRS's xAPI base URL).
XAPI_FORWARD_URL = os.environ.get("XAPI_FORWARD_URL", "")
XAPI_FORWARD_USERNAME = os.environ.get("XAPI_FORWARD_USERNAME", "")
XAPI_FORWARD_PASSWORD = os.environ.get("XAPI_FORWARD_PASSWORD", "")
XAPI_FORWARD_BATCH = int(os.environ.get("XAPI_FORWARD_BATCH", "100"))
# How long a cmi5 launch's xAPI credential lasts.
XAPI_CREDENTIAL_HOURS = int(os.environ.get("XAPI_CREDENTIAL_HOURS", "12"))
