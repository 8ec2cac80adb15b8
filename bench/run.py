"""`make bench`: seed (or reuse) the bench databases, measure, and write bench/results.md.

    python -m bench.run [--sizes 1x=10000,10x=100000] [--years 10] [--seed 1] [--load-seconds 30]

Each size lives in its own database (sos_bench_<label>) on the same PostgreSQL server as the
app, reused while its seed_scale label matches. The load run and the two-instance check use
the largest size.
"""

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import psycopg

from bench import databases
from bench.logins import BENCH_PASSWORD, BENCH_TOTP_KEY, totp

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
PAGES_TARGET_MS = 50
LOAD_PAGES = ["caseworker home", "client list", "client search", "client page"]


def app_env(url: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-secret"),
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "LOG_LEVEL": "WARNING",
    }


def seeded(label: str, clients: int, options) -> str:
    """The URL of the database for this size, seeding it unless it already holds this data."""
    name = f"sos_bench_{label}"
    want = f"seed_scale clients={clients} years={options.years} seed={options.seed} "
    found = databases.label(name)
    if found and found.startswith(want):
        print(f"{name}: reusing ({found}), migrating and topping up", flush=True)
        url = databases.url_for(name)
        for command in (["migrate", "-v0"], ["seed_partner_referrals", f"--seed={options.seed}"]):
            subprocess.run([PY, "manage.py", *command], check=True, cwd=ROOT, env=app_env(url))
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")  # cheap when nothing changed: all pages visible
        return url
    print(f"{name}: seeding {clients:,} clients", flush=True)
    url = databases.recreate(name)
    command = [PY, "manage.py", "seed_scale", f"--clients={clients}", f"--years={options.years}"]
    command += [f"--seed={options.seed}", f"--database-url={url}"]
    start = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, env=app_env(url))
    print(f"{name}: seeded in {time.perf_counter() - start:.0f} s", flush=True)
    return url


def measure(url: str, options) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        command = [PY, "-m", "bench.measure", f"--out={out.name}", f"--repeat={options.repeat}"]
        command.append(f"--workbook-rows={options.workbook_rows}")
        subprocess.run(command, check=True, cwd=ROOT, env=app_env(url))
        return json.loads(Path(out.name).read_text())


def gunicorn(url: str, port: int, workers: int) -> subprocess.Popen:
    command = [PY, "-m", "gunicorn", "sos.wsgi:application", f"--workers={workers}"]
    command += [f"--bind=127.0.0.1:{port}", "--log-level=warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=app_env(url))
    for _ in range(100):
        try:
            import requests

            if requests.get(f"http://127.0.0.1:{port}/health/", timeout=2).ok:
                return process
        except requests.RequestException:  # not listening yet, or too busy starting to answer
            pass
        time.sleep(0.3)
    process.terminate()
    raise RuntimeError(f"gunicorn on port {port} did not start")


def emails(url: str, role: str, n: int) -> list[str]:
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT email FROM sos_user WHERE role = %s ORDER BY id LIMIT %s", [role, n]
        ).fetchall()
    return [row[0] for row in rows]


