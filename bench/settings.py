"""Settings for `make bench` only: the app's own, plus the bench app (its commands seed_scale
and bench_sessions_workbook, the baseline template) and a bench URLconf with the one-query
baseline page. Never used in production."""

from sos.settings import *  # noqa: F403
from sos.settings import ALLOWED_HOSTS, INSTALLED_APPS, STORAGES

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]

ROOT_URLCONF = "bench.urls"
# The in-process measurements use Django's test client, which calls itself "testserver".
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]
# Static files straight from the app folders: the bench needs no collectstatic manifest.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
