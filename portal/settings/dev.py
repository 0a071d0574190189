"""Development: `make run` on SQLite, emails and text messages printed to the console."""

import os

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A fixed key is acceptable only here: development data is disposable demo content.
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production-0123456789")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Text messages printed to the console too.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "portal.sms.backends.console")
# Plain storage: no need to run collectstatic before `runserver`.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Feeds and embedding pages served on 127.0.0.1 over plain http (tests' local servers).
ALLOW_LOOPBACK_HTTP = True
