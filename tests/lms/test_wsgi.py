"""The WSGI application: what loading made is out of the garbage collector's sight."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import gc, sys
import lms.wsgi
print(gc.get_freeze_count(), "courses.workbench.views" in sys.modules)
"""


def test_loading_the_application_loads_every_view_and_freezes_what_it_made():
    # A fresh interpreter: freezing is process-wide, and this process is not a server.
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
    )
    frozen, views_loaded = result.stdout.split()
    # Django, Wagtail, pandas and pyarrow leave some 300,000 objects; a full collection over
    # them cost the cold liaison page 0.3-0.6 s.
    assert int(frozen) > 100_000
    assert views_loaded == "True"
