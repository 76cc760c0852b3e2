"""A View as one SVG picture: the page's drawing (same positions, sizes, labels, curves), title
bar and legend, for papers. Pure Python; PNG and PDF are this SVG rendered by headless
Chromium (viz/render.py), so the three files show the same graph.
"""
from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from . import layout as L
from . import style as S

TITLE_SIZE, META_SIZE, LEGEND_SIZE = 17, 12, 12


def _fill(color, default="#97c2fc") -> tuple[str, str]:
    """(fill, border) of a vis colour: a string, or {background, border}, or {color}."""
    if isinstance(color, dict):
        bg = color.get("background") or color.get("color") or default
        return bg, color.get("border") or bg
    return color or default, "#2b2b2b" if not color else _darker(color)


def _darker(hex_color: str) -> str:
    try:
        r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    except ValueError:
        return hex_color
    return f"#{int(r * 0.75):02x}{int(g * 0.75):02x}{int(b * 0.75):02x}"


def fit(view) -> tuple[float, float, float]:
    """(scale, dx, dy) that put every node's footprint inside the drawing area, as the page's fit."""
    boxes = [L.footprint(d["vis"]) for _, d in view.graph.nodes(data=True)]
    left, top = min(b.left for b in boxes), min(b.top for b in boxes)
    right, bottom = max(b.right for b in boxes), max(b.bottom for b in boxes)
    area_w, area_h = view.width - L.LEGEND_W - 60, view.height - L.HEADER_H - 50
    scale = min(area_w / max(right - left, 1), area_h / max(bottom - top, 1), 1.5)
    dx = L.LEGEND_W + 30 + (area_w - (right - left) * scale) / 2 - left * scale
    dy = L.HEADER_H + 25 + (area_h - (bottom - top) * scale) / 2 - top * scale
    return scale, dx, dy


def to_svg(view) -> str:
    g = view.graph
    scale, ox, oy = fit(view)

    def xy(x, y):
        return x * scale + ox, y * scale + oy

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{view.width}" height="{view.height}" '
           f'viewBox="0 0 {view.width} {view.height}" font-family={quoteattr(S.FONT_STACK)}>',
           f'<rect width="{view.width}" height="{view.height}" fill="#ffffff"/>',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
           'orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path d="M0,0 L10,5 L0,10 z" '
           'fill="context-stroke"/></marker></defs>', '<g id="edges">']
    directed = g.is_directed()
    for u, v, d in g.edges(data=True):
        out.append(_edge(g.nodes[u]["vis"], g.nodes[v]["vis"], d.get("vis") or {}, directed, xy, scale))
    out.append('</g><g id="nodes">')
    for n, d in sorted(g.nodes(data=True), key=lambda nd: float(nd[1].get("importance") or 0)):
        out.append(_node(str(n), d["vis"], xy, scale))
    out.append("</g>")
    out += _chrome(view)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _edge(a: dict, b: dict, vis: dict, directed: bool, xy, scale: float) -> str:
    p, q = xy(a["x"], a["y"]), xy(b["x"], b["y"])
    smooth = vis.get("smooth")
    via = None
    if isinstance(smooth, dict) and smooth.get("enabled") and smooth.get("type") in ("curvedCW", "curvedCCW"):
        via = L.via_point(smooth["type"], float(smooth.get("roundness", 0.5)), (a["x"], a["y"]), (b["x"], b["y"]))
        via = xy(*via) if via else None
    color = vis.get("color")
    stroke, opacity = (color.get("color", "#848484"), color.get("opacity", 1)) if isinstance(color, dict) \
        else (color or "#848484", 1)
    width = max(float(vis.get("width", 1)) * scale, 0.5)
    dashes = vis.get("dashes")
    dash = f' stroke-dasharray="{" ".join(str(x) for x in dashes)}"' if isinstance(dashes, list) else \
        ' stroke-dasharray="5 5"' if dashes else ""
    arrows = vis.get("arrows", "to" if directed else None)
    arrow = arrows == "to" or (isinstance(arrows, dict) and arrows.get("to", {}).get("enabled", True))
    # The line ends at the border of the node it points to (approximated by its shape's box).
    end = _clip_to(b, xy, scale, via or p, q) if arrow else q
    path = f"M{p[0]:.1f},{p[1]:.1f} " + (f"Q{via[0]:.1f},{via[1]:.1f} " if via else "L") + f"{end[0]:.1f},{end[1]:.1f}"
    return (f'<path d="{path}" fill="none" stroke="{stroke}" stroke-opacity="{opacity}" '
            f'stroke-width="{width:.2f}"{dash}' + (' marker-end="url(#arrow)"' if arrow else "") + "/>")


