"""Racing two requests or service calls in threads released at the same moment (for the
double-submit and lost-update tests, which need `transaction=True`)."""

import threading

from django.db import connection
from django.test import Client as HttpClient

from tests.sign_in import sign_in


def race(*jobs) -> list:
    """Run the jobs in threads released together; return what each returned (or raised)."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def run(index, job):
        barrier.wait()
        try:
            results[index] = job()
        except Exception as error:  # noqa: BLE001 (the result under test)
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def post_as(user, url: str, data: dict):
    """A job for race(): `user`, signed in on a client of their own, posts `data` to `url`;
    the sign-in happens before the race, so only the posts run together."""
    http = sign_in(HttpClient(), user)
    return lambda: http.post(url, data).status_code
