"""Learners under load, for scripts/bench_city.py (and scripts/bench_nodes.py).

Run by the benchmark against gunicorn on loopback:
    locust -f scripts/locustfile.py --headless -u 64 -r 64 -t 30s --host http://127.0.0.1:PORT

BENCH_SESSIONS names a JSON file the benchmark writes: a list of signed-in learners (sessions
made in the database, no password sign-in), each {"sessionid": ..., "lessons": [lesson ids]}
and, when the benchmark has them, "lesson_urls" (the Wagtail URLs of those lessons) and "check"
({"url": the knowledge check's submit URL, "fields": {field: [values]}, "attempt": the next
attempt number}). Each simulated learner takes the next session, sends a CSRF cookie of its own
and the same token in the header, and does not follow redirects, so each POST is timed alone.

BENCH_RATE: requests per second per simulated learner (0: as fast as it can). At a rate, each
learner's requests arrive at random (a Poisson process), as independent people's do; with
locust's own fixed pacing every learner started in the same second would send in step, and the
bursts, not the server, would make the latency.
BENCH_PAGES: what the learners do, by name: "mix" (the default: the deadline-day mix of
MIX_WEIGHTS, each page that the session can do), or one page, or several separated by commas:
  floor        GET /health/floor/ (the bench's floor view; BENCH_FLOOR_VIEW=1 on the server)
  my_learning  GET /learn/
  lesson       GET a lesson page of the learner's course
  done         POST /learn/lessons/<id>/done/ (a lesson of the learner's course marked done)
  check        POST /learn/checks/<lesson>/<check>/ (a knowledge-check attempt, recorded)
"""

import itertools
import json
import os
import random
import re
import secrets
import string
import time
from urllib.parse import urlencode

from locust import constant
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["BENCH_SESSIONS"], encoding="utf-8") as handle:
    SESSIONS = json.load(handle)
_NEXT = itertools.count()
_RATE = float(os.environ.get("BENCH_RATE", "5"))
_PAGES = [name.strip() for name in os.environ.get("BENCH_PAGES", "mix").split(",") if name.strip()]
_ALPHABET = string.ascii_letters + string.digits
# The attempt number the check's form shows (a refused submission shows the lesson again).
_ATTEMPT = re.compile(rb'name="attempt" value="(\d+)"')

# A learner on deadline day, per ten requests: opens My learning twice, reads five lessons,
# marks two done and submits one knowledge check.
MIX_WEIGHTS = {"my_learning": 2, "lesson": 5, "done": 2, "check": 1}


def floor(user):
    user.fetch("/health/floor/", "GET /health/floor/ (floor)")


def my_learning(user):
    user.fetch("/learn/", "GET /learn/")


def lesson(user):
    url = random.choice(user.session["lesson_urls"])  # noqa: S311 - load test, not security
    user.fetch(url, "GET lesson page")


def done(user):
    lesson_id = random.choice(user.session["lessons"])  # noqa: S311
    user.post(f"/learn/lessons/{lesson_id}/done/", "POST /learn/lessons/<id>/done/", {})


def check(user):
    spec = user.session["check"]
    data = {"attempt": str(user.attempt), **spec["fields"]}
    response = user.post(spec["url"], "POST /learn/checks/<lesson>/<check>/", data, stale_ok=True)
    if response is not None and response.status_code == 302:
        user.attempt += 1
    elif response is not None and response.content:
        # Refused (another process used this learner too): take up the number the form shows.
        found = _ATTEMPT.search(response.content)
        if found:
            user.attempt = int(found.group(1))


PAGES = {"floor": floor, "my_learning": my_learning, "lesson": lesson, "done": done, "check": check}
NEEDS = {"lesson": "lesson_urls", "check": "check"}


def poisson_throughput(rate: float):
    """A wait_time for `rate` requests per second at random instants: the gaps between planned
    sends are exponential; a slow response delays the next send without bunching the rest."""

    def wait_time(user) -> float:
        now = time.monotonic()
        planned = getattr(user, "_planned", None)
        if planned is None:
            planned = now
        # A learner who fell behind does not send a burst to catch up: at most one gap is owed.
        planned = max(planned, now - 1 / rate) + random.expovariate(rate)
        user._planned = planned
        return max(0.0, planned - now)

    return wait_time


class Learner(FastHttpUser):
    wait_time = poisson_throughput(_RATE) if _RATE > 0 else constant(0)
    tasks = [my_learning]  # replaced in on_start by what BENCH_PAGES asks and the session has

    def on_start(self):
        if _RATE > 0:
            # Learners start at random instants too, not all in the first second.
            time.sleep(random.uniform(0, 1 / _RATE))  # noqa: S311 - gevent-patched sleep
        self.session = SESSIONS[next(_NEXT) % len(SESSIONS)]
        self.csrf = "".join(secrets.choice(_ALPHABET) for _ in range(32))
        self.cookies = f"sessionid={self.session['sessionid']}; csrftoken={self.csrf}"
        self.attempt = int((self.session.get("check") or {}).get("attempt", 1))
        names = list(MIX_WEIGHTS) if _PAGES == ["mix"] else _PAGES
        unknown = [name for name in names if name not in PAGES]
        if unknown:
            raise ValueError(f"BENCH_PAGES: unknown page(s) {unknown}; known: {sorted(PAGES)}")
        weights = MIX_WEIGHTS if _PAGES == ["mix"] else dict.fromkeys(names, 1)
        self.tasks = [
            PAGES[name]
            for name in names
            if NEEDS.get(name) is None or self.session.get(NEEDS[name])
            for _ in range(weights[name])
        ] or [my_learning]

    def fetch(self, url: str, name: str):
        with self.client.get(
            url, headers={"Cookie": self.cookies}, name=name, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    def post(self, url: str, name: str, data: dict, *, stale_ok: bool = False):
        """POSTs as the learner's browser does; a redirect is success. With `stale_ok`, so is the
        app's refusal of an attempt number another run of the bench already used (HTTP 400 and
        the form showing the next number: the guard against a resubmitted attempt, working)."""
        with self.client.post(
            url,
            data=urlencode(data, doseq=True),
            headers={
                "Cookie": self.cookies,
                "X-CSRFToken": self.csrf,
                "Content-Type": "application/x-www-form-urlencoded",
            },
            name=name,
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code == 302:
                return response
            found = _ATTEMPT.search(response.content or b"") if stale_ok else None
            shown = found.group(1).decode() if found else None
            if response.status_code == 400 and shown and shown != data.get("attempt"):
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")
            return response
