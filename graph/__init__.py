"""The graph layer: the model (GraphData; schema in docs/architecture.md), stores that hold it, exports.

    model (GraphData from resolved policies) → store (Store over a backend) → sync (the one
    load algorithm) → backend_ladybug / backend_neo4j (the engines, graph.backend contract)
"""
if not __name__.startswith("policygraph."):   # the checkout's folder on sys.path: a second copy
    raise ImportError(f"import policygraph.{__name__}, not {__name__} (install the package: pip install -e .)")

from .connect import DEFAULT_STORE, default_store_path, open_store
from .errors import (
    QueryError,
    ReadOnlyQuery,
    StoreAuthError,
    StoreCorrupt,
    StoreError,
    StoreLocked,
    StoreNotFound,
    StoreUnavailable,
)
from .model import GraphData, build_graph
from .store import Store

__all__ = ["build_graph", "GraphData", "open_store", "default_store_path", "DEFAULT_STORE",
           "Store", "StoreError", "StoreNotFound", "StoreLocked", "StoreCorrupt",
           "StoreUnavailable", "StoreAuthError", "QueryError", "ReadOnlyQuery"]
