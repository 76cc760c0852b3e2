"""Network views that open anywhere: self-contained HTML (pyvis + vendored vis-network) and GEXF.

    from policygraph.viz import build_view, write_html, write_gexf
    view = build_view(store, "coordination", color_by="jurisdiction")
    write_html(view, "coordination.html"); write_gexf(view, "coordination.gexf")

`write_view` is the one call behind `policygraph viz`.
"""
from __future__ import annotations

if not __name__.startswith("policygraph."):   # the checkout's folder on sys.path: a second copy
    raise ImportError(f"import policygraph.{__name__}, not {__name__} (install the package: pip install -e .)")


from dataclasses import dataclass, field

from .gexf import to_gexf_graph, write_gexf
from .html import external_refs, iframe, to_html, write_html
from .views import KINDS, View, build_view

__all__ = ["KINDS", "View", "build_view", "to_html", "write_html", "write_gexf", "to_gexf_graph",
           "external_refs", "iframe", "write_view", "ViewResult"]


@dataclass
class ViewResult:
    files: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    matched: list[dict] = field(default_factory=list)
    problem: str | None = None
    suggestions: list[str] = field(default_factory=list)


def write_view(store, kind: str, target: str | None, dest: str, gexf: str | None = None, **options) -> ViewResult:
    """Build one view and write it as HTML (and GEXF); nothing is written when nothing matched."""
    view = build_view(store, kind, target, **options)
    if view.problem:
        return ViewResult(matched=view.matched, problem=view.problem, suggestions=view.suggestions)
    files = [write_html(view, dest)] + ([write_gexf(view, gexf)] if gexf else [])
    return ViewResult(files, view.graph.number_of_nodes(), view.graph.number_of_edges(), view.matched)
