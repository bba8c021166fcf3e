"""Mixed load for `make bench` (run by bench/run.py as its own process; never imported by Django or
pytest: gevent's monkey-patching breaks Django's lazy settings)."""

import os
import random
import re

from locust import HttpUser, between, constant, task

PASSWORD = os.environ.get("BENCH_PASSWORD", "bench12345")
NOMINATION_IDS = [int(x) for x in os.environ.get("BENCH_NOMINATION_IDS", "").split(",") if x]
OFFICER_NOMINATION_IDS = [int(x) for x in os.environ.get("BENCH_OFFICER_NOMINATION_IDS", "").split(",") if x]
CAMPAIGN_ID = os.environ.get("BENCH_CAMPAIGN_ID", "")
# BENCH_THINK=0: every user sends its next request as soon as the last one is answered (no think time).
THINK = os.environ.get("BENCH_THINK", "1") != "0"


def think(low, high):
    return between(low, high) if THINK else constant(0)


class SignedIn(HttpUser):
    abstract = True
    wait_time = think(0.5, 2.0)
    username = ""

    def on_start(self):
        page = self.client.get("/dang-nhap/", name="login form")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        self.client.post(
            "/dang-nhap/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1) if token else ""},
            headers={"Referer": f"{self.host}/dang-nhap/"},
            name="login",
        )


class Reviewer(SignedIn):
    """Phòng Nội vụ: reviews nominations, watches registrations."""

    username = "bench-reviewer"
    weight = 3

    @task(3)
    def home(self):
        self.client.get("/", name="home")

    @task(4)
    def nomination_list(self):
        state = random.choice(["submitted", "verified", "decided", ""])
        self.client.get(f"/khen-thuong/de-nghi/?state={state}&year=2025", name="nomination list (filtered)")

    @task(2)
    def nomination_search(self):
        self.client.get("/khen-thuong/de-nghi/?q=" + random.choice(["nguyen", "tran van", "le thi", "hoang"]), name="nomination search")

    @task(3)
    def nomination_detail(self):
        if NOMINATION_IDS:
            self.client.get(f"/khen-thuong/de-nghi/{random.choice(NOMINATION_IDS)}/", name="nomination detail")

    @task(1)
    def matrix(self):
        if CAMPAIGN_ID:
            self.client.get(f"/phong-trao/{CAMPAIGN_ID}/ma-tran-dang-ky/", name="registration matrix")

    @task(1)
    def dashboard(self):
        self.client.get("/bao-cao/", name="dashboard")


class Leader(SignedIn):
    username = "bench-leader"
    weight = 1

    @task(2)
    def dashboard(self):
        self.client.get("/bao-cao/", name="dashboard")

    @task(1)
    def home(self):
        self.client.get("/", name="home")


class Officer(SignedIn):
    """A unit officer: their unit's nominations."""

    username = "bench-officer-1"
    weight = 3

    @task(2)
    def home(self):
        self.client.get("/", name="home")

    @task(3)
    def my_nominations(self):
        self.client.get("/khen-thuong/de-nghi/", name="nomination list (officer)")

    @task(2)
    def my_nomination(self):
        if OFFICER_NOMINATION_IDS:
            self.client.get(f"/khen-thuong/de-nghi/{random.choice(OFFICER_NOMINATION_IDS)}/", name="nomination detail (officer)")


class PublicVisitor(HttpUser):
    wait_time = think(1, 3)

    @task
    def exemplars(self):
        self.client.get("/phong-trao/guong-dien-hinh/", name="public exemplars")


class Floor(HttpUser):
    """The framework floor's throughput: the trivial view, no think time (run on its own)."""

    wait_time = constant(0)

    @task
    def healthz(self):
        self.client.get("/healthz", name="trivial view /healthz")
