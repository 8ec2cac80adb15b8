"""No input makes a server error, and nothing sent comes back unescaped (issue 14, the harness).

For every role (the conftest personas, and nobody signed in) the test walks every URL pattern
with real ids (a record of the persona's own borough, of another borough, and an id that does
not exist), each with hostile query parameters; then, seeded by hypothesis, it sends hostile
values to every form those pages render and to their query parameters: NUL, 10,000-character
strings, unicode edge cases, negative and huge numbers, impossible dates, other boroughs' ids,
missing and repeated fields. `make test` runs a fixed sample; `make fuzz` runs many more
examples with a fresh seed (FUZZ_EXAMPLES).
"""

import contextlib
import os
import re
from collections import Counter
from itertools import cycle

from django.test import Client
from django.urls import Resolver404, resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.forms import forms_on
from tests.security.routes import route_urls
from tests.sign_in import sign_in

LONG_RUN = bool(os.environ.get("FUZZ_EXAMPLES"))
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES") or 120)

# Payloads that would run as script if a page echoed them unescaped.
MARKUP = ['<script>alert("zq1")</script>', '"><svg onload=zq2()>', "'><img src=x onerror=zq3>"]
HOSTILE = [
    *MARKUP,
    "abc\x00def",
    "\x00",
    "x" * 10_000,
    "é" * 5_000,
    "",
    " ",
    "\t\r\n",
    "\u202egnp.exe",
    "\u200b\ufeff",
    "👩\u200d👩\u200d👧",
    "e\u0301\u0301\u0301",
    "１２３",
    "١٢٣",
    "-1",
    "0",
    "-0",
    "1.5",
    "1e308",
    "NaN",
    "9" * 30,
    "2147483648",
    "9223372036854775808",
    "-9223372036854775809",
    "31/02/2024",
    "2024-02-30",
    "29/02/2023",
    "0000-00-00",
    "9999-12-31",
    "01/01/10000",
    "2024-13-01",
    "1/1/1",
    "'; DROP TABLE clients_client; --",
    "../../etc/passwd",
    "%00",
    "on",
]
# Query parameters the app's pages read, and a few they do not.
QUERY_PARAMS = [
    "q", "borough", "month", "page", "after", "before", "figure", "detail", "since", "until",
    "user", "client", "kind", "next", "again", "date_from", "date_to", "caseworker", "status",
    "o", "p", "e", "unexpected",
]  # fmt: skip
# Forms that would end the persona's session or lock it out: the walk would stop testing them.
SESSION_ENDING = {"logout", "staff_deactivate", "staff_reset_two_factor", "password_change"}
MISSING_ID = "2147483646"


def hostile_query(payload: str) -> dict:
    """Every known query parameter set to one hostile value (one payload per request, so a NUL,
    refused before any view, does not hide the others), and the borough repeated."""
    query = dict.fromkeys(QUERY_PARAMS, payload)
    query["borough"] = [payload, payload]
    return query


def missing_ids(urls):
    """The same routes with every numeric id replaced by one that does not exist."""
    return [(name, re.sub(r"/\d+(?=[/.])", f"/{MISSING_ID}", url)) for name, url in urls]


class Harness:
    """Signed-in clients per role, the checks on every answer, and the counts."""

    def __init__(self, personas: dict):
        self.personas = personas
        self.clients = {role: Client() for role in personas}
        self.requests = Counter()
        self.routes_by_role = {role: set() for role in personas}
        self.payloads = set()

    def client(self, role: str) -> Client:
        """The role's client, signed in afresh (a form may have changed the session)."""
        client, user = self.clients[role], self.personas[role]
        if user is not None:
            user.refresh_from_db()
            sign_in(client, user)
        return client

    def send(self, role, method, url, data, sent) -> object:
        client = self.clients[role]
        response = client.get(url, data) if method == "get" else client.post(url, data)
        self.requests[role] += 1
        self.payloads.update(sent)
        with contextlib.suppress(Resolver404):
            self.routes_by_role[role].add(resolve(url.split("?")[0]).view_name)
        assert response.status_code < 500, (role, method, url, response.status_code)
        # Read to the end through the test client's own wrapper, which closes a download's
        # file (closing the response here would also close the test's database connection).
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if "html" in response.get("Content-Type", ""):
            text = body.decode(errors="replace")
            # The markup payloads only: a random "<d" is in every page ("<div").
            for payload in set(sent) & set(MARKUP):
                assert payload not in text, (role, method, url, payload)
        return response

    def summary(self) -> str:
        routes = set().union(*self.routes_by_role.values())
        return (
            f"hostile input: {len(routes)} routes x {len(self.personas)} roles, "
            f"{sum(self.requests.values())} requests, {len(self.payloads)} distinct payloads; "
            + ", ".join(f"{role} {self.requests[role]}" for role in self.personas)
        )


