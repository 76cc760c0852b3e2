"""Network views that open anywhere: self-contained HTML (pyvis + vendored vis-network) and GEXF.

    from policygraph.viz import build_view, write_html, write_gexf
    view = build_view(store, "coordination", color_by="jurisdiction")
    write_html(view, "coordination.html"); write_gexf(view, "coordination.gexf")
    write_svg(view, "coordination.svg")            # the same drawing, for papers (PNG/PDF: render_svg)

`write_view` is the one call behind `policygraph viz`.
"""
from __future__ import annotations

if not __name__.startswith("policygraph."):   # the checkout's folder on sys.path: a second copy
    raise ImportError(f"import policygraph.{__name__}, not {__name__} (install the package: pip install -e .)")


from dataclasses import dataclass, field
from pathlib import Path

from .gexf import to_gexf_graph, write_gexf
from .html import external_refs, iframe, to_html, write_html
from .render import RenderError
from .render import render as render_svg
from .svg import to_svg
from .views import KINDS, View, build_view

__all__ = ["KINDS", "View", "build_view", "to_html", "write_html", "write_gexf", "to_gexf_graph",
           "external_refs", "iframe", "write_view", "write_svg", "to_svg", "render_svg", "RenderError", "ViewResult",
           "FORMATS"]


@dataclass
class ViewResult:
    files: list[str] = field(default_factory=list)
    nodes: int = 0
    edges: int = 0
    matched: list[dict] = field(default_factory=list)
    problem: str | None = None
    suggestions: list[str] = field(default_factory=list)


FORMATS = (".html", ".htm", ".svg", ".png", ".pdf")


def write_view(store, kind: str, target: str | None, dest: str, gexf: str | None = None, **options) -> ViewResult:
    """Build one view and write it as the file `dest` names — HTML (interactive), SVG, or PNG/PDF
    (the SVG drawn by headless Chromium) — and GEXF; nothing is written when nothing matched."""
    suffix = Path(dest).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"-o {dest}: write .html, .svg, .png or .pdf")
    view = build_view(store, kind, target, **options)
    if view.problem:
        return ViewResult(matched=view.matched, problem=view.problem, suggestions=view.suggestions)
    if suffix in (".html", ".htm"):
        written = write_html(view, dest)
    elif suffix == ".svg":
        written = write_svg(view, dest)
    else:
        written = render_svg(to_svg(view), dest, view.width, view.height)
    files = [written] + ([write_gexf(view, gexf)] if gexf else [])
    return ViewResult(files, view.graph.number_of_nodes(), view.graph.number_of_edges(), view.matched)


def write_svg(view, path) -> str:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(to_svg(view), encoding="utf-8")
    return str(path)
