"""The production URLs and error handlers, plus one test-only view that writes two rows and can
have its own database backend terminated between them (for test_database_killed only)."""

from django.contrib.auth.decorators import login_not_required
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from sos.models import Borough
from sos.urls import handler500, urlpatterns
from tests.reliability.database import terminate_backend

__all__ = ["handler500", "urlpatterns"]


@login_not_required
@require_POST
def two_rows(request):
    with transaction.atomic():
        Borough.objects.create(name=request.POST["first"])
        if request.POST.get("kill"):
            # From a second connection, while this request's transaction is open.
            terminate_backend(connection.connection.info.backend_pid)
        Borough.objects.create(name=request.POST["second"])
    return HttpResponse("saved\n", status=201, content_type="text/plain")


urlpatterns = [*urlpatterns, path("two-rows/", two_rows)]
