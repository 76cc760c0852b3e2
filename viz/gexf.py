"""The same subgraph a view draws, for Gephi (GEXF 1.2 via networkx.write_gexf)."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx


def to_gexf_graph(view) -> nx.Graph:
    """A copy whose attributes GEXF can hold: lists and sets joined, dicts as JSON, None dropped;
    the drawing (`vis`) becomes Gephi's own viz colour and size."""
    g = view.graph
    out = g.__class__()
    for n, d in g.nodes(data=True):
        attrs = _plain(d)
        attrs["label"] = _label(d, n)
        viz = _viz(d.get("vis") or {})
        if viz:
            attrs["viz"] = viz
        out.add_node(str(n), **attrs)
    for u, v, d in g.edges(data=True):
        attrs = _plain(d)
        if "weight" in attrs and not isinstance(attrs["weight"], (int, float)):
            attrs.pop("weight")
        out.add_edge(str(u), str(v), **attrs)
    return out


def write_gexf(view, path) -> str:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    nx.write_gexf(to_gexf_graph(view), str(path))
    return str(path)


def _plain(d: dict) -> dict:
    out = {}
    for k, v in d.items():
        if k == "vis" or v is None:
            continue
        if isinstance(v, (set, frozenset, list, tuple)):
            v = "; ".join(str(x) for x in sorted(v, key=str))
        elif isinstance(v, dict):
            v = json.dumps(v, ensure_ascii=False, sort_keys=True)
        elif not isinstance(v, (str, int, float, bool)):
            v = str(v)
        out[k] = v
    return out


def _label(d: dict, n) -> str:
    if d.get("kind") == "task":
        return f"{d.get('number') or ''} {d.get('title') or ''}".strip()
    for key in ("name", "title", "indicator"):
        if d.get(key):
            return str(d[key])
    return str(n)


def _viz(vis: dict) -> dict:
    color = vis.get("color")
    if isinstance(color, dict):
        color = color.get("background") or color.get("color")
    out: dict = {}
    if isinstance(color, str) and color.startswith("#") and len(color) == 7:
        out["color"] = {"r": int(color[1:3], 16), "g": int(color[3:5], 16), "b": int(color[5:7], 16), "a": 1.0}
    size = vis.get("value", vis.get("size"))
    if isinstance(size, (int, float)):
        out["size"] = float(size)
    if isinstance(vis.get("x"), (int, float)) and isinstance(vis.get("y"), (int, float)):
        # The view's layout (viz/layout.py): Gephi opens it as drawn; its y axis points up.
        out["position"] = {"x": float(vis["x"]), "y": -float(vis["y"]), "z": 0.0}
    return out
