import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
application = get_wsgi_application()

# Import every view now, then take what loading made (some 300,000 objects of Django, Wagtail,
# pandas and pyarrow, none of them ever garbage) out of the garbage collector's sight. Otherwise
# the first pages that allocate enough pay for a full collection over all of them: the cold
# liaison page spent 0.3-0.6 s of its time there. Workers forked from here share these pages.
_views = get_resolver().url_patterns
gc.collect()
gc.freeze()