def test_it_answers_hostile_input_on_every_route_and_form_without_a_server_error(
    records_by_borough, alice, manager, admin_user, evaluator, capsys
):
    harness = Harness(
        {
            "caseworker": alice,
            "manager": manager,
            "admin": admin_user,
            "evaluator": evaluator,
            "nobody": None,
        }
    )
    own = route_urls(records_by_borough["Southwark"])
    other = route_urls(records_by_borough["Croydon"])
    other_ids = sorted({re.sub(r"\D", "", url) for _name, url in other} - {""})
    payloads = cycle(HOSTILE)

    # The walk: every route x every role, and the routes that take an id again with another
    # borough's record and with an id that does not exist.
    with_ids = [(name, url) for name, url in own if re.search(r"/\d+(?=[/.])", url)]
    walks = [("own", own), ("other", [e for e in other if e[0] in dict(with_ids)])]
    walks.append(("missing", missing_ids(with_ids)))
    forms = []
    for role in harness.personas:
        harness.client(role)
        for ids, urls in walks:
            for _name, url in urls:
                payload = next(payloads)
                response = harness.send(role, "get", url, hostile_query(payload), [payload])
                if ids == "own" and not response.streaming:
                    # The page as it normally is, whatever the hostile query made of it.
                    page = harness.clients[role].get(url)
                    if page.status_code == 200 and not page.streaming:
                        html = page.content.decode(errors="replace")
                        forms += [(role, url, form) for form in forms_on(html, url)]
    forms = [entry for entry in forms if _submittable(entry[2])]
    assert forms, "the walk found no forms to fill"

    value = st.one_of(
        st.sampled_from(HOSTILE),
        st.text(max_size=40),
        st.sampled_from(other_ids),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
    )

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=not LONG_RUN,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(entry=st.sampled_from(forms), data=st.data())
    def send_a_hostile_form(entry, data):
        role, _page, form = entry
        harness.client(role)
        filled = {}
        for name, offered in form.fields.items():
            choice = data.draw(st.sampled_from(["offered", "hostile", "missing", "repeated"]))
            if choice == "offered" and offered:
                filled[name] = offered[0]
            elif choice == "hostile":
                filled[name] = data.draw(value)
            elif choice == "repeated":
                filled[name] = [data.draw(value), data.draw(value)]
        sent = [item for values in filled.values() for item in _listed(values)]
        harness.send(role, form.method, form.action, filled, sent)

    # Query parameters in any combination (the walk sets them all at once, and one can mask
    # another: `?again=` hid the 500 of `/two-factor/?next=abc`).
    pages = [(role, url) for role in harness.personas for _name, url in own]

    @settings(
        max_examples=EXAMPLES // 2,
        deadline=None,
        derandomize=not LONG_RUN,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(
        page=st.sampled_from(pages),
        query=st.dictionaries(st.sampled_from(QUERY_PARAMS), value, min_size=1, max_size=3),
    )
    def send_hostile_parameters(page, query):
        role, url = page
        harness.client(role)
        harness.send(role, "get", url, query, list(query.values()))

    send_a_hostile_form()
    send_hostile_parameters()
    with capsys.disabled():  # the counts, shown even when output is captured
        print(f"\n{harness.summary()}; {EXAMPLES} forms and {EXAMPLES // 2} queries sampled")


def _listed(values) -> list[str]:
    return values if isinstance(values, list) else [values]


def _submittable(form) -> bool:
    """Not a form that ends the session (it would stop the walk testing that role), nor an
    upload (the import page's files are tested in tests/imports)."""
    try:
        name = resolve(form.action.split("?")[0]).view_name
    except Resolver404:
        return False
    return name not in SESSION_ENDING and not form.has_file
