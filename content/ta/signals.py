"""The signal of TA requests that other apps listen to (analytics refreshes its TA figures)."""

from django.dispatch import Signal

# Sent after a TA request was created or changed. Argument: `as_of`, the day (a date) of the
# change. Analytics queues an incremental run of the TA figures on the transaction's commit.
ta_requests_changed = Signal()
