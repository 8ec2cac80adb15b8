"""Caseworkers using the main pages, for `make bench`'s load run (locust, headless).

Each simulated caseworker signs in like a person does: email and password, then a TOTP code
from the bench key (every bench login shares it; see seed_scale). BENCH_USERS lists the emails.
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

from bench.logins import totp

USERS = itertools.cycle(os.environ["BENCH_USERS"].split(","))
CLIENT_LINK = re.compile(r'href="/clients/(\d+)/"')


def csrf(response) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text).group(1)


class Caseworker(HttpUser):
    wait_time = between(0.5, 1.5)

    def on_start(self):
        email = next(USERS)
        page = self.client.get("/accounts/login/", name="sign in")
        self.client.post(
            "/accounts/login/",
            {
                "username": email,
                "password": os.environ["BENCH_PASSWORD"],
                "csrfmiddlewaretoken": csrf(page),
            },
            name="sign in",
        )
        page = self.client.get("/two-factor/", name="sign in")
        response = self.client.post(
            "/two-factor/",
            {"code": totp(os.environ["BENCH_TOTP_KEY"]), "csrfmiddlewaretoken": csrf(page)},
            name="sign in",
        )
        self.clients = CLIENT_LINK.findall(response.text) or CLIENT_LINK.findall(
            self.client.get("/clients/", name="client list").text
        )
        self.surnames = ["a", "e", "son", "Smi", "Jon"]

    @task(3)
    def home(self):
        self.client.get("/", name="caseworker home")

    @task(3)
    def client_list(self):
        self.client.get("/clients/", name="client list")

    @task(2)
    def search(self):
        self.client.get(f"/clients/?q={random.choice(self.surnames)}", name="client search")

    @task(3)
    def client_page(self):
        if self.clients:
            self.client.get(f"/clients/{random.choice(self.clients)}/", name="client page")
