"""Horizontal bar charts as inline SVG, for notebooks: no plotting library, opens anywhere."""
from __future__ import annotations

from html import escape

from .style import FONT_STACK


def bar_chart_svg(items: list[tuple[str, float]], title: str = "", width: int = 720, bar: int = 18,
                  label_width: int = 260, color: str = "#4e79a7") -> str:
    """items: (label, value) pairs, drawn top to bottom in the order given."""
    top = 28 if title else 6
    height = top + len(items) * (bar + 6) + 6
    vmax = max((v for _, v in items), default=0) or 1
    span = width - label_width - 70
    font = escape(FONT_STACK, quote=True)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="{font}" font-size="12">']
    if title:
        out.append(f'<text x="4" y="17" font-size="14" font-weight="600">{escape(title)}</text>')
    for i, (label, value) in enumerate(items):
        y = top + i * (bar + 6)
        w = max(1.0, span * value / vmax)
        out.append(f'<text x="{label_width - 6}" y="{y + bar - 5}" text-anchor="end">{escape(str(label))}</text>'
                   f'<rect x="{label_width}" y="{y}" width="{w:.1f}" height="{bar}" fill="{color}">'
                   f'<title>{escape(str(label))}: {value:g}</title></rect>'
                   f'<text x="{label_width + w + 4:.1f}" y="{y + bar - 5}">{value:g}</text>')
    out.append("</svg>")
    return "".join(out)
