"""The production URLs and error handlers, plus one view that fails (for test_errors only)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from sos.urls import handler500, urlpatterns

__all__ = ["handler500", "urlpatterns"]


@login_not_required
def fail(request):
    raise RuntimeError("Ellie Example, born 2009-03-14, offence details")


urlpatterns = [*urlpatterns, path("fail/", fail)]
