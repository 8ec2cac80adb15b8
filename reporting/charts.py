"""Bar charts drawn on the server as SVG: no JavaScript, printable, and each shown beside its
data table (the table is what screen readers read; the SVG is hidden from them)."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, MARGIN = 640, 200, 24


def bar_chart(title: str, labels: list[str], values: list[int | None]) -> SafeString:
    """Bars for `values` (None: hidden by disclosure control, drawn as a gap) over `labels`."""
    top = max((value for value in values if value), default=0) or 1
    slot = (WIDTH - 2 * MARGIN) / max(len(values), 1)
    bars = []
    for position, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = MARGIN + position * slot
        if value:
            height = (HEIGHT - 2 * MARGIN) * value / top
            bars.append(
                (
                    f"{x + slot * 0.1:.1f}",
                    f"{HEIGHT - MARGIN - height:.1f}",
                    f"{slot * 0.8:.1f}",
                    f"{height:.1f}",
                    f"{label}: {value}",
                )
            )
    rects = format_html_join(
        "",
        '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>',
        bars,
    )
    first, last = (labels[0], labels[-1]) if labels else ("", "")
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">'
        '<text x="{}" y="14" class="chart-title">{} (highest: {})</text>{}'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"></line>'
        '<text x="{}" y="{}" class="chart-label">{}</text>'
        '<text x="{}" y="{}" class="chart-label" text-anchor="end">{}</text></svg>',
        WIDTH, HEIGHT, MARGIN, title, top if any(values) else 0, rects,
        MARGIN, HEIGHT - MARGIN, WIDTH - MARGIN, HEIGHT - MARGIN,
        MARGIN, HEIGHT - 6, first, WIDTH - MARGIN, HEIGHT - 6, last,
    )  # fmt: skip
