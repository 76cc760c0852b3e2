"""Where every node of a view is drawn, which labels show at rest, and how lineage edges bend.

Done here, in Python, rather than by vis-network's physics in the page, so that
- a `--seed` gives the same picture every time, in the browser and in the static exports
  (viz/svg.py draws the same positions, labels and curves);
- the page is still from its first frame and fits all nodes at once;
- labels can be kept apart: the geometry of a label is known here (a font size per node, a
  CJK character one em wide), so the most important nodes are labelled and pushed apart until
  no two labels at rest overlap; the rest show their names on hover (the tooltip).

Coordinates are vis-network canvas pixels; a layout is made for the drawing area of a
`width` × `height` page (the legend panel and the title bar taken off), so that fitting it
keeps the fonts near their set size.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass

import networkx as nx

LEGEND_W, HEADER_H = 250, 44        # the page's side panel and title bar (template.html, svg.py)
MIN_LABELS = 20                     # the most important nodes always labelled at rest …
MAX_LABELS = 60                     # … and more, up to this many, where a label finds room
LABEL_CHARS = 10                    # a longer name is cut (the full one is in the tooltip)
FONT = 14                           # label font size (px) of dots; boxes set their own
PAD = 4                             # px kept free around every label box
BOX_MARGIN = 5                      # vis-network's margin inside a box shape


@dataclass
class Rect:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, o: Rect, pad: float = 0.0) -> bool:
        return (self.left < o.right + pad and o.left < self.right + pad
                and self.top < o.bottom + pad and o.top < self.bottom + pad)

    def union(self, o: Rect) -> Rect:
        return Rect(min(self.left, o.left), min(self.top, o.top), max(self.right, o.right),
                    max(self.bottom, o.bottom))


def text_width(line: str, size: float) -> float:
    """Width of one line in px: CJK and full-width signs one em, the rest about 0.6 em (Noto Sans)."""
    return sum(size if ord(c) >= 0x2E80 or c == "…" else 0.6 * size for c in line)


def text_size(label: str, size: float) -> tuple[float, float]:
    lines = label.split("\n") if label else []
    if not lines:
        return 0.0, 0.0
    return max(text_width(x, size) for x in lines), len(lines) * size * 1.15


def short_label(name: str | None, n: int = LABEL_CHARS) -> str:
    """A label that fits: the name, or its first n−1 characters and an ellipsis."""
    name = (name or "").strip()
    return name if len(name) <= n else name[: n - 1] + "…"


def font_size(vis: dict) -> float:
    f = vis.get("font")
    return float(f.get("size", FONT)) if isinstance(f, dict) else FONT


def body_rect(vis: dict) -> Rect:
    """The node's own shape (a box holds its label; the other shapes are squares of 2·size)."""
    x, y = vis["x"], vis["y"]
    if vis.get("shape") == "box":
        w, h = text_size(vis.get("label") or "", font_size(vis))
        w, h = w + 2 * BOX_MARGIN, h + 2 * BOX_MARGIN
        return Rect(x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    s = float(vis.get("size", 10))
    return Rect(x - s, y - s, x + s, y + s)


def label_rect(vis: dict) -> Rect | None:
    """Where vis-network draws the label of a node at rest (none when it has no label)."""
    label = vis.get("label") or ""
    if not label:
        return None
    if vis.get("shape") == "box":
        return body_rect(vis)
    fs = font_size(vis)
    w, h = text_size(label, fs)
    top = vis["y"] + float(vis.get("size", 10)) + 0.5 * fs + 4     # vis-network's "hanging" label
    return Rect(vis["x"] - w / 2, top, vis["x"] + w / 2, top + h)


def footprint(vis: dict) -> Rect:
    r = label_rect(vis)
    return body_rect(vis) if r is None else body_rect(vis).union(r)


# ── force views: agencies, tasks and their neighbours ───────────────────────────────────────

def force_layout(g: nx.Graph, seed: int, width: int, height: int) -> None:
    """Positions for a coordination or neighbourhood view, labels for its most important nodes.

    Every node's `vis` needs `size` (px), `label` (what it would say) and the node an
    `importance` (the view's size measure). Nodes keep their label only when labelled at rest.
    """
    if not g:
        return
    area_w, area_h = max(width - LEGEND_W, 300), max(height - HEADER_H, 200)
    pos = packed(g, seed, area_w / area_h)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    margin = 40
    # Each axis to the drawing area: the packing is of the page's aspect already, and one
    # large part would otherwise sit in a square in the middle of a wide page.
    sx, sy = (area_w - 2 * margin) / span_x, (area_h - 2 * margin) / span_y
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    for n, (x, y) in pos.items():
        vis = g.nodes[n]["vis"]
        vis["x"], vis["y"] = round((x - cx) * sx, 1), round((y - cy) * sy, 1)
    choose_labels(g)


def packed(g: nx.Graph, seed: int, aspect: float) -> dict:
    """Each connected part laid out on its own, in a square of side √(its nodes), the squares
    packed in rows (largest first) into a rectangle of the page's aspect. One layout of the
    whole graph would crush every part into a corner: unconnected parts repel each other
    until each is a dot."""
    parts = sorted((sorted(c, key=str) for c in nx.connected_components(g.to_undirected(as_view=True))),
                   key=lambda c: (-len(c), str(c[0])))
    sides = [math.sqrt(len(c)) for c in parts]
    row_w = max(math.sqrt(sum(s * s for s in sides) * 1.6 * aspect), max(sides))
    pos: dict = {}
    x = y = row_h = 0.0
    for part, side in zip(parts, sides):
        if x > 0 and x + side > row_w:
            x, y, row_h = 0.0, y + row_h, 0.0
        for n, (px, py) in _spring(g.subgraph(part), seed).items():
            pos[n] = (x + side * (0.5 + 0.42 * px), y + side * (0.5 + 0.42 * py))
        x += side * 1.15
        row_h = max(row_h, side * 1.15)
    return pos


def _spring(g: nx.Graph, seed: int) -> dict:
    """Fruchterman–Reingold (networkx) from seeded start positions, in [-1, 1]; nodes in a fixed order."""
    nodes = sorted(g.nodes, key=str)
    if len(nodes) <= 2:
        return {n: (0.0, float(i) - 0.5 * (len(nodes) - 1)) for i, n in enumerate(nodes)}
    rng = random.Random(seed)
    start = {n: (rng.random(), rng.random()) for n in nodes}
    h = nx.Graph()
    h.add_nodes_from(nodes)
    h.add_edges_from((u, v, {"w": float(d.get("weight") or 1.0)}) for u, v, d in g.edges(data=True))
    iterations = 120 if len(nodes) <= 500 else 50
    pos = nx.spring_layout(h, pos=start, iterations=iterations, weight="w", seed=seed)
    span = max(max(abs(c) for p in pos.values() for c in p), 1e-9)
    return {n: (float(p[0]) / span, float(p[1]) / span) for n, p in pos.items()}


def ranked(g: nx.Graph) -> list:
    """Nodes by importance, most important first (ties by id: the same order every time)."""
    return sorted(g.nodes, key=lambda n: (-float(g.nodes[n].get("importance") or 0), str(n)))


def choose_labels(g: nx.Graph) -> None:
    """Label the MIN_LABELS most important nodes (pushed apart until their labels are clear of
    each other), then each next one whose label lands on no label already shown, up to
    MAX_LABELS; the others are drawn without a label (their name is in the tooltip)."""
    order = ranked(g)
    for n in order:
        vis = g.nodes[n]["vis"]
        vis.setdefault("full_label", vis.get("label") or "")
    top = order[:MIN_LABELS]
    for n in order[MIN_LABELS:]:
        g.nodes[n]["vis"]["label"] = ""
    separate(g, top)
    shown = [footprint(g.nodes[n]["vis"]) for n in top]
    for n in order[MIN_LABELS:MAX_LABELS]:
        vis = g.nodes[n]["vis"]
        vis["label"] = vis["full_label"]
        box = footprint(vis)
        if any(box.overlaps(s, PAD) for s in shown):
            vis["label"] = ""
        else:
            shown.append(box)
    for n in g.nodes:
        g.nodes[n]["vis"].pop("full_label", None)


def separate(g: nx.Graph, nodes: list, rounds: int = 400) -> None:
    """Move labelled nodes apart until no two footprints (shape and label) overlap: each
    overlapping pair is pushed apart along the line between their centres (so a crowded middle
    spreads every way, not into a column), at least by the overlap along the cheaper axis."""
    for _ in range(rounds):
        moved = False
        boxes = [footprint(g.nodes[n]["vis"]) for n in nodes]
        for i in range(len(nodes)):
            for j in range(i + 1, len(nodes)):
                a, b = boxes[i], boxes[j]
                if not a.overlaps(b, PAD):
                    continue
                over_x = min(a.right, b.right) - max(a.left, b.left) + PAD + 1
                over_y = min(a.bottom, b.bottom) - max(a.top, b.top) + PAD + 1
                va, vb = g.nodes[nodes[i]]["vis"], g.nodes[nodes[j]]["vis"]
                ux, uy = vb["x"] - va["x"], vb["y"] - va["y"]
                norm = math.hypot(ux, uy)
                if norm < 1e-6:                       # on top of each other: split by rank
                    ux, uy, norm = 0.0, 1.0, 1.0
                ux, uy = ux / norm, uy / norm
                # Distance along (ux, uy) that clears the overlap on one axis or the other.
                step = min(over_x / abs(ux) if abs(ux) > 1e-6 else math.inf,
                           over_y / abs(uy) if abs(uy) > 1e-6 else math.inf)
                step = min(step, max(over_x, over_y)) / 2 + 0.5
                va["x"] -= ux * step
                va["y"] -= uy * step
                vb["x"] += ux * step
                vb["y"] += uy * step
                boxes[i], boxes[j] = footprint(va), footprint(vb)
                moved = True
        if not moved:
            return


# ── edges that bend around boxes (lineage) ───────────────────────────────────────────────────

# Straight first, then arcs of growing roundness either way: the first that passes no box.
CURVES = [("straight", 0.0)] + [(t, r) for r in (0.15, 0.3, 0.45, 0.6, 0.8) for t in ("curvedCW", "curvedCCW")]


def via_point(kind: str, roundness: float, a: tuple, b: tuple) -> tuple | None:
    """The control point vis-network uses for a curvedCW/curvedCCW edge (its getViaNode)."""
    if kind == "straight":
        return None
    dx, dy = b[0] - a[0], a[1] - b[1]
    radius = math.hypot(dx, dy)
    turn = (0.5 * roundness + 0.5) if kind == "curvedCW" else (-0.5 * roundness + 0.5)
    angle = (math.atan2(dy, dx) + turn * math.pi) % (2 * math.pi)
    return (a[0] + (0.5 * roundness + 0.5) * radius * math.sin(angle),
            a[1] + (0.5 * roundness + 0.5) * radius * math.cos(angle))


def curve_points(a: tuple, b: tuple, via: tuple | None, steps: int = 24) -> list[tuple]:
    if via is None:
        return [(a[0] + (b[0] - a[0]) * t / steps, a[1] + (b[1] - a[1]) * t / steps) for t in range(steps + 1)]
    out = []
    for i in range(steps + 1):
        t = i / steps
        out.append(((1 - t) ** 2 * a[0] + 2 * (1 - t) * t * via[0] + t * t * b[0],
                    (1 - t) ** 2 * a[1] + 2 * (1 - t) * t * via[1] + t * t * b[1]))
    return out


def _hits(points: list[tuple], boxes: list[Rect]) -> int:
    return sum(any(r.left <= x <= r.right and r.top <= y <= r.bottom for x, y in points) for r in boxes)


def route_edges(g: nx.Graph) -> None:
    """Per edge, the first shape of CURVES whose line passes through no other node's box (the
    fewest boxes when none is free); written as the edge's vis `smooth`."""
    boxes = {n: body_rect(g.nodes[n]["vis"]) for n in g.nodes}
    for u, v, d in g.edges(data=True):
        a = (g.nodes[u]["vis"]["x"], g.nodes[u]["vis"]["y"])
        b = (g.nodes[v]["vis"]["x"], g.nodes[v]["vis"]["y"])
        others = [Rect(r.left - 6, r.top - 6, r.right + 6, r.bottom + 6) for n, r in boxes.items() if n not in (u, v)]
        best = None
        for kind, roundness in CURVES:
            hits = _hits(curve_points(a, b, via_point(kind, roundness, a, b)), others)
            if best is None or hits < best[0]:
                best = (hits, kind, roundness)
            if hits == 0:
                break
        assert best is not None
        _, kind, roundness = best
        d["vis"]["smooth"] = {"enabled": False} if kind == "straight" else \
            {"enabled": True, "type": kind, "roundness": roundness}
