"""The Store: what the rest of policygraph uses to read and write a graph, whichever backend.

A Store wraps one backend (graph.backend contract: LadybugDB embedded, or Neo4j) and adds what
is the same for both: parameterised queries, counts, the whole graph as GraphData or networkx,
exports, and loading through the one load algorithm (graph.sync).
"""
from __future__ import annotations

from collections.abc import Iterable

from . import sync
from .backend import Backend
from .cypher import parameters
from .errors import QueryError
from .model import GraphData
from .schema import EDGES, NODES, edge_props, node_props
from .schema import quote as q
from .values import rows_to_networkx


class Store:
    def __init__(self, backend: Backend):
        self.engine = backend
        self.dialect = backend.name       # which variant of a named query to run
        self.location = backend.location

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # Queries -----------------------------------------------------------------------------
    def query(self, cypher: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Rows as dicts. Read-only unless write=True; values only through `params`."""
        missing = sorted(parameters(cypher) - set(params or {}))
        if missing:
            # Both engines would bind a missing parameter as null and answer nothing, silently.
            raise QueryError(f"the query uses ${missing[0]} but no value was given for it — "
                             f"pass --param {missing[0]}=VALUE")
        if not write:
            return self.engine.read(cypher, params or {})
        # What a write changes is not known: the figures derived from the tasks are cleared
        # first (read from the tasks until a load works them out again; graph.sync), in a
        # transaction of their own — Neo4j runs a schema change alone.
        with self.engine.transaction(documents=0) as w:     # (no document: in place)
            w.run("MATCH (j:Jurisdiction) WHERE j.coordination IS NOT NULL SET j.coordination = NULL")
        with self.engine.transaction() as w:
            return w.run(cypher, params or {})

    def write(self, work) -> None:
        """work(store view) in one transaction, in place: the library's own writes that know
        what they change (derived edges) — a user's query(write=True) may change anything and
        clears the derived figures, these do not."""
        with self.engine.transaction(documents=0) as w:
            work(sync.Within(w, self.dialect))

    def counts(self) -> dict:
        out: dict = {"nodes": {}, "edges": {}}
        for label in NODES:
            out["nodes"][label] = self.engine.read(f"MATCH (n:{q(label)}) RETURN count(n) AS n")[0]["n"]
        for rel in EDGES:
            out["edges"][rel] = self.engine.read(
                f"MATCH ()-[r:{q(rel)}]->() RETURN count(r) AS n")[0]["n"]
        return out

    def dump(self) -> GraphData:
        """The whole graph as GraphData (for export and networkx)."""
        g = GraphData()
        for label in NODES:
            cols = ", ".join(f"n.{q(p)} AS {q(p)}" for p in node_props(label))
            for row in self.engine.read(f"MATCH (n:{q(label)}) RETURN {cols}"):
                g.nodes[label][row["id"]] = row
        for rel, (pairs, _) in EDGES.items():
            cols = ", ".join(f"r.{q(p)} AS {q(p)}" for p in edge_props(rel))
            for fl, tl in pairs:
                for row in self.engine.read(f"MATCH (a:{q(fl)})-[r:{q(rel)}]->(b:{q(tl)}) "
                                            f"RETURN a.id AS `from`, b.id AS `to`, {cols}"):
                    row.update(from_label=fl, to_label=tl)
                    g.edges[rel][row["id"]] = row
        return g

    def to_networkx(self, rows: list[dict] | None = None, *, query: str | None = None,
                    params: dict | None = None):
        """The whole graph (no arguments), the graph in `rows`, or in the rows of `query`."""
        if rows is None and query is None:
            return self.dump().to_networkx()
        if rows is None:
            rows = self.query(query or "", params)
        return rows_to_networkx(rows)

    def export(self, fmt: str, dest: str) -> list[str]:
        """Write the graph as cypher|graphml|gexf|json|csv to dest (a directory for csv)."""
        from .export import export
        return export(self.dump(), fmt, dest)

    # Loading -----------------------------------------------------------------------------
    def load(self, data: GraphData, progress=None, finish=None) -> dict:
        """Add new documents, replace changed ones, skip unchanged ones — all or nothing.

        Returns {"added": [sources], "changed": [...], "unchanged": [...], "counts": counts()}.
        `progress(step, done, total)` is called as the load advances (for a progress bar);
        `finish(store view, sources written)` last, in the load's transaction (pipeline).
        """
        if not sync.pending(self.engine, data) and not self.unfinished():   # nothing to write: no transaction
            return {"added": [], "changed": [], "unchanged": sorted(data.fingerprints()),
                    "duplicates": [], "warnings": [], "counts": self.counts()}
        return self.load_many([data], progress, documents=len(data.sources()), finish=finish)

    def unfinished(self) -> bool:
        """A killed load left work for the next one (Neo4j, which commits a load in parts)."""
        return self.engine.unfinished()

    def load_many(self, chunks: Iterable[GraphData], progress=None, documents: int | None = None,
                  finish=None) -> dict:
        """Load a stream of GraphData chunks, memory one chunk deep: on the embedded store in one
        transaction (all or nothing), on Neo4j committed per chunk of whole documents (graph.sync).
        documents: at most how many documents the chunks hold, when known (a few are written
        in place, at the cost of what they change)."""
        return {**sync.load_many(self.engine, chunks, progress, documents, finish), "counts": self.counts()}

    def remove(self, source: str | None = None, doc_number: str | None = None, finish=None) -> dict:
        """Take out the document a file holds (any path form; all its files) or the one with a
        文号. Returns {"removed": [sources], "counts": counts()}."""
        return {"removed": sync.remove(self.engine, source, doc_number, finish), "counts": self.counts()}

    def known_files(self, fingerprints: list[str] | None = None) -> dict[str, str]:
        """fingerprint → real path of every file already read into the store (or of those
        with the given fingerprints)."""
        return sync.known_files(self.engine.read, fingerprints)


__all__ = ["Store"]