def load_run(url: str, port: int, options) -> dict:
    """Locust, headless, against gunicorn with two workers, signed in as caseworkers."""
    users = emails(url, "caseworker", options.load_users)
    with tempfile.TemporaryDirectory() as folder:
        command = [PY, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless"]
        # Two sign-ins a second (each a deliberate PBKDF2 hash check), and statistics from when
        # everyone has started: the figures are for pages, not for the sign-in storm.
        command += [f"--users={options.load_users}", "--spawn-rate=2", "--reset-stats"]
        command += [f"--run-time={options.load_seconds}s", f"--host=http://127.0.0.1:{port}"]
        command += [f"--csv={folder}/load", "--only-summary", "--loglevel=WARNING"]
        env = {
            **os.environ,
            "BENCH_USERS": ",".join(users),
            "BENCH_PASSWORD": BENCH_PASSWORD,
            "BENCH_TOTP_KEY": BENCH_TOTP_KEY,
            "PYTHONPATH": str(ROOT),
        }
        subprocess.run(command, cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL)
        with open(f"{folder}/load_stats.csv") as stats:
            rows = {row["Name"]: row for row in csv.DictReader(stats)}
    return {
        name: {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "p50": float(row["50%"]),
            "p95": float(row["95%"]),
            "p99": float(row["99%"]),
        }
        for name, row in rows.items()
    }


def shared_login(url: str, first: int, second: int) -> dict:
    """Sign in on one instance and open home on the other with the same cookie."""
    import requests

    email = emails(url, "manager", 1)[0]
    browser = requests.Session()

    def post(path, data):
        page = browser.get(f"http://127.0.0.1:{first}{path}")
        token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        return browser.post(
            f"http://127.0.0.1:{first}{path}", {**data, "csrfmiddlewaretoken": token}
        )

    post("/accounts/login/", {"username": email, "password": BENCH_PASSWORD})
    post("/two-factor/", {"code": totp(BENCH_TOTP_KEY)})
    response = browser.get(f"http://127.0.0.1:{second}/casework/team/", allow_redirects=False)
    return {
        "email": email,
        "status": response.status_code,
        "honoured": response.status_code == 200 and "Sign out" in response.text,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1x=10000,10x=100000", help="label=clients,...")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per page")
    parser.add_argument("--load-users", type=int, default=20)
    parser.add_argument("--load-seconds", type=int, default=60)
    parser.add_argument("--skip-load", action="store_true")
    parser.add_argument("--workbook-rows", type=int, default=100_000)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results.md"))
    options = parser.parse_args()
    sizes = [(label, int(n)) for label, n in (part.split("=") for part in options.sizes.split(","))]
    urls = {label: seeded(label, clients, options) for label, clients in sizes}
    options.load_before = os.getloadavg()[0]
    results = {}
    for label, _clients in sizes:
        print(f"measuring {label}", flush=True)
        results[label] = measure(urls[label], options)
    load = shared = None
    if not options.skip_load:
        largest = sizes[-1][0]
        print(f"load run on {largest}: {options.load_users} caseworkers", flush=True)
        first = gunicorn(urls[largest], 8611, workers=2)
        try:
            load = load_run(urls[largest], 8611, options)
            second = gunicorn(urls[largest], 8612, workers=1)
            try:
                shared = shared_login(urls[largest], 8611, 8612)
            finally:
                second.terminate()
        finally:
            first.terminate()
        load = {"size": largest, "stats": load}
    text = report(sizes, results, load, shared, options)
    Path(options.out).write_text(text)
    print(text)


def report(sizes, results, load, shared, options) -> str:
    labels = [label for label, _n in sizes]
    lines = [
        "# Benchmark results",
        "",
        f"Run {datetime.now():%d %b %Y %H:%M} on {platform.node()} ({os.cpu_count()} cores); "
        f"load average {options.load_before:.1f} before measuring and "
        f"{os.getloadavg()[0]:.1f} at the end (above about 0.5 before, something else was "
        "running: read times as upper bounds). Query counts, and ratios measured in the same "
        "run, are the steadier figures.",
        "",
        "Data: "
        + "; ".join(
            f"{label} = {results[label]['clients']:,} clients, "
            f"{results[label]['sessions']:,} sessions"
            for label in labels
        )
        + f" ({options.years} years, seed {options.seed}, `manage.py seed_scale`).",
        "",
        "## Reports: time to build vs a hand-written SQL lower bound (median ms)",
        "",
        "| Report | "
        + " | ".join(f"{label} app | {label} SQL | {label} ratio" for label in labels)
        + " |",
        "|---|" + "---:|" * 3 * len(labels),
    ]
    for name, key, sql in [
        ("Monthly return, one month, all boroughs", "monthly_return", "monthly_return_sql"),
        ("Borough evaluation, one borough", "evaluation", "evaluation_sql"),
    ]:
        cells = []
        for label in labels:
            app, raw = (
                results[label]["reports"][key]["median"],
                results[label]["reports"][sql]["median"],
            )
            cells += [f"{app:.0f}", f"{raw:.0f}", f"{app / raw:.1f}x"]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "The SQL lower bounds are `bench/sql/monthly_return.sql` and `bench/sql/evaluation.sql`. "
        "Monthly return totals (figures 1, 2, 3, 5) equal between app and SQL: "
        + ", ".join(
            f"{label} {results[label]['reports']['monthly_return_same']}" for label in labels
        )
        + ".",
        "",
        "## Pages, in-process through the whole middleware stack (ms; queries per request)",
        "",
        "| Page | "
        + " | ".join(f"{label} median | {label} p95 | {label} queries" for label in labels)
        + f" | p95 / baseline ({labels[-1]}) | HTML KB ({labels[-1]}) |",
        "|---|" + "---:|" * (3 * len(labels) + 2),
    ]
    for page in results[labels[0]]["pages"]:
        cells = []
        for label in labels:
            row = results[label]["pages"][page]
            cells += [f"{row['median']:.1f}", f"{row['p95']:.1f}", str(row["queries"])]
        big = results[labels[-1]]["pages"]
        ratio = big[page]["p95"] / big["Baseline (one query)"]["p95"]
        size = big[page]["bytes"] / 1000
        lines.append(f"| {page} | " + " | ".join(cells) + f" | {ratio:.1f}x | {size:.1f} |")
    lines += [
        "",
        f"{options.repeat} timed requests per page after one warm-up, taken in rounds of one "
        "request to every page in turn, so other work on the machine falls on all pages alike. "
        "The baseline page "
        "(`/bench/baseline/`, bench URLconf only) renders the site frame with one query of its "
        "own; its other queries are the session, user and two-factor device every signed-in "
        "request loads (the session is written back at most once a minute, so rarely in these "
        "counts). Pages as the busiest caseworker (most open cases) "
        "and their borough's manager (manager view, triage queue); the client page is the "
        "client with most sessions. HTML KB: the page's bytes as served (1 KB = 1,000 bytes).",
        "",
        "## Reminders run: every recipient's email, as the worker sends it",
        "",
        "| Run | "
        + " | ".join(
            f"{label} recipients | {label} sent | {label} seconds | {label} queries"
            for label in labels
        )
        + " |",
        "|---|" + "---:|" * 4 * len(labels),
    ]
    for run, title in [("morning", "Morning reminders"), ("weekly", "Weekly summaries")]:
        cells = []
        for label in labels:
            row = results[label]["reminders"][run]
            cells += [
                f"{row['recipients']:,}",
                f"{row['sent']:,}",
                f"{row['seconds']:.1f}",
                f"{row['queries']:,}",
            ]
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "One run each, inside a transaction that is rolled back (nothing is recorded as sent), "
        "with mail kept in memory; recipients are everyone the run considers, sent those with "
        "something to tell.",
        "",
    ]
    workbooks = [(label, results[label].get("workbook")) for label in labels]
    if any(workbook for _label, workbook in workbooks):
        lines += [
            "## Sessions workbook: a background XLSX export (bench.sessions_workbook)",
            "",
            "| Data | rows | seconds | CPU seconds | MB | memory growth MB | queries |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for label, workbook in workbooks:
            if workbook:
                lines.append(
                    f"| {label} | {workbook['rows']:,} | {workbook['seconds']:.1f} | "
                    f"{workbook['cpu_seconds']:.1f} | {workbook['megabytes']:.1f} | "
                    f"{workbook['memory_growth_mb']:.0f} | {workbook['queries']} |"
                )
        lines += [
            "",
            "Every borough's sessions over the latest days holding at least "
            f"{options.workbook_rows:,}, counted and written as the worker does (XlsxWriter, "
            "constant memory), with the watermark cover.",
            "",
        ]
    if load:
        lines += [
            f"## Load: gunicorn, 2 workers, {options.load_users} caseworkers, "
            f"{options.load_seconds} s (locust headless, {load['size']} data)",
            "",
            "| Page | requests | failures | req/s | p50 ms | p95 ms | p99 ms |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for name, row in load["stats"].items():
            lines.append(
                f"| {name} | {row['requests']} | {row['failures']} | {row['rps']:.1f} | "
                f"{row['p50']:.0f} | {row['p95']:.0f} | {row['p99']:.0f} |"
            )
        lines += [
            "",
            "Each simulated caseworker signs in with password and TOTP, then waits 0.5-1.5 s "
            "between pages.",
            "",
        ]
    if shared:
        lines += [
            "## Two app servers, one database",
            "",
            f"Signed in as {shared['email']} on port 8611; the manager view on port 8612 with the "
            f"same cookie answered {shared['status']}: login honoured = **{shared['honoured']}** "
            "(sessions live in PostgreSQL, django.contrib.sessions' database backend).",
            "",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
