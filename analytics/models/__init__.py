"""The analytics model registry: Django finds the app's models through this module. Code imports
a model from its feature package (`analytics.pipeline.models`, `analytics.releases.models`)."""

from analytics.pipeline.models import (  # noqa: F401
    AnalyticsRun,
    DirtyMark,
    IndicatorValue,
    PeriodType,
    RunKind,
    RunStatus,
    Scope,
    SnapshotSlice,
)
from analytics.releases.models import MonitoringRelease, PushAttempt, PushStatus, ReleaseStatus  # noqa: F401
