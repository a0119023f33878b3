"""Django settings for danvan, read from the environment.

Defaults give a working single-machine install (SQLite under ``var/``); production sets
``DATABASE_URL``, ``SECRET_KEY``, ``ALLOWED_HOSTS`` and ``DEBUG=false`` (see docs/deployment.md).
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def default_data_dir() -> Path:
    """``var/`` of the source checkout danvan runs from, else the user's data directory — never the
    current directory, so ``danvan`` run from anywhere finds the same database and files."""
    checkout = BASE_DIR.parent.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "var"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "danvan"


# Where the SQLite file, uploaded files and collected static files live. Importing the settings
# creates nothing: the `danvan` command and the WSGI entry point create the directories.
DATA_DIR = Path(os.environ.get("DANVAN_DATA_DIR") or default_data_dir()).resolve()

DEBUG = env_bool("DEBUG", False)
_DEVELOPMENT_KEY = "danvan-insecure-development-key-change-me-in-production-0123456789"
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    # Development (DEBUG on) and the test run may use a fixed key; a real start-up must not: sessions,
    # signed links to public files and password-reset tokens would be forgeable by anyone.
    if not (DEBUG or os.environ.get("PYTEST_VERSION")):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off danvan refuses to start on a public development key: "
            "set SECRET_KEY to a long random value (python3 -c 'import secrets; print(secrets.token_urlsafe(64))'; "
            "see docs/deployment.md). On a development machine set DEBUG=true.")
    SECRET_KEY = _DEVELOPMENT_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "simple_history",
    "django_htmx",
    "bootstrap",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "danvan.org",
    "danvan.legal",
    "danvan.documents",
    "danvan.plans",
    "danvan.petitions",
    "danvan.reception",
    "danvan.triage",
    "danvan.inspections",
    "danvan.surveys",
    # emulation before reporting: its demo records the recognised "Dân vận khéo" models that the
    # reporting demo's reports are pre-filled from (the import layers are checked by lint-imports).
    "danvan.emulation",
    "danvan.reporting",
    "danvan.carryover",
    "danvan.dashboard",
    "danvan.api",
    # After the domain apps: its demo looks up their demo records.
    "danvan.notifications",
    # Above notifications (it tells a person their job is done), under the apps whose work it runs.
    "danvan.jobs",
    "danvan.portal",
    "danvan.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "danvan.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "danvan.ops.replica.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "danvan.portal.guard.PortalMiddleware",
    "danvan.web.middleware.UnstorableTextMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "danvan.urls"
WSGI_APPLICATION = "danvan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.notifications.context.bell",
                "danvan.web.context.navigation",
                "danvan.web.context.assets",
            ],
        },
    },
]

_sqlite_path = DATA_DIR / "danvan.sqlite3"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{_sqlite_path}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and a worker share the file: WAL and a busy timeout avoid
    # "database is locked"; IMMEDIATE makes write transactions take the lock up front.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }

# PostgreSQL: the application's queries are short (a page, a count, a day's figures). With a million
# cases the planner overestimates some of them and then compiles them (JIT, 15–37 ms) or starts parallel
# workers (~6 ms before the first row) for queries that return eight rows: measured in docs/performance.md
# ("Planner settings"). Set per connection; DANVAN_PG_OPTIONS replaces them ("" keeps the server's own).
PG_OPTIONS = os.environ.get("DANVAN_PG_OPTIONS", "-c jit=off -c parallel_setup_cost=10000")
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and PG_OPTIONS:
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", PG_OPTIONS)

# A streaming read replica of the PostgreSQL primary (docs/scaling.md): reports, the dashboard and file
# exports read from it on GET unless the same browser wrote something in the last
# DANVAN_REPLICA_STICKY_SECONDS, or the replica lags more than DANVAN_REPLICA_MAX_LAG seconds (checked at
# most every DANVAN_REPLICA_CHECK_SECONDS) or does not answer; then, and for everything else, the primary.
if os.environ.get("DANVAN_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DANVAN_REPLICA_URL"], conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))
    if DATABASES["replica"]["ENGINE"] == "django.db.backends.postgresql":
        # A replica that is down must not hold a page for long: the router falls back to the primary.
        DATABASES["replica"]["OPTIONS"] = {"connect_timeout": 2, **({"options": PG_OPTIONS} if PG_OPTIONS else {})}
    # Tests never build a second database: the replica is the test database itself.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["danvan.ops.replica.ReplicaRouter"]
DANVAN_REPLICA_MAX_LAG = float(os.environ.get("DANVAN_REPLICA_MAX_LAG", "10"))
DANVAN_REPLICA_CHECK_SECONDS = float(os.environ.get("DANVAN_REPLICA_CHECK_SECONDS", "5"))
DANVAN_REPLICA_STICKY_SECONDS = int(os.environ.get("DANVAN_REPLICA_STICKY_SECONDS", "15"))
# Pages (regular expressions on the path) that may read from the replica: reports, the dashboard, the case
# list (an officer's own new case is there: read your writes) and file exports.
DANVAN_REPLICA_PATHS = env_list(
    "DANVAN_REPLICA_PATHS", r"^/bao-cao/,^/bang-dieu-hanh/,^/don-thu/$,\.(xlsx|docx|csv)$")

# One cache shared by every worker process on the machine (throttling of public look-ups, cached
# figures): files under the data directory by default, Redis when REDIS_URL is set (several machines).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ["REDIS_URL"]}
    if os.environ.get("REDIS_URL")
    else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": str(DATA_DIR / "cache")},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "org.Staff"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
# Each language is named in itself in the language menu, whatever the interface language.
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["danvan.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    # Uploaded files (petition scans, evidence) live outside the web root and are served
    # only through views that ask the permission policy.
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(DATA_DIR / "media"), "base_url": "/files/"}},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("DANVAN_MANIFEST_STATIC", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
MEDIA_ROOT = DATA_DIR / "media"
# Front-end packages installed from the npm registry by `make install` (package.json), never copied
# into the repository: the date picker is served from there. Without them, dates are still typed.
NODE_MODULES = Path(os.environ.get("DANVAN_NODE_MODULES", BASE_DIR.parent.parent / "node_modules"))
_datepicker = NODE_MODULES / "vanillajs-datepicker" / "dist"
STATICFILES_DIRS = [("vendor/datepicker", _datepicker)] if _datepicker.is_dir() else []
DANVAN_DATEPICKER = bool(STATICFILES_DIRS)

# The accessibility statement (/tiep-can/): where citizens report a barrier, and when it was last checked.
DANVAN_ACCESSIBILITY_CONTACT = os.environ.get("DANVAN_ACCESSIBILITY_CONTACT", "")
DANVAN_ACCESSIBILITY_CHECKED = "27/11/2026"

# Every form, and every field rendered with {{ form }} or {{ field.as_field_group }}, uses the
# project's one layout (templates/forms/): label above, help text, error tied to the field.
FORM_RENDERER = "danvan.web.formrender.DanvanFormRenderer"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Electronic documents (docs/deployment.md, "Văn bản điện tử"): LibreOffice converts .docx to PDF/A-2b,
# keys live under DANVAN_SIGNING_DIR, a timestamp server makes signatures PAdES B-T, and trusted roots
# (PEM files, separated by ":") are added to those kept in the database.
DANVAN_SOFFICE = os.environ.get("DANVAN_SOFFICE", "")
DANVAN_PDF_TIMEOUT = int(os.environ.get("DANVAN_PDF_TIMEOUT", "120"))
DANVAN_SIGNING_DIR = Path(os.environ.get("DANVAN_SIGNING_DIR") or DATA_DIR / "signing")
DANVAN_TSA_URL = os.environ.get("DANVAN_TSA_URL", "")
DANVAN_TRUST_ROOTS = [p for p in os.environ.get("DANVAN_TRUST_ROOTS", "").split(":") if p]

# Uploads: a clear limit the forms check and report in Vietnamese.
DANVAN_MAX_UPLOAD_MB = int(os.environ.get("DANVAN_MAX_UPLOAD_MB", "20"))
# "Chiến sĩ thi đua cơ sở": at most this share (%) of the individuals awarded "Lao động tiên tiến" (15% under
# Decree 98/2023/NĐ-CP as read here; to verify against the text in force), a setting because it changes.
DANVAN_CSTD_CAP_PERCENT = int(os.environ.get("DANVAN_CSTD_CAP_PERCENT", "15"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "outbox"))  # for the file backend (make load)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "danvan@localhost")

# Notifications (docs/user-guide.md, "Thông báo"): links in e-mails start with the site's address;
# the daily digest goes out at the first `danvan tick` from this hour (local time); an overdue case
# goes to the unit head after this many working days overdue and to the leader after twice as many.
DANVAN_SITE_URL = os.environ.get("DANVAN_SITE_URL", "http://127.0.0.1:8000")
DANVAN_DIGEST_HOUR = int(os.environ.get("DANVAN_DIGEST_HOUR", "7"))
DANVAN_ESCALATE_AFTER_WORKDAYS = int(os.environ.get("DANVAN_ESCALATE_AFTER_WORKDAYS", "3"))
# Long jobs (danvan.jobs): a job queued longer than this while no worker gave a sign of life for
# DANVAN_WORKER_SILENT_AFTER seconds is shown as waiting for a worker that does not run.
DANVAN_JOB_WAIT_SECONDS = int(os.environ.get("DANVAN_JOB_WAIT_SECONDS", "15"))
DANVAN_WORKER_SILENT_AFTER = int(os.environ.get("DANVAN_WORKER_SILENT_AFTER", "60"))
DANVAN_JOB_KEEP_DAYS = int(os.environ.get("DANVAN_JOB_KEEP_DAYS", "30"))  # `danvan prune_jobs` keeps these

# Background work: Django's task API (the django-tasks backport) on a queue in the database, run by
# `danvan worker`. Several workers on several machines: Redis with RQ (docs/deployment.md).
TASKS = {"default": {"BACKEND": os.environ.get("DANVAN_TASK_BACKEND", "django_tasks_db.DatabaseBackend")}}
# Duplicate suggestions of a citizen's filing: "request" (written with the case) or "worker" (a task).
# The worker pays django-tasks' own cost per task (about 6-11 ms of CPU against 2-3 ms saved in the
# request, docs/performance.md), so "worker" only helps when the worker runs on other cores or machines.
DANVAN_INTAKE_SUGGESTIONS = os.environ.get("DANVAN_INTAKE_SUGGESTIONS", "request")
if DANVAN_INTAKE_SUGGESTIONS not in ("request", "worker"):
    raise ImproperlyConfigured("DANVAN_INTAKE_SUGGESTIONS must be 'request' or 'worker'")

# Flash messages live in the server-side session, never in a cookie: some carry a secret (the
# tracking secret of a new case, a temporary password) that must not travel back and forth.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Behind TLS (DANVAN_HTTPS, or the reverse proxy of docs/deployment.md, which terminates TLS) the session
# and CSRF cookies are never sent over plain HTTP.
DANVAN_BEHIND_PROXY = env_bool("DANVAN_BEHIND_PROXY", False)

# The citizens' portal (danvan.portal.guard): caching of public pages, limits per client address.
DANVAN_PUBLIC_URL = os.environ.get("DANVAN_PUBLIC_URL", "http://localhost:8000")  # in e-mails to citizens
DANVAN_PORTAL_MAX_AGE = int(os.environ.get("DANVAN_PORTAL_MAX_AGE", "300"))
# Posts larger than this are refused unread; smaller ones reach the form, which names the file too large.
DANVAN_PORTAL_MAX_POST_MB = int(os.environ.get("DANVAN_PORTAL_MAX_POST_MB", str(2 * DANVAN_MAX_UPLOAD_MB + 1)))
DANVAN_PORTAL_SUBMIT_PER_HOUR = int(os.environ.get("DANVAN_PORTAL_SUBMIT_PER_HOUR", "10"))
DANVAN_PORTAL_TRACK_PER_WINDOW = int(os.environ.get("DANVAN_PORTAL_TRACK_PER_WINDOW", "60"))
DANVAN_PORTAL_PAGES_PER_WINDOW = int(os.environ.get("DANVAN_PORTAL_PAGES_PER_WINDOW", "600"))
SESSION_ENGINE = "danvan.web.sessions"  # Django's database sessions, one statement a write
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", env_bool("DANVAN_HTTPS", False) or DANVAN_BEHIND_PROXY)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if DANVAN_BEHIND_PROXY else None
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # Signing a PDF: fontTools notes each font table it leaves out of a subset ("FFTM NOT subset"), which
    # is expected and says nothing to an administrator.
    "loggers": {"fontTools.subset": {"level": "ERROR"}},
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The open API (danvan.api, docs/api.md): JSON only (no browsable HTML pages), keys for other systems
# and the session for the web, the one permission policy behind every endpoint, cursor pagination,
# errors as {"code", "message", "fields"} in Vietnamese.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "danvan.api.authentication.ApiKeyAuthentication",
        "danvan.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["danvan.api.access.ApiAccess"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "danvan.api.pagination.Cursor",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "danvan.api.errors.handle",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATE_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "danvan API",
    "DESCRIPTION": "Trao đổi dữ liệu công tác dân vận với các hệ thống khác (xem docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "danvan.api.schema.error_responses"],
    "ENUM_NAME_OVERRIDES": {
        "PetitionKindEnum": "danvan.petitions.models.Kind",
        "PetitionStatusEnum": "danvan.petitions.models.Status",
        "EntryKindEnum": "danvan.reception.models.EntryKind",
        "DialogueKindEnum": "danvan.reception.models.DialogueKind",
        "TaskKindEnum": "danvan.plans.models.TaskKind",
        "TaskStatusEnum": "danvan.plans.models.TaskStatus",
        "PlanStatusEnum": "danvan.plans.models.PlanStatus",
        "SubmissionKindEnum": "danvan.reporting.models.SubmissionKind",
        "SubmissionStatusEnum": "danvan.reporting.models.SubmissionStatus",
        "UnitKindEnum": "danvan.org.models.UnitKind",
    },
}
# Satisfaction surveys (SIPAS way): weights of the five aspects in the overall index (equal when
# empty), e.g. {"access": 1, "procedures": 1, "civil_servants": 1, "results": 1, "feedback": 1};
# and the number of responses under which a result is flagged as a low sample.
DANVAN_SIPAS_WEIGHTS: dict[str, float] = {}
DANVAN_SIPAS_MIN_SAMPLE = int(os.environ.get("DANVAN_SIPAS_MIN_SAMPLE", "30"))
