"""The queue's own upkeep (procrastinate; README, Background work)."""

from procrastinate.contrib.django import app

# A worker silent this long is dead (it beats every 10 s): its jobs are queued again.
STALLED_AFTER_SECONDS = 60


@app.periodic(cron="* * * * *")
@app.task(name="queue.retry_stalled_jobs", queueing_lock="queue.retry_stalled_jobs")
async def retry_stalled_jobs(timestamp: int) -> None:
    """Queue again the jobs of workers that died mid-job (SIGKILL, a lost machine): every job
    is written to be run again safely."""
    stalled = await app.job_manager.get_stalled_jobs(seconds_since_heartbeat=STALLED_AFTER_SECONDS)
    for job in stalled:
        await app.job_manager.retry_job(job)


# The queue keeps every finished job, and the upkeep above alone adds one a minute: succeeded
# jobs a week old go nightly. Failed ones stay, for someone to find out why.
KEEP_SUCCEEDED_HOURS = 7 * 24


@app.periodic(cron="43 3 * * *")
@app.task(name="queue.remove_old_jobs", queueing_lock="queue.remove_old_jobs")
async def remove_old_jobs(timestamp: int) -> None:
    """Delete the jobs that succeeded more than KEEP_SUCCEEDED_HOURS ago."""
    await app.job_manager.delete_old_jobs(nb_hours=KEEP_SUCCEEDED_HOURS)
