"""The backend contract: what a store engine (LadybugDB, Neo4j) provides to the rest of the graph layer.

The load algorithm (graph.sync), the queries and the exports are written once against these
two protocols; a backend module imports this contract, the schema, the values and the errors,
and nothing else of policygraph.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

Row = dict


class Writer(Protocol):
    """Statements inside a write transaction: everything between two boundaries commits together
    or not at all."""

    def run(self, cypher: str, params: dict | None = None) -> list[Row]:
        """Run one statement; rows as dicts (graph elements as graph.values)."""

    def insert_nodes(self, label: str, rows: list[Row]) -> None:
        """Create nodes that are not in the store yet (every schema property in each row)."""

    def update_nodes(self, label: str, rows: list[Row], keep_existing: bool = False) -> None:
        """Set the properties of stored nodes by id; keep_existing: a None never erases a value."""

    def insert_edges(self, rel: str, rows: list[Row]) -> None:
        """Create relationships (rows carry from, to, from_label, to_label and the properties)."""

    def flush(self) -> None:
        """Write whatever the writer holds back (a streaming writer copies in bulk here)."""

    lookup: str
    """How the load asks which of its ids exist: "all" (rows held back are not in the store
    yet: read each kind's ids once), "each" (one indexed query per id), "list" (one query)."""

    resumed: dict | None
    """What a killed load left to finish ({"absorbs": [(stub, policy), …]}), or None."""

    def boundary(self, pending: dict | None = None) -> None:
        """Everything written so far is whole documents. A backend that cannot hold a whole load
        in one transaction commits here (Neo4j: memory per transaction stays bounded, and a
        killed load leaves each document as before or fully replaced), keeping `pending` — what
        the load still has to finish — with them, for `resumed`; one that can, does not."""


class Backend(Protocol):
    name: str          # "ladybug" | "neo4j": which variant of a named query to run
    location: str      # where the graph is, for messages

    def read(self, cypher: str, params: dict | None = None) -> list[Row]:
        """A read-only query."""

    def transaction(self, streaming: bool = False, documents: int | None = None) -> AbstractContextManager[Writer]:
        """A write transaction. streaming: many batches follow (a backend may hold rows back
        until flush, to write them in bulk). documents: at most how many documents it adds or
        replaces, when known (a backend may write a few in place, at the cost of what they are)."""

    def unfinished(self) -> bool:
        """A killed load left work to finish (only where loads commit in parts)."""

    def close(self) -> None:
        ...

