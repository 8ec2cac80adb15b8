"""The 500 page: a reference to quote to an admin, the same reference in the log, nothing else."""

import logging
import sys
import uuid

from django.http import HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)


def server_error(request):
    """Log the exception under a new reference and show only that reference.

    Rendered without context processors, so it still works when the database is what failed.
    """
    reference = uuid.uuid4().hex[:12]
    logger.error(
        "Server error, reference %s, on %s %s",
        reference,
        request.method,
        request.path,
        exc_info=sys.exc_info(),
    )
    html = loader.get_template("500.html").render({"reference": reference})
    return HttpResponseServerError(html)
