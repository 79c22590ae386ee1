"""`{% staff_cells row %}`: a person's cells in the liaison's staff list, drawn in Python.

A page of the staff list has 50 people by up to 12 requirements: 600 cells. Drawn by a template
loop with an `{% include %}` of the status badge and a `{% blocktrans %}` each, they were half the
time of a cold page of the largest department. This tag draws the same markup (the badge of
`courses/includes/status.html`, the translated "due"/"done" texts) for a whole row at once, and
each different cell once per drawing of the table.
"""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from courses.compliance.models import AssignmentStatus

register = template.Library()

_DRAWN = "staff_tags.drawn_cells"
NO_CELL = "\N{EN DASH}"  # what a sighted reader sees outside a requirement's audience


@register.simple_tag(takes_context=True)
def staff_cells(context, row):
    """One `<td>` per requirement for `row` (a `StaffRow`): its status and the day it was done
    or is due, or "Not required" outside the requirement's audience."""
    drawn = context.render_context.get(_DRAWN)
    if drawn is None:
        drawn = context.render_context[_DRAWN] = _Cells()
    return mark_safe("".join(drawn.cell(cell) for cell in row.cells))  # noqa: S308 - escaped in _draw


class _Cells:
    """The cells drawn so far in one drawing of the table (so in one language), by what they
    show, and the parts they are made of: a badge per status, a day's date, the two texts."""

    def __init__(self):
        self.drawn: dict[tuple | None, str] = {}
        self.badges: dict[str, str] = {}
        self.days: dict = {}
        # The messages of the templates' {% blocktrans %} "done {{ date }}" and "due {{ date }}".
        self.texts = {True: gettext("done %(date)s"), False: gettext("due %(date)s")}

    def cell(self, cell) -> str:
        if cell is None:
            key = None
        elif cell.completed_at is not None:
            key = (cell.status, True, timezone.localtime(cell.completed_at).date())
        else:
            key = (cell.status, False, cell.due_on)
        html = self.drawn.get(key)
        if html is None:
            html = self.drawn[key] = self._draw(key)
        return html

    def _draw(self, key: tuple | None) -> str:
        if key is None:
            return (
                f'<td><span class="visually-hidden">{escape(gettext("Not required"))}</span>'
                f'<span aria-hidden="true">{NO_CELL}</span></td>'
            )
        status, done, day = key
        badge = self.badges.get(status)
        if badge is None:
            badge = self.badges[status] = (
                f'<span class="status status-{escape(status)}">'
                f"{escape(AssignmentStatus(status).label)}</span>"
            )
        when = self.days.get(day)
        if when is None:
            when = self.days[day] = date_format(day, "SHORT_DATE_FORMAT")
        return f"<td>{badge}<br><small>{escape(self.texts[done] % {'date': when})}</small></td>"
