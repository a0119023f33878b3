"""A minimal django-helpdesk site for ``benchmarks/intake.py`` (the bench environment only).

Run only from the bench's own virtual environment (``var/bench-helpdesk-venv``), never danvan's:
django-helpdesk is not a dependency of danvan. The database, ``CONN_MAX_AGE``, DEBUG and the
e-mail backend come from the environment that ``benchmarks/intake.py`` gives both servers.
"""

import os
from urllib.parse import unquote, urlsplit

_db = urlsplit(os.environ["HELPDESK_DATABASE_URL"])

DEBUG = os.environ.get("DEBUG", "false").lower() in ("1", "true", "yes")
SECRET_KEY = os.environ.get("SECRET_KEY", "danvan-benchmark-helpdesk-throwaway")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "helpdesk_site.urls"
WSGI_APPLICATION = "helpdesk_site.wsgi.application"
SITE_ID = 1
USE_TZ = True
TIME_ZONE = "Asia/Ho_Chi_Minh"
LANGUAGE_CODE = "en"
STATIC_URL = "/static/"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
DEFAULT_FROM_EMAIL = "helpdesk@localhost"
LOGIN_URL = "/login/"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "rest_framework",
    "helpdesk",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": _db.path.lstrip("/"),
        "USER": unquote(_db.username or ""),
        "PASSWORD": unquote(_db.password or ""),
        "HOST": _db.hostname or "",
        "PORT": str(_db.port or ""),
        "CONN_MAX_AGE": int(os.environ.get("CONN_MAX_AGE", "60")),
    }
}

# The public form files into the one public queue (made by benchmarks/intake.py).
HELPDESK_PUBLIC_TICKET_QUEUE = "public"
HELPDESK_PUBLIC_TICKET_PRIORITY = 3
HELPDESK_PUBLIC_TICKET_DUE_DATE = None
HELPDESK_SUBMIT_A_TICKET_PUBLIC = True
HELPDESK_VIEW_A_TICKET_PUBLIC = True
HELPDESK_TEAMS_MODE_ENABLED = False  # no pinax-teams: a knowledge base by teams is not measured
