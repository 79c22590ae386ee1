"""The analytics task registry: workers discover `analytics.tasks` and `AnalyticsConfig.ready()`
imports it, so every feature's tasks register through these imports (under the names they always
had: `analytics.tasks.<name>`, `analytics.tasks_publishing.<name>`)."""

from analytics.pipeline.tasks import (  # noqa: F401
    analytics_refresh_dirty_task,
    analytics_refresh_ta_task,
    analytics_run_full_task,
)
from analytics.releases.tasks import (  # noqa: F401
    analytics_nightly_task,
    monitoring_release_publish_task,
    monitoring_release_push_task,
)
