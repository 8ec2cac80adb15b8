"""Where one page's time goes: cProfile over repeated requests, as bench.measure makes them
(the busiest caseworker, the whole middleware stack, in-process). Against a seeded database:

    DJANGO_SETTINGS_MODULE=bench.settings python -m bench.profile "Client list" [--repeat 30]

Prints the functions with the most cumulative time, per request.
"""

import argparse
import cProfile
import io
import pstats
import warnings

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("page", help="a page name from bench.measure's plan")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--lines", type=int, default=40)
    options = parser.parse_args()
    warnings.filterwarnings("ignore", "No directory at")
    django.setup()
    from bench.measure import plan

    browser, url = next((b, u) for name, b, u in plan() if name == options.page)
    browser.get(url, secure=True)  # warm-up: templates compiled, connection open
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(options.repeat):
        browser.get(url, secure=True)
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
    stats.print_stats(options.lines)
    print(f"{options.page} ({url}), {options.repeat} requests; times are totals:")
    print(out.getvalue())


if __name__ == "__main__":
    main()
