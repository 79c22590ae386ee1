"""The WSGI application: what loading made is out of the garbage collector's sight."""

from tests.lms.settings_probe import settings_probe

PROBE = """
import gc, json, sys
import lms.wsgi
print(json.dumps([gc.get_freeze_count(), "courses.workbench.views" in sys.modules]))
"""


def test_loading_the_application_loads_every_view_and_freezes_what_it_made():
    # A fresh interpreter: freezing is process-wide, and this process is not a server.
    frozen, views_loaded = settings_probe(PROBE, settings_module="lms.settings.test")
    # Django, Wagtail, pandas and pyarrow leave some 300,000 objects; a full collection over
    # them cost the cold liaison page 0.3-0.6 s.
    assert frozen > 100_000
    assert views_loaded is True
