"""The graph layer: build GraphData from an extract, load it into a store, query and export."""
from .errors import (QueryError, ReadOnlyQuery, StoreAuthError, StoreCorrupt, StoreError,
                     StoreLocked, StoreNotFound, StoreUnavailable)
from .model import GraphData, build_graph
from .store import DEFAULT_STORE, Store, default_store_path, open_store

__all__ = ["build_graph", "GraphData", "open_store", "default_store_path", "DEFAULT_STORE",
           "Store", "StoreError", "StoreNotFound", "StoreLocked", "StoreCorrupt",
           "StoreUnavailable", "StoreAuthError", "QueryError", "ReadOnlyQuery"]
