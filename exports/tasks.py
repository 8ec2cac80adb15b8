"""The exports' jobs on the task queue (procrastinate; README, Background work)."""

import pghistory
from procrastinate.contrib.django import app

from exports import services
from exports.models import ExportJob


@app.task(name="exports.write")
def export_write(export_id: int) -> None:
    """Write one full export or sessions workbook (queued by its request, in the same
    transaction). Writes made while writing are audited as the requester's."""
    job = ExportJob.objects.only("requested_by_id").get(pk=export_id)
    with pghistory.context(user=job.requested_by_id, command="exports.write"):
        services.export_run(job_id=export_id)


# Hourly: an export is deleted within the hour after EXPORT_LIFETIME_DAYS.
@app.periodic(cron="17 * * * *")
@app.task(name="exports.purge", queueing_lock="exports.purge")
def export_purge(timestamp: int) -> None:
    """Delete the files of expired exports (the audit rows stay)."""
    services.export_purge()
