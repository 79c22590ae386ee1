"""gunicorn's settings for Equity LMS, read from the working directory by `gunicorn lms.wsgi`.

Chosen by measurement (`make bench`, README "Capacity model"); each can be overridden from the
environment (or on the command line, which wins over this file).
"""

import os


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this container may use
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


CORES = _cores()

# Threads in a few processes: a learner page waits on PostgreSQL for part of its time, and
# another thread of the same process serves a request meanwhile.
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
workers = int(os.environ.get("WEB_CONCURRENCY") or CORES)
threads = int(os.environ.get("GUNICORN_THREADS") or 4)

# Idle connections are kept open this long (gthread only; gunicorn's default is 2 s), so the
# next request of a browser or balancer skips the reconnect. Behind a load balancer that reuses
# connections, set it above the balancer's idle timeout (65 for a 60 s timeout): otherwise
# gunicorn may close a connection just as the balancer sends on it (a 502).
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE") or 5)
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30

# A worker is replaced after this many requests, at staggered counts so they do not all
# restart at once: bounds the memory any slow leak can take.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS") or 5000)
max_requests_jitter = max_requests // 10

# The app is imported once in the master and the workers are forked from it: they start in
# milliseconds and share the imported code's memory. No database connection is opened at import.
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") != "0"

# The workers' heartbeat files in memory, not on a container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
