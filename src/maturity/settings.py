"""Settings, all read from environment variables (see the README's configuration table).

Development defaults apply only when DEBUG is on; with DEBUG off the product refuses to start
without a real SECRET_KEY and ALLOWED_HOSTS, and turns on the HTTPS protections.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from urllib.parse import urlsplit

from maturity.env import (
    SettingError,
    env_bool,
    env_database,
    env_date,
    env_email,
    env_float,
    env_int,
    env_list,
    env_str,
    env_time,
)

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(env_str("MATURITY_HOME") or Path.cwd())
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("MATURITY_TESTING", False)
# A demonstration (`make run`): every page says that its people, assessments and round results are
# made up (`maturity demo load`), so nobody takes the demo's figures for real ones.
DEMO = env_bool("DEMO", False)

_DEV_SECRET = "dev-only-secret-key-never-use-in-production-0123456789abcdefghijklmnop"
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET if DEBUG or TESTING else None)
if not SECRET_KEY:
    raise SettingError("SECRET_KEY must be set when DEBUG is off (50 or more random characters)")
if not (DEBUG or TESTING) and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise SettingError("SECRET_KEY must be a private random value of 50 or more characters")

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS",
    ["127.0.0.1", "localhost", "[::1]"] + (["testserver"] if TESTING else []) if DEBUG or TESTING else [],
)
if not ALLOWED_HOSTS:
    raise SettingError("ALLOWED_HOSTS must list the host names this service answers to")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "maturity.accounts",
    "maturity.frameworks",
    "maturity.organisations",
    "maturity.assessments",
    "maturity.groups",
    "maturity.benchmarks",
    "maturity.evidence",
    "maturity.exemplars",
    "maturity.api",
    "maturity.audit",
    "maturity.jobs",
    "maturity.documents",
    "maturity.comments",
    "maturity.plans",
    "maturity.workplace",
    "django_tasks",
    "django_tasks_db",
    "maturity.operations",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: every request gets an id and a log line; health probes are answered before anything
    # (host names, HTTPS, sessions, sign-in) could turn them away.
    "maturity.operations.requests.request_log",
    "maturity.operations.health.health_endpoints",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Once the person is known: their language, else the browser's (maturity/language.py).
    "maturity.language.choose_language",
    # Before any view or CSRF check reads a body too large for its view (413): maturity/uploads.py.
    "maturity.uploads.upload_limits",
    "maturity.audit.middleware.audit_context",
    "django.contrib.messages.middleware.MessageMiddleware",
    "maturity.accounts.middleware.session_limits",
    "maturity.accounts.middleware.two_factor_required",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "maturity.middleware.security_headers",
]

ROOT_URLCONF = "maturity.urls"
CSRF_FAILURE_VIEW = "maturity.views.csrf_failure"
WSGI_APPLICATION = "maturity.wsgi.application"

TEMPLATES = [
    {
        # Pages render with Jinja2 so that the GOV.UK Frontend macros can be used as published.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "maturity.jinja.environment", "autoescape": True},
    },
    {
        # Django's own admin keeps its Django templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'maturity.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Every transaction takes SQLite's write lock when it begins (BEGIN IMMEDIATE), so one that must
    # wait for another writer waits (up to `timeout` seconds) instead of failing with "database is
    # locked" when it first writes: docs/adr/0017-saves-that-never-overwrite.md.
    # WAL: readers never wait for the writer, nor the writer for them; an import of notices writes
    # in one short transaction at its end (docs/adr/0018-imports-under-limits.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        timeout=20, transaction_mode="IMMEDIATE", init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    )
    DATABASES["default"]["TEST"] = {"NAME": None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "full_name")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "maturity.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    # Django's 20,000 common passwords and a shipped list of 4.2 million breached ones.
    {"NAME": "maturity.accounts.passwords.BreachedPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Signed out after SESSION_IDLE_SECONDS without a request (the session's expiry is renewed by a
# request at most once a minute, so that pages do not each write the session), and
# SESSION_MAX_SECONDS after signing in however active (accounts.middleware).
# SESSION_COOKIE_AGE is the idle limit's former name, still read.
_idle_default = env_int("SESSION_COOKIE_AGE", 30 * 60, minimum=300)
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", _idle_default, minimum=300)
if env_str("SESSION_COOKIE_AGE") and env_str("SESSION_IDLE_SECONDS") and _idle_default != SESSION_COOKIE_AGE:
    raise SettingError("SESSION_COOKIE_AGE is the old name of SESSION_IDLE_SECONDS: set only SESSION_IDLE_SECONDS")
SESSION_MAX_SECONDS = env_int("SESSION_MAX_SECONDS", 12 * 60 * 60, minimum=300)
if SESSION_MAX_SECONDS < SESSION_COOKIE_AGE:
    raise SettingError("SESSION_MAX_SECONDS must be at least SESSION_IDLE_SECONDS")
SESSION_SAVE_EVERY_REQUEST = False  # accounts.middleware.session_limits renews the idle limit
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

LANGUAGE_CODE = "en-gb"
# English, the default, and Welsh (docs/adr/0025-cymraeg.md): each in its own name, as the switch shows it.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# The browser's choice, kept by the header's switch (maturity.language); a person's own is on their profile.
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Evidence documents (docs/adr/0024-working-together.md): kept on this machine's disk under
# DOCUMENTS_DIR, or in an S3-compatible store when DOCUMENTS_S3_BUCKET is set (credentials from the
# usual AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY). Never served by a public address: only through
# the view that checks the organisation and role (documents/views.py).
DOCUMENTS_DIR = Path(env_str("DOCUMENTS_DIR") or VAR_DIR / "documents")
DOCUMENTS_S3_BUCKET = env_str("DOCUMENTS_S3_BUCKET") or ""
if DOCUMENTS_S3_BUCKET:
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": DOCUMENTS_S3_BUCKET,
            "endpoint_url": env_str("DOCUMENTS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("DOCUMENTS_S3_REGION") or None,
            "location": env_str("DOCUMENTS_S3_PREFIX") or "",
            "default_acl": "private",
            "file_overwrite": False,
            "querystring_auth": True,
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": DOCUMENTS_DIR,
            "base_url": None,
            "file_permissions_mode": 0o640,
            "directory_permissions_mode": 0o750,
        },
    }
# The largest file, and the most an organisation may keep in all (files carried forward count once).
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_MB", 20, minimum=1) * 1024 * 1024
ORGANISATION_DOCUMENTS_MAX_BYTES = env_int("ORGANISATION_DOCUMENTS_MAX_MB", 1024, minimum=1) * 1024 * 1024

WHITENOISE_USE_FINDERS = DEBUG or TESTING
if DEBUG or TESTING:
    # Static files come from the finders here; no collected folder is expected.
    warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")

_email = env_email("EMAIL_URL", "console:")
# Every email, Django's own included, is queued as a background job (maturity/mail.py); the worker
# delivers it with the backend EMAIL_URL names, retrying while the mail server fails.
EMAIL_BACKEND = "maturity.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"] or "localhost"
EMAIL_PORT = _email["EMAIL_PORT"] or 25
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_FILE_PATH = _email["EMAIL_FILE_PATH"] or None
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Procurement maturity toolkit <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The address people see in emails; links in emails are built from it.
SITE_URL = (env_str("SITE_URL") or "http://127.0.0.1:8000").rstrip("/")
PRODUCT_NAME = "Procurement maturity toolkit"
# Who runs this service, named in the privacy notice, the cookies page and the accessibility
# statement (the data controller, and whom to contact). `check --deploy` warns while unset.
SERVICE_OPERATOR = env_str("SERVICE_OPERATOR") or ""
SERVICE_CONTACT_EMAIL = env_str("SERVICE_CONTACT_EMAIL") or ""
SERVICE_CONTACT_ADDRESS = env_str("SERVICE_CONTACT_ADDRESS") or ""
SERVICE_DPO_EMAIL = env_str("SERVICE_DPO_EMAIL") or ""  # the data protection officer, if not the contact
# The accessibility statement's dates: when it was prepared, and when the service was last tested.
ACCESSIBILITY_STATEMENT_PREPARED = env_date("ACCESSIBILITY_STATEMENT_PREPARED", "2026-12-06")
ACCESSIBILITY_LAST_TESTED = env_date("ACCESSIBILITY_LAST_TESTED", "2026-12-06")
# Where the beta banner's feedback link goes: an address (https://...) or, by default, an email to
# SERVICE_CONTACT_EMAIL.
FEEDBACK_URL = env_str("FEEDBACK_URL") or ""

# Background jobs (docs/adr/0019-background-jobs.md): the queue is a table in DATABASES' database,
# run by `maturity worker`. A running job shows a sign of life every JOBS_HEARTBEAT_SECONDS; one
# silent for JOBS_STALE_BEATS of them is taken for abandoned (its worker was killed) and run again
# where that is safe.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
JOBS_HEARTBEAT_SECONDS = env_float("JOBS_HEARTBEAT_SECONDS", 10.0, minimum=0.1)
JOBS_STALE_BEATS = 6
JOBS_POLL_SECONDS = env_float("JOBS_POLL_SECONDS", 1.0, minimum=0.1)
# Where a running job's progress and signs of life are kept on SQLite, whose one writer may be busy
# with that very job (on PostgreSQL they are written to the job's row on a connection of their own).
JOBS_LIVE_DIR = Path(env_str("JOBS_LIVE_DIR") or VAR_DIR / "jobs")
# Jobs the worker starts once a day, at or after this local time (HH:MM).
JOBS_DAILY = {
    "maturity.benchmarks.jobs.send_round_reminders": env_time("ROUND_REMINDERS_AT", "07:00"),
    # Action owners' reminders and, on Mondays, the leads' weekly summaries (plans/reminders.py).
    "maturity.plans.jobs.send_action_reminders": env_time("PLAN_REMINDERS_AT", "07:30"),
    "maturity.plans.jobs.send_weekly_summaries": env_time("PLAN_REMINDERS_AT", "07:30"),
}
# How often a job's page reloads itself in a browser without JavaScript.
JOBS_PAGE_REFRESH_SECONDS = 5
# Finished jobs are forgotten after this many days.
JOBS_KEEP_DAYS = env_int("JOBS_KEEP_DAYS", 30, minimum=1)
# A workbook upload larger than this is imported by a background job; a smaller one (an assessment
# with a few hundred actions, imported in about a second even when every row changed) in the request.
WORKBOOK_BACKGROUND_BYTES = 64 * 1024

# Sign-in throttling (accounts/throttle.py): this many failures within SIGN_IN_LOCK_SECONDS lock
# password sign-in for an email address, or for a client address, for SIGN_IN_LOCK_SECONDS.
SIGN_IN_MAX_FAILURES = env_int("SIGN_IN_MAX_FAILURES", 5, minimum=1)
SIGN_IN_MAX_FAILURES_PER_IP = env_int("SIGN_IN_MAX_FAILURES_PER_IP", 20, minimum=1)
SIGN_IN_LOCK_SECONDS = env_int("SIGN_IN_LOCK_SECONDS", 15 * 60, minimum=60)

# Single sign-on with OpenID Connect (accounts/sso.py): off unless configured, refused if half-configured.
OIDC_ISSUER = (env_str("OIDC_ISSUER") or "").rstrip("/")
OIDC_DISCOVERY_URL = env_str("OIDC_DISCOVERY_URL") or (
    f"{OIDC_ISSUER}/.well-known/openid-configuration" if OIDC_ISSUER else ""
)
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID") or ""
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET") or ""
OIDC_SCOPES = " ".join((env_str("OIDC_SCOPES") or "openid email profile").split())
OIDC_BUTTON_TEXT = (env_str("OIDC_BUTTON_TEXT") or "Sign in with your council account").strip()
if OIDC_ISSUER or OIDC_DISCOVERY_URL or OIDC_CLIENT_ID or OIDC_CLIENT_SECRET:
    _missing = [
        name
        for name, value in (
            ("OIDC_ISSUER or OIDC_DISCOVERY_URL", OIDC_DISCOVERY_URL),
            ("OIDC_CLIENT_ID", OIDC_CLIENT_ID),
            ("OIDC_CLIENT_SECRET", OIDC_CLIENT_SECRET),
        )
        if not value
    ]
    if _missing:
        raise SettingError(
            f"Single sign-on is half set up: set {', '.join(_missing)} too, or none of the OIDC_ variables"
        )
    for _name, _url in (("OIDC_ISSUER", OIDC_ISSUER), ("OIDC_DISCOVERY_URL", OIDC_DISCOVERY_URL)):
        _parts = urlsplit(_url) if _url else None
        if _parts and not (
            _parts.scheme == "https"
            or (_parts.scheme == "http" and _parts.hostname in {"127.0.0.1", "localhost", "::1"})
        ):
            raise SettingError(f"{_name} must be an https:// address (http:// only for this machine), not {_url!r}")
        if _parts and not _parts.hostname:
            raise SettingError(
                f"{_name} must be a full address like https://login.example.com/tenant/v2.0, not {_url!r}"
            )
    if "openid" not in OIDC_SCOPES.split():
        raise SettingError(f"OIDC_SCOPES must include openid, not {OIDC_SCOPES!r}")
    if not OIDC_BUTTON_TEXT:
        raise SettingError("OIDC_BUTTON_TEXT must not be empty")

# HTTPS protections: on whenever DEBUG is off, each can be relaxed explicitly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not (DEBUG or TESTING))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG or TESTING else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)  # also: the client's address is the proxy's last X-Forwarded-For entry
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body a view takes unless it allows more (@upload_limit: maturity/uploads.py);
# a larger Content-Length is answered 413 before the body is read.
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 10 * 1024 * 1024, minimum=1024 * 1024)

# One cache shared by every app server (throttle counts, cached pages): Redis when REDIS_URL is
# set, otherwise a table in the database, made by `migrate` (operations/apps.py).
REDIS_URL = env_str("REDIS_URL") or ""
if REDIS_URL:
    if urlsplit(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
        raise SettingError(
            f"REDIS_URL must start with redis://, rediss:// or unix://, not {REDIS_URL.split(':', 1)[0]!r}"
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "maturity",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "maturity_cache",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

# /readyz says "not ready" when a background job has waited longer than this to start (no worker is
# taking jobs); 0 leaves the jobs out of readiness (operations/health.py).
READY_MAX_JOB_WAIT_SECONDS = env_int("READY_MAX_JOB_WAIT_SECONDS", 15 * 60, minimum=0)

# Logs: one JSON object a line (LOG_FORMAT=json, the default outside DEBUG), each with the id of
# the request being served; `maturity.requests` writes one line per request (operations/requests.py).
LOG_FORMAT = env_str("LOG_FORMAT") or ("text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise SettingError(f"LOG_FORMAT must be json or text, not {LOG_FORMAT!r}")
LOG_LEVEL = (env_str("LOG_LEVEL") or "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise SettingError(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {LOG_LEVEL!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "maturity.operations.logs.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "maturity.operations.logs.JsonFormatter"},
        "text": {"()": "maturity.operations.logs.TextFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_context"]}
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Django's own handlers are replaced by ours (they would print some lines twice).
        "django": {"level": LOG_LEVEL},
        "django.db.backends": {"level": "INFO"},
        # The development server's own line per request repeats maturity.requests'.
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        # The production server's own messages, in the same form (`maturity serve`).
        "gunicorn.error": {"handlers": ["console"], "level": LOG_LEVEL, "propagate": False},
    },
}
