"""Geometry for the citywide dashboard's inline SVG charts: pure Python, no Django.

Callers pass the numbers and the text to write beside each bar, already formatted for the
reader's language; the builders return coordinates rounded to one decimal, so the templates do
no arithmetic. Every series has its own fill style (solid, hatched, dotted outline) as well as
its own colour, and every bar carries its value as text: colour is never the only cue.
"""

from dataclasses import dataclass, field

STYLES = ("solid", "hatch", "dots")
# Fill and outline per style; the hatch and dot patterns are defined inside each chart's SVG.
INK = "#1b1b1b"
_PAINT = {
    "solid": ("#0b4f8a", "#0b4f8a"),
    "hatch": ("url(#{key}-hatch)", "#7a2e8e"),
    "dots": ("url(#{key}-dots)", INK),
}


def paint(style: str, key: str) -> dict:
    """The SVG fill and stroke for a series style in the chart `key`."""
    fill, stroke = _PAINT[style]
    return {"fill": fill.format(key=key), "stroke": stroke}


FONT_WIDTH = 6.6  # average advance of a 12px system-ui character, for laying out labels
CATEGORY_CHARS = 34


@dataclass(frozen=True)
class Series:
    label: str
    style: str = "solid"


@dataclass
class Chart:
    """What a chart template needs: the viewBox, the legend, the bars and the labels."""

    key: str
    kind: str
    width: float
    height: float
    legend: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    gridlines: list[dict] = field(default_factory=list)
    axis: dict = field(default_factory=dict)

    @property
    def styles(self) -> list[str]:
        return list(STYLES)


