"""Signals between the parts of the courses app, and to other apps. A lower part tells the parts
above it what happened without importing them: learning announces progress and completions
(compliance marks people stale, certificates issues one); compliance announces stored changes
(analytics keeps its snapshots fresh)."""

from django.dispatch import Signal

# Sent after a refresh of stale assignments stored changes. Arguments: `touched`, a dict of
# requirement id -> the earliest date whose figures may have moved; `as_of`, the refresh date.
assignments_changed = Signal()

# Sent inside the transaction that recorded a learner's progress (a lesson marked done in their
# current run). Argument: `user_ids`, whose progress changed.
progress_recorded = Signal()

# Sent inside the transaction that created completions. Argument: `completions`, the new
# CourseCompletion rows (one, or many when attendance completes a course for a whole session),
# each with its `course` and `user` loaded.
courses_completed = Signal()

# Sent inside the transaction that changed a packaged lesson's result (courses.packages): a SCORM
# attempt's status or score, or a cmi5 AU's. Argument: `attempt`, the PackageAttempt (SCORM), or
# `au_state`, the Cmi5AuState (cmi5). The xAPI part turns it into a statement.
package_result_recorded = Signal()

# Sent inside the transaction that marked a lesson done (a new LessonProgress row), beside
# `progress_recorded`, for receivers that need the row itself. Argument: `progress`, the
# LessonProgress (with its `lesson` and `course` loaded). The xAPI part writes a statement.
lesson_completed = Signal()

# Sent inside the transaction that stored a knowledge-check attempt. Argument: `attempt`, the
# new CheckAttempt (with `lesson` and `course` loaded). The xAPI part writes a statement.
check_attempted = Signal()

# Sent inside the transaction that marked people present at a live session. Arguments:
# `session`, the LiveSession (with `course` loaded); `registrations`, the SessionRegistration
# rows newly marked present. The xAPI part writes an "attended" statement for each.
attendance_recorded = Signal()
