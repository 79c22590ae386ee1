"""Running work in threads released together, each with its own database connection."""

import threading


def at_once(count: int, work, *, return_errors: bool = False, timeout: float = 60) -> list:
    """Runs `work(i)` for i in range(count) in threads released by one barrier.

    Returns each thread's result. An exception in a thread fails the caller's test, unless
    `return_errors` is set: then it is returned in that thread's place, so a test can tell an
    expected refusal from a crash.
    """
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def run(i):
        from django.db import connection

        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except Exception as error:  # reported below or returned, never lost
            results[i] = error
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    if not return_errors:
        assert not errors, errors
    return results