def shorten(text: str, limit: int = CATEGORY_CHARS) -> str:
    """`text` cut to `limit` characters with an ellipsis; the full text is in the table."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _legend(series: list[Series], *, left: float, key: str) -> list[dict]:
    items, x = [], left
    for item in series:
        items.append(
            {"label": item.label, "x": round(x, 1), "text_x": round(x + 20, 1)}
            | paint(item.style, key)
        )
        x += 20 + len(item.label) * FONT_WIDTH + 24
    return items


def hbar_chart(
    *,
    key: str,
    categories: list[str],
    series: list[Series],
    values: list[list[float | None]],
    labels: list[list[str]],
    maximum: float | None = None,
    ticks: list[tuple[float, str]] = (),
    notes: list[str] | None = None,
    highlight: int | None = None,
    width: float = 760,
) -> Chart:
    """Horizontal bars, one group per category and one bar per series in it.

    `values[i][j]` is category i's value for series j (None: no bar), `labels[i][j]` the text
    written after that bar. Bars start at zero and may be negative; the scale runs from
    min(0, smallest) to `maximum` (default: the largest value). `ticks` are gridlines
    (value, text). `notes[i]` is extra text at the end of category i's row. `highlight` is the
    index of a category drawn with a heavier outline (its label should say why)."""
    present = [v for row in values for v in row if v is not None]
    low = min([0.0, *present])
    high = maximum if maximum is not None else max([0.0, *present])
    if high <= low:
        high = low + 1
    # Category labels may be bold (the highlighted row): allow a little more than the average.
    label_width = min(CATEGORY_CHARS, max([len(c) for c in categories] or [0])) * 7.2 + 16
    value_chars = max([len(t) for row in labels for t in row] or [0])
    note_chars = max([len(t) for t in notes] or [0]) if notes else 0
    plot_left = round(label_width, 1)
    plot_right = (
        width - value_chars * FONT_WIDTH - 18 - (note_chars * FONT_WIDTH + 12 if notes else 0)
    )
    plot_right = max(plot_right, plot_left + 120)
    span = plot_right - plot_left

    def x_of(value: float) -> float:
        return plot_left + (value - low) / (high - low) * span

    zero_x = x_of(0.0)
    top = 34 if len(series) > 1 else 12
    bar_height, bar_gap, group_gap = 16, 3, 12
    group_height = len(series) * (bar_height + bar_gap) - bar_gap
    rows, y = [], top
    for index, category in enumerate(categories):
        bars = []
        for position, item in enumerate(series):
            value = values[index][position]
            bar_y = y + position * (bar_height + bar_gap)
            end = x_of(value) if value is not None else zero_x
            bar_x = min(zero_x, end)
            bars.append(
                paint(item.style, key)
                | {
                    "has_value": value is not None,
                    "x": round(bar_x, 1),
                    "y": round(bar_y, 1),
                    "width": round(abs(end - zero_x), 1),
                    "height": bar_height,
                    "label": labels[index][position],
                    "label_x": round(max(end, zero_x) + 5, 1),
                    "label_y": round(bar_y + bar_height - 4, 1),
                }
            )
        rows.append(
            {
                "category": shorten(category),
                "full": category,
                "label_x": round(plot_left - 8, 1),
                "label_y": round(y + group_height / 2 + 4, 1),
                "bars": bars,
                "note": notes[index] if notes else "",
                "is_highlight": index == highlight,
                "outline_y": round(y - 3, 1),
                "outline_height": group_height + 6,
            }
        )
        y += group_height + group_gap
    height = y + 26  # room for the tick labels under the plot
    note_x = round(width - (note_chars * FONT_WIDTH + 4), 1) if notes else 0
    for row in rows:
        row["note_x"] = note_x
    return Chart(
        key=key,
        kind="hbar",
        width=width,
        height=round(height, 1),
        legend=_legend(series, left=plot_left, key=key) if len(series) > 1 else [],
        rows=rows,
        gridlines=[
            {"x": round(x_of(value), 1), "text": text, "y1": top - 6, "y2": round(y - 4, 1)}
            for value, text in ticks
        ],
        axis={
            "zero_x": round(zero_x, 1),
            "y1": top - 6,
            "y2": round(y - 4, 1),
            "tick_y": round(y + 6, 1),
            "plot_left": plot_left,
            "width": round(plot_right - plot_left + 8, 1),
        },
    )


def column_chart(
    *,
    key: str,
    categories: list[tuple[str, str]],
    series: list[Series],
    values: list[list[float | None]],
    labels: list[list[str]],
    maximum: float | None = None,
    ticks: list[tuple[float, str]] = (),
) -> Chart:
    """Vertical columns, one slot per category (two lines of text under it: `categories[i]`
    is (first line, second line)), the series side by side in each slot, each column labelled
    above with `labels[i][j]`. Values are not negative; the scale runs from 0 to `maximum`."""
    present = [v for row in values for v in row if v is not None]
    high = maximum if maximum is not None else max([0.0, *present])
    if high <= 0:
        high = 1.0
    label_chars = max([len(t) for row in labels for t in row] or [1])
    column_width = max(18.0, label_chars * FONT_WIDTH * 0.85 + 4)
    category_chars = max([max(len(a), len(b)) for a, b in categories] or [1])
    slot = max(len(series) * column_width + 16, category_chars * FONT_WIDTH + 10)
    plot_left, plot_top, plot_height = 48.0, 44.0 if len(series) > 1 else 24.0, 180.0
    width = max(plot_left + slot * len(categories) + 8, 320.0)
    baseline = plot_top + plot_height
    rows = []
    for index, (first, second) in enumerate(categories):
        slot_left = plot_left + index * slot
        bars = []
        inset = (slot - len(series) * column_width) / 2
        for position, item in enumerate(series):
            value = values[index][position]
            height = plot_height * (value or 0) / high
            x = slot_left + inset + position * column_width
            bars.append(
                paint(item.style, key)
                | {
                    "has_value": value is not None,
                    "x": round(x + 1, 1),
                    "y": round(baseline - height, 1),
                    "width": round(column_width - 2, 1),
                    "height": round(height, 1),
                    "label": labels[index][position],
                    "label_x": round(x + column_width / 2, 1),
                    "label_y": round(baseline - height - 5, 1),
                }
            )
        rows.append(
            {
                "category": first,
                "second": second,
                "centre": round(slot_left + slot / 2, 1),
                "bars": bars,
            }
        )
    return Chart(
        key=key,
        kind="columns",
        width=round(width, 1),
        height=round(baseline + 40, 1),
        legend=_legend(series, left=plot_left, key=key) if len(series) > 1 else [],
        rows=rows,
        gridlines=[
            {"y": round(baseline - plot_height * value / high, 1), "text": text}
            for value, text in ticks
        ],
        axis={
            "plot_left": plot_left,
            "plot_right": round(width - 4, 1),
            "baseline": baseline,
            "first_y": baseline + 16,
            "second_y": baseline + 32,
        },
    )


def stacked_chart(
    *,
    key: str,
    categories: list[str],
    series: list[Series],
    shares: list[list[float]],
    captions: list[str],
    width: float = 760,
) -> Chart:
    """One horizontal bar per category split into `series` segments (`shares[i]` are fractions
    of the whole, in series order), with `captions[i]` written under the bar: the values as
    text, so no segment has to be told apart by its fill."""
    label_width = min(CATEGORY_CHARS, max([len(c) for c in categories] or [0])) * FONT_WIDTH + 12
    plot_left = round(label_width, 1)
    plot_right = width - 8
    span = plot_right - plot_left
    top, bar_height, row_height = 40.0, 20.0, 52.0
    rows = []
    for index, category in enumerate(categories):
        y = top + index * row_height
        x = plot_left
        segments = []
        for position, item in enumerate(series):
            share = max(0.0, shares[index][position])
            segment_width = span * share
            segments.append(
                paint(item.style, key)
                | {
                    "x": round(x, 1),
                    "width": round(segment_width, 1),
                }
            )
            x += segment_width
        rows.append(
            {
                "category": shorten(category),
                "full": category,
                "label_x": round(plot_left - 8, 1),
                "y": round(y, 1),
                "height": bar_height,
                "label_y": round(y + 14, 1),
                "caption": captions[index],
                "caption_y": round(y + bar_height + 16, 1),
                "segments": segments,
            }
        )
    return Chart(
        key=key,
        kind="stacked",
        width=width,
        height=round(top + len(categories) * row_height + 4, 1),
        legend=_legend(series, left=plot_left, key=key),
        rows=rows,
        axis={"plot_left": plot_left, "plot_right": round(plot_right, 1), "span": round(span, 1)},
    )


def bands(rates: list[float], *, count: int = 10) -> list[int]:
    """How many of `rates` (fractions 0..1) fall in each of `count` equal bands; the last band
    includes 1. Rates outside 0..1 are clamped into the first or last band."""
    tallies = [0] * count
    for rate in rates:
        index = min(count - 1, max(0, int(rate * count + 1e-9)))
        tallies[index] += 1
    return tallies
