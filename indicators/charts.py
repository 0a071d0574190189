"""Server-rendered SVG bar charts: geometry computed here, drawn by `indicators/components/bar_chart.html`.

No JavaScript and no external service; every bar carries its value as text, and the template
puts the same numbers in a data table, so nothing depends on seeing the bars.
"""

from math import ceil, log10

from .figures.numbers import number
from .figures.periods import month_abbreviation

WIDTH = 720
HEIGHT = 280
LEFT = 48
RIGHT = 12
TOP = 24
BOTTOM = 52


def nice_ceiling(value):
    """1, 2, 5, 10, 20, 50… the smallest "round" number ≥ value (at least 1)."""
    if value <= 1:
        return 1
    magnitude = 10 ** int(log10(value))
    for step in (1, 2, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def bar_chart(series):
    """The drawing of a `figures.Series`: bars, month labels (thinned when crowded), ticks."""
    points = series.points
    count = max(len(points), 1)
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM
    top_value = nice_ceiling(max((value for _month, value in points), default=0))
    slot = plot_width / count
    bar_width = max(2.0, slot * 0.7)
    label_every = ceil(count / 12)
    bars = []
    for index, (month, value) in enumerate(points):
        height = plot_height * value / top_value
        x = LEFT + index * slot + (slot - bar_width) / 2
        y = TOP + plot_height - height
        show_label = index % label_every == 0
        bars.append(
            {
                "x": round(x, 1),
                "y": round(y, 1),
                "width": round(bar_width, 1),
                "height": round(height, 1),
                "centre": round(x + bar_width / 2, 1),
                "value": value,
                "value_text": number(value),
                "value_y": round(y - 6, 1),
                "month": month_abbreviation(month) if show_label else "",
                "year": str(month.year) if show_label and (index == 0 or month.month == 1) else "",
                "show_value": count <= 24,
            }
        )
    ticks = [
        {"value": value, "text": number(value), "y": round(TOP + plot_height - plot_height * value / top_value, 1)}
        for value in (0, top_value // 2 if top_value >= 2 else None, top_value)
        if value is not None
    ]
    total = sum(value for _month, value in points)
    peak = max(points, key=lambda point: point[1], default=None)
    return {
        "key": series.key,
        "title": series.title,
        "unit": series.unit,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right_edge": WIDTH - RIGHT,
        "baseline": TOP + plot_height,
        "month_y": TOP + plot_height + 18,
        "year_y": TOP + plot_height + 36,
        "bars": bars,
        "ticks": ticks,
        "total": number(total),
        "peak": {"month": peak[0], "value": number(peak[1])} if peak and peak[1] else None,
        "table": series.table(),
    }
