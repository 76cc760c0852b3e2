"""From files to a loaded graph: extract, resolve agencies, add successions, build, load."""
from __future__ import annotations

from ..loaders import extract_paths
from ..registry.resolve import Resolver, successions
from .model import GraphData, build_graph


def graph_from_paths(paths, resolver: Resolver | None = None, on_error=None, progress=None):
    """(GraphData, policies, errors) for the documents under paths; bad files are reported, not fatal."""
    resolver = resolver or Resolver()
    policies, errors = extract_paths(paths, resolver=resolver, on_error=on_error, progress=progress)
    data = build_graph({"policies": policies}, successions(policies, resolver.registry)) if policies else GraphData()
    return data, policies, errors


def load_paths(store, paths, resolver: Resolver | None = None, on_error=None, progress=None) -> dict:
    """Load documents into a store; the store's load is atomic and idempotent."""
    data, policies, errors = graph_from_paths(paths, resolver, on_error=on_error, progress=progress)
    summary = store.load(data) if policies else {"added": [], "changed": [], "skipped": [], "counts": store.counts()}
    summary["errors"] = [str(e) for e in errors]
    summary["documents"] = len(policies)
    return summary
