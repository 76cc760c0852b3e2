"""Neo4j through the official driver (py2neo is end-of-life).

Reads use driver.execute_query(…, database_=…, routing_=READ): the server refuses writes in a
read transaction, which is what makes query(write=False) read-only. A load runs in one explicit
transaction (execute_query would commit each statement on its own), so a failure or a lost
connection rolls the whole load back. Settings: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE (default "neo4j"); bolt://, neo4j:// and neo4j+s:// URIs all work.
"""
from __future__ import annotations

import logging
import os
from contextlib import contextmanager

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j import exceptions as nx

from ..base.runtime import chunks
from .errors import QueryError, ReadOnlyQuery, StoreAuthError, StoreError, StoreUnavailable
from .schema import EDGES, NODES
from .schema import quote as q
from .values import NodeValue, PathValue, RelValue

_BATCH = 2000
# A server that takes the connection and never answers is given this long (the driver's defaults
# add up to a minute of silence), and the driver's own log lines ("Unable to retrieve routing
# information") are not printed: the error says what happened, once.
CONNECT_TIMEOUT = 10.0
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False


def _convert(v):
    if isinstance(v, neo4j.graph.Node):
        return NodeValue({k: _convert(x) for k, x in v.items()}, next(iter(v.labels), None),
                         v.element_id)
    if isinstance(v, neo4j.graph.Relationship):
        return RelValue({k: _convert(x) for k, x in v.items()}, v.type, v.element_id,
                        v.start_node.element_id if v.start_node else None,
                        v.end_node.element_id if v.end_node else None)
    if isinstance(v, neo4j.graph.Path):
        return PathValue([_convert(n) for n in v.nodes], [_convert(r) for r in v.relationships])
    if isinstance(v, dict):
        return {k: _convert(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_convert(x) for x in v]
    if hasattr(v, "iso_format"):  # neo4j.time values
        return v.iso_format()
    return v


def _rows(records) -> list[dict]:
    return [{k: _convert(r[k]) for k in r.keys()} for r in records]


class _Writer:
    def __init__(self, tx):
        self.tx = tx

    def flush(self) -> None:
        pass   # every batch is sent as it comes; nothing is held back

    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        try:
            return _rows(list(self.tx.run(cypher, params or {})))
        except nx.CypherSyntaxError as exc:
            raise QueryError(f"query failed: {' '.join(str(exc.message).split())}") from None

    def insert_nodes(self, label: str, rows: list[dict]) -> None:
        self._merge_nodes(label, rows, keep_existing=False)

    def update_nodes(self, label: str, rows: list[dict], keep_existing: bool = False) -> None:
        self._merge_nodes(label, rows, keep_existing)

    def _merge_nodes(self, label: str, rows: list[dict], keep_existing: bool) -> None:
        names = [n for n, _ in NODES[label] if n != "id"]
        if keep_existing:
            sets = ", ".join(f"n.{q(n)} = coalesce(row.{q(n)}, n.{q(n)})" for n in names)
        else:
            sets = ", ".join(f"n.{q(n)} = row.{q(n)}" for n in names)
        for chunk in chunks(rows, _BATCH):
            self.tx.run(f"UNWIND $rows AS row MERGE (n:{q(label)} {{id: row.id}}) SET {sets}",
                        rows=chunk)

    def insert_edges(self, rel: str, rows: list[dict]) -> None:
        names = [n for n, _ in EDGES[rel][1] if n != "id"]
        sets = ", ".join(f"r.{q(n)} = row.{q(n)}" for n in names)
        for fl, tl in EDGES[rel][0]:
            part = [r for r in rows if (r["from_label"], r["to_label"]) == (fl, tl)]
            for chunk in chunks(part, _BATCH):
                self.tx.run(f"UNWIND $rows AS row MATCH (a:{q(fl)} {{id: row.`from`}}) "
                            f"MATCH (b:{q(tl)} {{id: row.`to`}}) "
                            f"MERGE (a)-[r:{q(rel)} {{id: row.id}}]->(b) SET {sets}", rows=chunk)


def _silent(exc: BaseException) -> bool:
    """A connection taken and never answered (a handshake that timed out), anywhere in the chain."""
    seen, todo = set(), [exc]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        text = str(e)
        if "handshake" in text or "Deadline(" in text or isinstance(e, TimeoutError):
            return True
        todo += [x for x in (e.__cause__, e.__context__) if x is not None]
        todo += list(getattr(e, "exceptions", ()))
    return False


class Neo4jBackend:
    """Neo4j (graph.backend contract)."""
    name = "neo4j"

    def __init__(self, uri=None, user=None, password=None, database=None, read_only=False):
        self.uri = uri or os.environ.get("NEO4J_URI") or "bolt://localhost:7687"
        self.location = self.uri
        self.database = database or os.environ.get("NEO4J_DATABASE") or "neo4j"
        self.read_only = read_only
        auth = (user or os.environ.get("NEO4J_USER") or "neo4j",
                password if password is not None else os.environ.get("NEO4J_PASSWORD", ""))
        scheme = self.uri.split("://", 1)[0]
        if scheme not in ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"):
            raise StoreError(f"bad Neo4j URI {self.uri!r}; use bolt://, neo4j:// or "
                             f"neo4j+s://host:port")
        try:
            self.driver = GraphDatabase.driver(self.uri, auth=auth, connection_timeout=CONNECT_TIMEOUT,
                                               connection_acquisition_timeout=CONNECT_TIMEOUT)
            self.driver.verify_connectivity()
        except (ValueError, nx.ConfigurationError) as exc:
            raise StoreError(f"bad Neo4j URI {self.uri!r} ({exc}); use bolt://, neo4j:// or "
                             f"neo4j+s://host:port") from None
        except Exception as exc:
            raise self._connect_error(exc) from None
        if not read_only:
            self._constraints()

    def _connect_error(self, exc: Exception) -> StoreError:
        if isinstance(exc, nx.AuthError):
            return StoreAuthError(f"Neo4j at {self.uri} rejected the user name or password; "
                                  f"check NEO4J_USER and NEO4J_PASSWORD")
        if isinstance(exc, (nx.ServiceUnavailable, OSError, nx.SessionExpired)) and _silent(exc):
            return StoreUnavailable(f"Neo4j at {self.uri} took the connection but gave no Bolt answer within "
                                    f"{CONNECT_TIMEOUT:g} s; is that a Neo4j Bolt port (7687)? check NEO4J_URI")
        if isinstance(exc, (nx.ServiceUnavailable, OSError, nx.SessionExpired)):
            return StoreUnavailable(f"cannot reach Neo4j at {self.uri}; is the server running "
                                    f"(e.g. docker run -p 7687:7687 neo4j:5)? check NEO4J_URI")
        if isinstance(exc, nx.ClientError) and "database" in str(exc).lower():
            return StoreError(f"Neo4j at {self.uri} has no database {self.database!r}; "
                              f"set NEO4J_DATABASE")
        return StoreError(f"Neo4j error at {self.uri}: {' '.join(str(exc).split())[:200]}")

    def _constraints(self) -> None:
        for label in NODES:  # Community edition syntax; must exist before any MERGE
            self._execute(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                          f"FOR (n:{q(label)}) REQUIRE n.id IS UNIQUE", {}, write=True)

    def _execute(self, cypher: str, params: dict, write: bool) -> list[dict]:
        try:
            records, _, _ = self.driver.execute_query(
                cypher, params, database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ)
        except nx.CypherSyntaxError as exc:
            raise QueryError(f"query failed: {' '.join(str(exc.message).split())}") from None
        except nx.ClientError as exc:
            if "AccessMode" in (exc.code or "") or "read access mode" in str(exc):
                raise ReadOnlyQuery("this query writes to the graph; run it with write=True "
                                    "(--write)") from None
            raise QueryError(f"query failed: {' '.join(str(exc.message).split())}") from None
        except (nx.ServiceUnavailable, nx.AuthError, nx.SessionExpired) as exc:
            raise self._connect_error(exc) from None
        return _rows(records)

    def read(self, cypher: str, params: dict | None = None) -> list[dict]:
        return self._execute(cypher, params or {}, write=False)

    @contextmanager
    def transaction(self, streaming: bool = False):
        if self.read_only:
            raise ReadOnlyQuery("store opened read-only; open it without read_only to write")
        try:
            with self.driver.session(database=self.database) as session:
                with session.begin_transaction() as tx:
                    yield _Writer(tx)
                    tx.commit()
        except (nx.ServiceUnavailable, nx.AuthError, nx.SessionExpired) as exc:
            raise self._connect_error(exc) from None

    def close(self) -> None:
        self.driver.close()
