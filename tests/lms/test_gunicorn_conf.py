"""gunicorn.conf.py: the serving set-up chosen by the load bench, and its overrides."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
from gunicorn.app.wsgiapp import WSGIApplication
cfg = WSGIApplication().cfg
print(json.dumps({name: cfg.settings[name].get() for name in (
    "worker_class", "workers", "threads", "keepalive", "max_requests", "max_requests_jitter",
    "preload_app", "timeout")}))
"""
VARIABLES = (
    "GUNICORN_WORKER_CLASS",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_KEEPALIVE",
    "GUNICORN_TIMEOUT",
    "GUNICORN_MAX_REQUESTS",
    "GUNICORN_PRELOAD",
    "GUNICORN_CMD_ARGS",
)


def _config(*args: str, **variables: str) -> dict:
    import json

    env = {k: v for k, v in os.environ.items() if k not in VARIABLES} | variables
    result = subprocess.run(  # noqa: S603 - our own interpreter and gunicorn
        [sys.executable, "-c", PROBE, "lms.wsgi", *args],
        cwd=ROOT,  # gunicorn reads ./gunicorn.conf.py, as `gunicorn lms.wsgi` does here
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_gunicorn_runs_threaded_workers_one_per_core_with_staggered_restarts():
    config = _config()
    cores = len(os.sched_getaffinity(0))
    assert config["worker_class"] == "gthread"
    assert config["workers"] == cores
    assert config["threads"] == 4
    assert config["keepalive"] == 5
    assert config["preload_app"] is True
    assert config["max_requests"] == 5000
    assert config["max_requests_jitter"] == 500


def test_gunicorn_set_up_follows_the_environment_and_the_command_line():
    config = _config(
        "--threads", "2", WEB_CONCURRENCY="6", GUNICORN_WORKER_CLASS="sync", GUNICORN_PRELOAD="0"
    )
    assert config["workers"] == 6
    assert config["worker_class"] == "sync"
    assert config["threads"] == 2  # the command line wins over the file
    assert config["preload_app"] is False
