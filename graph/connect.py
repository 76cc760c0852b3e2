"""Opening a store from the user's options: the embedded store by default, Neo4j on request."""
from __future__ import annotations

import os

from .store import Store

DEFAULT_STORE = "policygraph.db"


def default_store_path() -> str:
    """./policygraph.db (a directory), unless POLICYGRAPH_STORE says otherwise."""
    return os.environ.get("POLICYGRAPH_STORE") or DEFAULT_STORE


def open_store(path: str | None = None, neo4j_uri: str | None = None, *, neo4j: bool = False,
               user: str | None = None, password: str | None = None,
               database: str | None = None, read_only: bool = False) -> Store:
    """The embedded store at `path` (default: default_store_path()), or Neo4j when `neo4j_uri`
    is given or `neo4j=True` (then NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE)."""
    if neo4j_uri or neo4j:
        from .backend_neo4j import Neo4jBackend
        return Store(Neo4jBackend(uri=neo4j_uri, user=user, password=password, database=database,
                                  read_only=read_only))
    from .backend_ladybug import LadybugBackend
    return Store(LadybugBackend(path or default_store_path(), read_only=read_only))
