"""The app's URLs plus the baseline page: the cost floor of a signed-in Django request here."""

from django.shortcuts import render
from django.urls import path

from sos.models import Borough
from sos.urls import handler500, urlpatterns  # noqa: F401 (handler500 is read from here)


def baseline(request):
    """One small query, rendered in the site's frame: every page costs at least this."""
    return render(request, "bench/baseline.html", {"borough": Borough.objects.first()})


urlpatterns = [*urlpatterns, path("bench/baseline/", baseline, name="bench_baseline")]
