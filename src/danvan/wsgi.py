"""WSGI entry point for gunicorn: ``gunicorn danvan.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

from danvan.cli import prepare_data_dir

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
prepare_data_dir()
application = get_wsgi_application()
