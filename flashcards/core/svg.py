"""Small inline SVG charts for the HTML report (no scripts, no remote resources).

Every label is escaped here; sizes are in CSS pixels. Colours are the report's palette.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

COLORS = {"learning": "#3b82f6", "review": "#16a34a", "relearning": "#dc2626", "bar": "#2563eb",
          "ideal": "#9ca3af", "grid": "#e5e7eb", "text": "#374151"}
FONT = 'font-family="sans-serif" font-size="11"'


def _open(width: int, height: int, title: str) -> list[str]:
    return [(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">'),
            f"<title>{escape(title)}</title>"]


def _fmt(v: float) -> str:
    return f"{v:.0f}" if abs(v - round(v)) < 1e-9 else f"{v:.2f}"


def stacked_bars(title: str, labels: Sequence[str], series: Sequence[tuple[str, str, Sequence[float]]],
                 width: int = 560, height: int = 200, every: int = 7) -> str:
    """Vertical bars, one per label, each stacked from ``series`` ((name, colour, values));
    every ``every``-th label is written under the axis."""
    left, bottom, top = 36, 22, 18
    n = max(1, len(labels))
    totals = [sum(s[2][i] for s in series) for i in range(len(labels))]
    peak = max([*totals, 1.0])
    plot_h, step = height - bottom - top, (width - left - 4) / n
    out = _open(width, height, title)
    out.append(f'<text x="{left}" y="12" {FONT} fill="{COLORS["text"]}">{escape(title)}</text>')
    for frac in (0, 0.5, 1):
        y = top + plot_h * (1 - frac)
        out.append(f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="{COLORS["grid"]}"/>')
        out.append(f'<text x="{left - 4}" y="{y + 4:.1f}" {FONT} text-anchor="end" '
                   f'fill="{COLORS["text"]}">{_fmt(peak * frac)}</text>')
    for i in range(len(labels)):
        base: float = top + plot_h
        for _name, colour, values in series:
            h = plot_h * values[i] / peak
            if h > 0:
                base -= h
                out.append(f'<rect x="{left + i * step + 0.5:.1f}" y="{base:.1f}" width="{max(1.0, step - 1):.1f}" '
                           f'height="{h:.1f}" fill="{colour}"/>')
        if i % every == 0:
            out.append(f'<text x="{left + i * step:.1f}" y="{height - 6}" {FONT} '
                       f'fill="{COLORS["text"]}">{escape(labels[i])}</text>')
    x = width - 8
    for name, colour, _values in reversed(series):
        if len(series) > 1:
            out.append(f'<text x="{x}" y="12" {FONT} text-anchor="end" fill="{colour}">■ {escape(name)}</text>')
            x -= 8 + 7 * len(name) + 12
    out.append("</svg>")
    return "".join(out)


def horizontal_bars(title: str, rows: Sequence[tuple[str, float]], maximum: float = 1.0,
                    marker: float | None = None, percent: bool = True, width: int = 560) -> str:
    """One bar per (label, value) row, value in 0..``maximum``; ``marker``: a dashed line there."""
    label_w, row_h, top = 220, 20, 22
    height = top + row_h * max(1, len(rows)) + 6
    plot_w = width - label_w - 60
    out = _open(width, height, title)
    out.append(f'<text x="0" y="12" {FONT} fill="{COLORS["text"]}">{escape(title)}</text>')
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        shown = label if len(label) <= 34 else "…" + label[-33:]
        out.append(f'<text x="{label_w - 6}" y="{y + 14}" {FONT} text-anchor="end" '
                   f'fill="{COLORS["text"]}">{escape(shown)}</text>')
        w = plot_w * max(0.0, min(value, maximum)) / maximum if maximum else 0
        out.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" fill="{COLORS["bar"]}"/>')
        text = f"{value * 100:.0f}%" if percent else _fmt(value)
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 14}" {FONT} fill="{COLORS["text"]}">{text}</text>')
    if marker is not None and maximum:
        x = label_w + plot_w * marker / maximum
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{height - 4}" stroke="{COLORS["relearning"]}" '
                   'stroke-dasharray="4 3"/>')
    out.append("</svg>")
    return "".join(out)


def calibration_plot(title: str, points: Sequence[tuple[float, float, int]], size: int = 260) -> str:
    """Predicted (x) against actual (y) recall, both 0..1, a dot per bin sized by its count; the
    diagonal is perfect calibration."""
    pad = 30
    plot = size - 2 * pad
    out = _open(size, size, title)
    out.append(f'<text x="{pad}" y="14" {FONT} fill="{COLORS["text"]}">{escape(title)}</text>')
    out.append(f'<rect x="{pad}" y="{pad}" width="{plot}" height="{plot}" fill="none" stroke="{COLORS["grid"]}"/>')
    out.append(f'<line x1="{pad}" y1="{pad + plot}" x2="{pad + plot}" y2="{pad}" stroke="{COLORS["ideal"]}" '
               'stroke-dasharray="4 3"/>')
    for frac in (0, 0.5, 1):
        out.append(f'<text x="{pad + plot * frac:.1f}" y="{size - 12}" {FONT} text-anchor="middle" '
                   f'fill="{COLORS["text"]}">{frac:.1f}</text>')
        out.append(f'<text x="{pad - 4}" y="{pad + plot * (1 - frac) + 4:.1f}" {FONT} text-anchor="end" '
                   f'fill="{COLORS["text"]}">{frac:.1f}</text>')
    biggest = max([c for _, _, c in points] + [1])
    for predicted, actual, count in points:
        r = 3 + 6 * (count / biggest) ** 0.5
        out.append(f'<circle cx="{pad + plot * predicted:.1f}" cy="{pad + plot * (1 - actual):.1f}" r="{r:.1f}" '
                   f'fill="{COLORS["bar"]}" fill-opacity="0.7"><title>{count} reviews</title></circle>')
    out.append(f'<text x="{pad + plot / 2}" y="{size - 1}" {FONT} text-anchor="middle" '
               f'fill="{COLORS["text"]}">predicted</text>')
    out.append("</svg>")
    return "".join(out)
