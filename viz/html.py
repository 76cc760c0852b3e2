"""A View as one self-contained HTML page: pyvis builds the vis-network data, our template draws it.

pyvis 0.3.2's own template links bootstrap and vis-network from CDNs whatever `cdn_resources`
says (WestHealth/pyvis#228, #229), so the page is rendered from `template.html` beside this file
with the vendored vis-network (vendor/) inlined; `strip_external` then removes anything that
would still load from the network, and `external_refs` checks the result.
"""
from __future__ import annotations

import html as _html
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyvis.network import Network

from . import style as S

HERE = Path(__file__).resolve().parent
VENDOR_JS = HERE / "vendor" / "vis-network.min.js"
BIG = 1000          # above this many nodes: edges hidden while dragging or zooming

# A resource load from elsewhere: src=/href= (also protocol-relative //host), CSS @import or url().
_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|srcset|poster|data)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|(?:@import\s+(?:url\(\s*)?["']?\s*(?:https?:)?//)"""
    r"""|(?:\burl\(\s*["']?\s*(?:https?:)?//)""", re.I)
_EXTERNAL_TAGS = re.compile(
    r"""<script\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//[^>]*>\s*</script\s*>"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//[^>]*>""", re.I | re.S)


@lru_cache(maxsize=1)
def _vis_js() -> str:
    js = VENDOR_JS.read_text(encoding="utf-8")
    # Inlined into <script>: a literal "</script" would end the element early.
    assert "</script" not in js.lower(), "vendored vis-network cannot be inlined as is"
    return js


@lru_cache(maxsize=1)
def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(HERE)), autoescape=select_autoescape(["html"]))
    # tojson still escapes < > & ' (safe inside <script>); keep Chinese readable in the file.
    env.policies["json.dumps_kwargs"] = {"sort_keys": False, "ensure_ascii": False}
    return env


def to_network(view) -> Network:
    """The view's graph as a pyvis Network (the `vis` dict of every node and edge becomes its options)."""
    g = view.graph
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    # The most important drawn last, on top (the body asked about is not hidden under its tasks).
    for n, d in sorted(g.nodes(data=True), key=lambda nd: float(nd[1].get("importance") or 0)):
        vis = dict(d.get("vis") or {})
        title = vis.pop("tooltip", None)
        # importance: the view's size measure, for the browser test to read back.
        label = vis.pop("label", str(n))
        net.add_node(str(n), label=label or str(n), color=vis.pop("color", "#97c2fc"),
                     shape=vis.pop("shape", "dot"), **({"title": title} if title else {}),
                     importance=d.get("importance", 0), **vis)
        if not label:                  # unlabelled at rest (pyvis would show the id instead)
            del net.nodes[-1]["label"]
    directed = g.is_directed()
    no_arrow = {"to": {"enabled": False}}
    # pyvis's add_edge checks every node id in a list (quadratic); the graph is already
    # consistent, so edges go in through pyvis's Edge shape directly.
    from pyvis.edge import Edge
    for u, v, d in g.edges(data=True):
        vis = dict(d.get("vis") or {})
        title = vis.pop("tooltip", None)
        vis.setdefault("arrows", "to" if directed else no_arrow)
        if title:
            vis["title"] = title
        net.edges.append(Edge(str(u), str(v), True, **vis).options)
    net.options = vis_options(view, len(net.nodes))
    return net


def vis_options(view, n_nodes: int) -> dict:
    """vis-network options. Every position, size, label and curve comes from viz/layout.py, so
    there is no physics: the page is still from its first frame, a `--seed` gives the same
    picture, and the static exports (viz/svg.py) draw what the page draws."""
    big = n_nodes > BIG
    return {
        "nodes": {"font": {"face": S.FONT_STACK, "size": 14, "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"label": {"enabled": False}}},
        # Arcs only where layout.route_edges bent one around a box; otherwise straight.
        "edges": {"smooth": False, "font": {"face": S.FONT_STACK, "size": 11},
                  "arrows": {"to": {"scaleFactor": 0.6}}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "navigationButtons": False, "keyboard": False},
        "physics": {"enabled": False},
    }


def to_html(view) -> str:
    net = to_network(view)
    nodes, edges, _heading, _h, _w, _options = net.get_network_data()
    page = _env().get_template("template.html").render(
        title=view.title, nodes=nodes, edges=edges, options=net.options, legend=view.legend, notes=view.notes,
        n_nodes=len(nodes), n_edges=len(edges), font_stack=S.FONT_STACK, vis_js=_vis_js())
    page = strip_external(page)
    bad = external_refs(page)
    if bad:   # the contract: the file opens offline
        raise AssertionError(f"view still loads from the network: {bad[:3]}")
    return page


def write_html(view, path) -> str:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(to_html(view), encoding="utf-8")
    return str(path)


def strip_external(page: str) -> str:
    """Drop <script src=…> and <link href=…> tags that point off the page (pyvis-style CDN links)."""
    return _EXTERNAL_TAGS.sub("", page)


def external_refs(page: str) -> list[str]:
    """Every place the page would load something over the network (should be none)."""
    return [page[max(m.start() - 20, 0): m.end() + 60] for m in _EXTERNAL.finditer(page)]


def iframe(page: str, height: int = 620) -> str:
    """The page inside an <iframe srcdoc> for a notebook cell: scripts run in their own document,
    whatever the notebook front end does with scripts in HTML output."""
    return (f'<iframe srcdoc="{_html.escape(page, quote=True)}" '
            f'style="width:100%;height:{height}px;border:1px solid #ddd" sandbox="allow-scripts"></iframe>')
