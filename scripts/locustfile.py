"""Learners under load, for scripts/bench_city.py: "My learning" and the lesson-done POST.

Run by the benchmark against gunicorn on loopback:
    locust -f scripts/locustfile.py --headless -u 64 -r 64 -t 30s --host http://127.0.0.1:PORT

BENCH_SESSIONS names a JSON file the benchmark writes: a list of {"sessionid": ..., "lessons":
[lesson ids]} for signed-in learners (sessions made in the database, no password sign-in).
Each simulated learner takes the next session, sends a CSRF cookie of its own and the same
token in the header, and does not follow redirects, so each POST is timed alone.
BENCH_RATE: requests per second per simulated learner (0: as fast as it can).
"""

import itertools
import json
import os
import random
import secrets
import string

from locust import constant, constant_throughput, task
from locust.contrib.fasthttp import FastHttpUser

with open(os.environ["BENCH_SESSIONS"], encoding="utf-8") as handle:
    SESSIONS = json.load(handle)
_NEXT = itertools.count()
_RATE = float(os.environ.get("BENCH_RATE", "5"))
_ALPHABET = string.ascii_letters + string.digits


class Learner(FastHttpUser):
    wait_time = constant_throughput(_RATE) if _RATE > 0 else constant(0)

    def on_start(self):
        session = SESSIONS[next(_NEXT) % len(SESSIONS)]
        self.lessons = session["lessons"]
        self.csrf = "".join(secrets.choice(_ALPHABET) for _ in range(32))
        self.cookies = f"sessionid={session['sessionid']}; csrftoken={self.csrf}"

    @task(4)
    def my_learning(self):
        with self.client.get(
            "/learn/", headers={"Cookie": self.cookies}, name="GET /learn/", catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(1)
    def lesson_done(self):
        lesson = random.choice(self.lessons)  # noqa: S311 - load test, not security
        with self.client.post(
            f"/learn/lessons/{lesson}/done/",
            headers={"Cookie": self.cookies, "X-CSRFToken": self.csrf},
            name="POST /learn/lessons/<id>/done/",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"HTTP {response.status_code}")
