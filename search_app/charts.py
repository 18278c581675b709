"""Server-rendered SVG charts: no JavaScript, no external library, allowed by the CSP (SVG
presentation attributes are not inline styles). Every label is escaped; each chart carries a
<title> and the page shows the same numbers as a table."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

WIDTH = 640
LABEL_W = 250
VALUE_W = 60
ROW_H = 26
BAR_H = 18
MAX_LABEL = 32

# Sentido colours: each at least 4.5:1 against white, told apart by the legend and the table too.
SENTIDO_COLOURS: dict[str, str] = {
    "confirma": "#1b6e3a",
    "modifica": "#8a5300",
    "revoca": "#b3261e",
    "ordena": "#5b3a99",
    "sobresee": "#1f5fa8",
    "desecha": "#4d4d4d",
    "otro": "#7a3d6b",
}
BAR_COLOUR = "#1f5fa8"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _svg(title: str, height: int, body: list[str]) -> Markup:
    head = (f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg" preserveAspectRatio="xMinYMin meet">'
            f"<title>{escape(title)}</title>")
    return Markup(head + "".join(body) + "</svg>")


def bar_chart(title: str, rows: Sequence[tuple[str, int]]) -> Markup:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    top = max((v for _, v in rows), default=0) or 1
    span = WIDTH - LABEL_W - VALUE_W
    body: list[str] = []
    for i, (label, value) in enumerate(rows):
        y = i * ROW_H
        w = max(1, round(span * value / top)) if value else 0
        body.append(
            f'<g><title>{escape(label)}: {value}</title>'
            f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" class="chart-label">'
            f"{escape(_short(label))}</text>"
            f'<rect x="{LABEL_W}" y="{y + 2}" width="{w}" height="{BAR_H}" fill="{BAR_COLOUR}"/>'
            f'<text x="{LABEL_W + w + 6}" y="{y + 15}" class="chart-value">{value}</text></g>'
        )
    return _svg(title, max(ROW_H, len(rows) * ROW_H), body)


def column_chart(title: str, rows: Sequence[tuple[str, int]], top: int | None = None,
                 width: int = 330, height: int = 150) -> Markup:
    """Vertical columns (one per label, e.g. a year) on a shared scale ``top``, so small
    multiples of several bodies compare at a glance; value above, label below."""
    top = top or max((v for _, v in rows), default=0) or 1
    slot = width / max(1, len(rows))
    base = height - 20
    span = base - 16
    body: list[str] = [f'<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#6b7280"/>']
    for i, (label, value) in enumerate(rows):
        h = round(span * value / top) if value else 0
        x = i * slot
        cx = x + slot / 2
        body.append(
            f'<g><title>{escape(label)}: {value}</title>'
            f'<rect x="{x + slot * 0.15:.1f}" y="{base - h}" width="{slot * 0.7:.1f}" '
            f'height="{h}" fill="{BAR_COLOUR}"/>'
            f'<text x="{cx:.1f}" y="{base - h - 4}" text-anchor="middle" class="chart-value">'
            f"{value}</text>"
            f'<text x="{cx:.1f}" y="{height - 5}" text-anchor="middle" class="chart-small">'
            f"{escape(label)}</text></g>"
        )
    head = (f'<svg class="chart chart-columns" viewBox="0 0 {width} {height}" role="img" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def stacked_chart(title: str, rows: Sequence[tuple[str, Sequence[tuple[str, int]]]],
                  colours: dict[str, str] = SENTIDO_COLOURS) -> Markup:
    """One 100 % bar per row label, split by (part, value); with the share written on wide parts."""
    span = WIDTH - LABEL_W - 10
    body: list[str] = []
    for i, (label, parts) in enumerate(rows):
        y = i * ROW_H
        total = sum(v for _, v in parts) or 1
        x = float(LABEL_W)
        body.append(f'<text x="{LABEL_W - 8}" y="{y + 14}" text-anchor="end" '
                    f'class="chart-label">{escape(_short(label))}</text>')
        for part, value in parts:
            w = span * value / total
            pct = round(100 * value / total)
            body.append(
                f'<g><title>{escape(label)} · {escape(part)}: {value} ({pct} %)</title>'
                f'<rect x="{x:.1f}" y="{y + 2}" width="{w:.1f}" height="{BAR_H}" '
                f'fill="{colours.get(part, "#4d4d4d")}" stroke="#ffffff" stroke-width="1"/>'
            )
            if w >= 34:
                body.append(f'<text x="{x + w / 2:.1f}" y="{y + 15}" text-anchor="middle" '
                            f'class="chart-inbar">{pct}%</text>')
            body.append("</g>")
            x += w
    return _svg(title, max(ROW_H, len(rows) * ROW_H), body)