def _clip_to(node: dict, xy, scale: float, frm: tuple, to: tuple) -> tuple:
    r = L.body_rect(node)
    half_w, half_h = (r.right - r.left) / 2 * scale, (r.bottom - r.top) / 2 * scale
    dx, dy = frm[0] - to[0], frm[1] - to[1]
    length = math.hypot(dx, dy) or 1.0
    if node.get("shape") == "box":
        t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        return to[0] + dx * t, to[1] + dy * t
    return to[0] + dx / length * half_w, to[1] + dy / length * half_w


def _node(node_id: str, vis: dict, xy, scale: float) -> str:
    x, y = xy(vis["x"], vis["y"])
    fill, border = _fill(vis.get("color"))
    bw = float(vis.get("borderWidth", 1)) * scale
    shape = vis.get("shape", "dot")
    s = float(vis.get("size", 10)) * scale
    parts = [f'<g class="node" data-id={quoteattr(node_id)}>']
    style = f'fill="{fill}" stroke="{border}" stroke-width="{bw:.2f}"'
    if shape == "box":
        r = L.body_rect(vis)
        (x0, y0), (x1, y1) = xy(r.left, r.top), xy(r.right, r.bottom)
        parts.append(f'<rect x="{x0:.1f}" y="{y0:.1f}" width="{x1 - x0:.1f}" height="{y1 - y0:.1f}" '
                     f'rx="{4 * scale:.1f}" {style}/>')
    elif shape == "dot":
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{s:.1f}" {style}/>')
    elif shape == "square":
        parts.append(f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {style}/>')
    elif shape == "triangle":
        pts = [(x, y - s), (x + s * 0.866, y + s * 0.5), (x - s * 0.866, y + s * 0.5)]
        parts.append(f'<polygon points="{_pts(pts)}" {style}/>')
    else:                                                     # star
        pts = _star(x, y, s, s * 0.4)
        parts.append(f'<polygon points="{_pts(pts)}" {style}/>')
    label = vis.get("label") or ""
    if label:
        parts.append(_label(vis, label, xy, scale))
    parts.append("</g>")
    return "".join(parts)


def _label(vis: dict, label: str, xy, scale: float) -> str:
    r = L.label_rect(vis)
    assert r is not None
    fs = L.font_size(vis) * scale
    font = vis.get("font")
    color = font.get("color", "#343434") if isinstance(font, dict) else "#343434"
    lines = label.split("\n")
    line_h = fs * 1.15
    if vis.get("shape") == "box":
        _, top = xy(0, (r.top + r.bottom) / 2)
        top -= line_h * len(lines) / 2
    else:
        _, top = xy(0, r.top)
    x, _ = xy(vis["x"], 0)
    halo = "" if vis.get("shape") == "box" else ' stroke="#ffffff" stroke-width="3" paint-order="stroke"'
    spans = "".join(f'<tspan x="{x:.1f}" y="{top + line_h * (i + 0.82):.1f}">{escape(t)}</tspan>'
                    for i, t in enumerate(lines))
    return f'<text class="label" text-anchor="middle" font-size="{fs:.1f}" fill="{color}"{halo}>{spans}</text>'


def _star(x: float, y: float, outer: float, inner: float) -> list[tuple[float, float]]:
    """A five-pointed star's ten corners around (x, y), point up (the node shape and the legend's)."""
    return [(x + (outer if k % 2 == 0 else inner) * math.sin(k * math.pi / 5),
             y - (outer if k % 2 == 0 else inner) * math.cos(k * math.pi / 5)) for k in range(10)]


def _pts(points) -> str:
    return " ".join(f"{a:.1f},{b:.1f}" for a, b in points)


def _wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of at most `width` px: Latin text breaks at spaces, Chinese anywhere."""
    lines, cur = [], ""
    for word in text.replace(" ", " \x00").split("\x00"):
        units = [word] if word.isascii() else list(word)
        for u in units:
            if cur and L.text_width(cur + u, size) > width:
                lines.append(cur.rstrip())
                cur = u.lstrip() if len(u) > 1 else u
                continue
            cur += u
    return lines + ([cur.rstrip()] if cur.strip() else [])


def _chrome(view) -> list[str]:
    """The title bar and the legend panel, as on the page."""
    n, e = view.graph.number_of_nodes(), view.graph.number_of_edges()
    out = [f'<rect x="0" y="0" width="{view.width}" height="{L.HEADER_H}" fill="#fafafa"/>',
           f'<line x1="0" y1="{L.HEADER_H}" x2="{view.width}" y2="{L.HEADER_H}" stroke="#e3e3e3"/>',
           f'<text x="14" y="28" font-size="{TITLE_SIZE}" font-weight="600" fill="#222">{escape(view.title)}'
           f'<tspan font-size="{META_SIZE}" font-weight="400" fill="#666" dx="14">{n} nodes · {e} edges</tspan></text>',
           f'<rect x="0" y="{L.HEADER_H}" width="{L.LEGEND_W}" height="{view.height - L.HEADER_H}" fill="#fcfcfc"/>',
           f'<line x1="{L.LEGEND_W}" y1="{L.HEADER_H}" x2="{L.LEGEND_W}" y2="{view.height}" stroke="#e3e3e3"/>',
           f'<text x="12" y="{L.HEADER_H + 22}" font-size="{LEGEND_SIZE}" fill="#666" '
           'letter-spacing=".5">LEGEND</text>']
    y = L.HEADER_H + 42
    for item in view.legend:
        lines = _wrap(item["label"], L.LEGEND_W - 60, LEGEND_SIZE)
        cy = y - 4
        if item.get("line"):
            ln = item["line"]
            dash = ' stroke-dasharray="5 4"' if ln.get("dashes") else ""
            out.append(f'<line x1="12" y1="{cy}" x2="38" y2="{cy}" stroke="{ln["color"]}" '
                       f'stroke-width="{max(ln.get("width", 2), 2)}"{dash}/>')
        elif item.get("shape") == "note":
            out.append(f'<circle cx="18" cy="{cy}" r="1.5" fill="#444"/>')
        else:
            fill, _ = _fill(item.get("color"))
            border = item.get("border", "rgba(0,0,0,.25)")
            if item.get("shape") == "dot":
                out.append(f'<circle cx="18" cy="{cy}" r="6" fill="{fill}" stroke="{border}"/>')
            elif item.get("shape") == "star":
                pts = _star(18, cy, 7, 3)
                out.append(f'<polygon points="{_pts(pts)}" fill="{fill}"/>')
            elif item.get("shape") == "triangle":
                out.append(f'<polygon points="{_pts([(18, cy - 6), (24, cy + 5), (12, cy + 5)])}" fill="{fill}"/>')
            else:
                out.append(f'<rect x="12" y="{cy - 6}" width="12" height="12" fill="{fill}" stroke="{border}"/>')
        for i, t in enumerate(lines):
            out.append(f'<text x="46" y="{y + i * 17}" font-size="{LEGEND_SIZE}" fill="#222">{escape(t)}</text>')
        y += 17 * max(len(lines), 1) + 2
    for note in view.notes:
        for t in _wrap(note, L.LEGEND_W - 24, LEGEND_SIZE):
            out.append(f'<text x="12" y="{y + 4}" font-size="{LEGEND_SIZE}" fill="#555">{escape(t)}</text>')
            y += 17
    return out
