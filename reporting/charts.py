"""Bar charts drawn on the server as SVG: no JavaScript, printable, and each shown beside its
data table (the table is what screen readers read; the SVG is hidden from them).

Drawn here rather than by a charting library: pygal 3.1 writes a <style> element, a style
attribute and a <script> into every chart even with js=[], and the strict Content Security
Policy (style-src and script-src 'self', no 'unsafe-inline') blocks all three in an inline SVG.
These charts carry no style of their own: classes only, styled by static/css/sos.css.

The y axis has a scale (rounded steps with grid lines), every month has a tick and every third
is labelled, and a month hidden by disclosure control is drawn as a dashed outline with its
mark ("<5" or "[c]"), never as an empty month that would read as zero.
"""

from django.utils.html import format_html, format_html_join

from reporting.figures import hours_value
from reporting.months import Month

# A narrow canvas with large text, so the labels stay legible when a phone scales it to 360 px.
WIDTH, HEIGHT = 440, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 12, 52
LABEL_EVERY = 3


def nice_step(top: float) -> float:
    """A round step (1, 2 or 5 times a power of ten) giving about four grid lines up to top."""
    rough, power = max(top, 1) / 4, 1
    while power * 10 <= rough:
        power *= 10
    return next(power * f for f in (1, 2, 5, 10) if power * f >= rough)


def bar_chart(months: list[Month], values: list[int | None], marks: list[str], unit: str):
    """Bars for `values` per month (None: hidden, drawn as its `marks` entry), in counts, or
    in hours when `unit` is "minutes"."""
    scaled = [
        None if v is None else (float(hours_value(v)) if unit == "minutes" else v) for v in values
    ]
    step = nice_step(max((v for v in scaled if v), default=0))
    top = step * max(1, -(-max((v for v in scaled if v), default=0) // step))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    base = TOP + plot_h
    slot = plot_w / max(len(months), 1)

    def y(value: float) -> float:
        return base - plot_h * value / top

    grid = []
    tick = 0.0
    while tick <= top + 1e-9:
        grid.append((f"{y(tick):.1f}", f"{y(tick) + 5:.1f}", f"{tick:g}"))
        tick += step
    bars, hidden, ticks = [], [], []
    for position, (value, mark) in enumerate(zip(scaled, marks, strict=True)):
        x = LEFT + position * slot
        ticks.append((f"{x + slot / 2:.1f}", base, base + 4))
        if value is None:
            # "<5" is drawn up to 4, the most it can be; "[c]" as a short outline.
            most = int(mark[1:]) - 1 if mark.startswith("<") else 0
            outline = min(plot_h, max(14.0, plot_h * most / top))
            hidden.append((f"{x + slot * 0.15:.1f}", f"{base - outline:.1f}", f"{slot * 0.7:.1f}",
                           f"{outline:.1f}", f"{x + slot / 2:.1f}", f"{base - outline - 3:.1f}",
                           mark))  # fmt: skip
        elif value:
            bars.append((f"{x + slot * 0.15:.1f}", f"{y(value):.1f}", f"{slot * 0.7:.1f}",
                         f"{base - y(value):.1f}"))  # fmt: skip
    labels = [
        (f"{LEFT + (i + 0.5) * slot:.1f}", base + 20, month.first.strftime("%b"),
         f"{LEFT + (i + 0.5) * slot:.1f}", base + 38, month.year)
        for i, month in enumerate(months)
        if i % LABEL_EVERY == 0
    ]  # fmt: skip
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">{}{}{}{}{}'
        '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"></line></svg>',
        WIDTH, HEIGHT,
        format_html_join("", '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
                         '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
                         ((LEFT, g[0], WIDTH - RIGHT, g[0], LEFT - 6, g[1], g[2]) for g in grid)),
        format_html_join("", '<rect class="bar" x="{}" y="{}" width="{}" height="{}">'
                         "</rect>", bars),
        format_html_join("", '<rect class="bar-hidden" x="{}" y="{}" width="{}" height="{}">'
                         '</rect><text class="chart-mark" x="{}" y="{}" text-anchor="middle">{}'
                         "</text>", hidden),
        format_html_join("", '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
                         ((t[0], t[1], t[0], t[2]) for t in ticks)),
        format_html_join("", '<text class="chart-label" x="{}" y="{}" text-anchor="middle">{}'
                         '</text><text class="chart-label" x="{}" y="{}" text-anchor="middle">{}'
                         "</text>", labels),
        LEFT, base, WIDTH - RIGHT, base,
    )  # fmt: skip
