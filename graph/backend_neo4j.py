"""Neo4j through the official driver (py2neo is end-of-life): a server, a cluster or Aura.

Reads use driver.execute_query(…, database_=…, routing_=READ): the server refuses writes in a
read transaction, which is what makes query(write=False) read-only. A load writes in explicit
transactions committed at each boundary of the load algorithm (a chunk of whole documents), so
memory per transaction stays bounded and a killed load leaves every document as before or
fully replaced. Loads and reads share the driver's bookmark manager: a read right after a load
sees it, on a cluster too. One load at a time: a lock node, with its holder's heartbeat.
Settings: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE (default "neo4j").
"""
from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager

import neo4j
from neo4j import GraphDatabase, RoutingControl
from neo4j import exceptions as nx

from ..base.runtime import chunks
from .errors import QueryError, ReadOnlyQuery, StoreAuthError, StoreError, StoreLocked, StoreUnavailable
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

# The load lock: one node; a holder that stops beating for this long (another machine's killed
# load) is taken over. A dead holder on this machine is seen at once (its pid is gone).
LOCK = "PolicygraphLock"
STALE_AFTER = 300.0
BEAT_EVERY = 30.0
_SEP = "\x1f"
# What queries filter on, besides ids (uniqueness constraints): deletes by source, identity by
# document and title key, lists by status and jurisdiction, agency lookup by type and name.
INDEXES = {"Policy": ("source", "doc_key", "title_key", "status", "jurisdiction"), "Task": ("source",),
           "Target": ("source",), "Agency": ("type", "name", "jurisdiction"), "Indicator": ("name",)}


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


def _message(exc) -> str:
    return " ".join(str(getattr(exc, "message", None) or exc).split())


class _Writer:
    """Statements of a write: one transaction between two boundaries. A load keeps what it has
    left to finish on a marker node committed with each group of documents, and drops it with
    its last commit; the next load finds a killed one's (`resumed`)."""

    lookup = "list"     # which ids exist: one query with the list (ids are indexed here)

    def __init__(self, session, load: bool = False):
        self.session = session
        self.load = load
        self.resumed: dict | None = None
        self.tx = session.begin_transaction()
        if load:
            rows = _rows(self.tx.run(f"MATCH (m:{LOCK} {{name: 'unfinished'}}) RETURN m.absorbs AS a"))
            if rows:
                self.resumed = {"absorbs": [tuple(x.split(_SEP, 1)) for x in rows[0]["a"] or []]}

    def flush(self) -> None:
        pass   # every batch is sent as it comes; nothing is held back

    def boundary(self, pending: dict | None = None) -> None:
        if self.load:
            self.tx.run(f"MERGE (m:{LOCK} {{name: 'unfinished'}}) SET m.absorbs = $a",
                        a=[f"{old}{_SEP}{new}" for old, new in (pending or {}).get("absorbs", [])])
        self.tx.commit()
        self.tx = self.session.begin_transaction()

    def commit(self) -> None:
        if self.load:     # the load's end: nothing is left to finish
            self.tx.run(f"MATCH (m:{LOCK} {{name: 'unfinished'}}) DELETE m")
        self.tx.commit()

    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        try:
            return _rows(list(self.tx.run(cypher, params or {})))
        except nx.CypherSyntaxError as exc:
            raise QueryError(f"query failed: {_message(exc)}") from None

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


def _holder_parts(holder: str) -> tuple[str, str]:
    """(host, pid) of a lock holder written as host:pid:nonce."""
    host, pid = (holder.split(":") + ["?", "?"])[:2]
    return host, pid


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
        except (ValueError, nx.ConfigurationError) as exc:
            raise StoreError(f"bad Neo4j URI {self.uri!r} ({exc}); use bolt://, neo4j:// or "
                             f"neo4j+s://host:port") from None
        try:
            self.driver.verify_connectivity()
            # verify_connectivity does not look at the database: a missing one is found here.
            self.driver.execute_query("RETURN 1", database_=self.database, routing_=RoutingControl.READ)
            if not read_only:
                self._schema()
        except Exception as exc:
            self.driver.close()
            raise self._connect_error(exc) from None

    def _connect_error(self, exc: Exception) -> StoreError:
        if isinstance(exc, StoreError):
            return exc
        if isinstance(exc, nx.AuthError):      # a ClientError: asked before the general case
            return StoreAuthError(f"Neo4j at {self.uri} rejected the user name or password; "
                                  f"check NEO4J_USER and NEO4J_PASSWORD")
        if isinstance(exc, nx.ClientError) and "DatabaseNotFound" in (exc.code or ""):
            return StoreError(f"Neo4j at {self.uri} has no database {self.database!r}; "
                              f"set NEO4J_DATABASE to one it has (SHOW DATABASES lists them)")
        if isinstance(exc, nx.ClientError) and "Forbidden" in (exc.code or ""):
            return StoreAuthError(f"Neo4j at {self.uri} does not let this user do that ({_message(exc)}); "
                                  f"use a user with write and schema rights, or read with a read-only command")
        if isinstance(exc, (nx.ServiceUnavailable, OSError, nx.SessionExpired)) and _silent(exc):
            return StoreUnavailable(f"Neo4j at {self.uri} took the connection but gave no Bolt answer within "
                                    f"{CONNECT_TIMEOUT:g} s; is that a Neo4j Bolt port (7687)? check NEO4J_URI")
        if isinstance(exc, (nx.ServiceUnavailable, OSError, nx.SessionExpired)):
            return StoreUnavailable(f"cannot reach Neo4j at {self.uri}; is the server running "
                                    f"(e.g. docker run -p 7687:7687 neo4j:5)? check NEO4J_URI")
        return StoreError(f"Neo4j error at {self.uri}: {_message(exc)[:200]}")

    def _load_error(self, exc: Exception, load: bool = True) -> StoreError:
        """An error inside a write: what became of the documents (a load), and what to do."""
        again = ("documents committed before it stay, the rest are as they were — run the load again" if load
                 else "nothing of it was written")
        if isinstance(exc, nx.IncompleteCommit):
            return StoreUnavailable(f"the connection to Neo4j at {self.uri} was lost while a group of documents "
                                    f"was committed: it may or may not have landed — run the load again "
                                    f"(loads are idempotent)")
        if isinstance(exc, (nx.ServiceUnavailable, nx.SessionExpired, OSError)):
            return StoreUnavailable(f"lost the connection to Neo4j at {self.uri} during the load; {again}")
        if isinstance(exc, nx.ConstraintError):
            return StoreError(f"Neo4j refused a write ({_message(exc)[:160]}): is another program writing "
                              f"this graph? {again}")
        if "memory.transaction" in _message(exc):
            return StoreError(f"a transaction outgrew Neo4j's memory limit at {self.uri} ({_message(exc)[:120]}); "
                              f"raise db.memory.transaction.max, or load in smaller groups; {again}")
        if isinstance(exc, nx.TransientError):
            return StoreUnavailable(f"Neo4j at {self.uri} could not take a write just now ({_message(exc)[:160]}); "
                                    f"{again}")
        if isinstance(exc, nx.AuthError) or (isinstance(exc, nx.ClientError) and "Security" in (exc.code or "")):
            return self._connect_error(exc)
        if isinstance(exc, nx.ClientError) and load and not isinstance(exc, nx.CypherSyntaxError):
            return StoreError(f"Neo4j refused a write ({_message(exc)[:160]}); {again}")
        if isinstance(exc, nx.CypherSyntaxError) or (isinstance(exc, nx.ClientError) and not load):
            return QueryError(f"query failed: {_message(exc)[:200]}")
        return StoreError(f"Neo4j error at {self.uri}: {_message(exc)[:200]}; {again}")

    def _schema(self) -> None:
        """Uniqueness constraints on every id and indexes on what queries filter by — only the
        missing ones: creating needs the schema privilege, which a writer need not have."""
        have = {r["name"] for r in self._execute("SHOW CONSTRAINTS YIELD name", {}, write=False)}
        have |= {r["name"] for r in self._execute("SHOW INDEXES YIELD name", {}, write=False)}
        wanted = {f"{label.lower()}_id": f"FOR (n:{q(label)}) REQUIRE n.id IS UNIQUE" for label in NODES}
        wanted["policygraph_lock"] = f"FOR (n:{LOCK}) REQUIRE n.name IS UNIQUE"
        for name, spec in wanted.items():
            if name not in have:
                self._execute(f"CREATE CONSTRAINT {name} IF NOT EXISTS {spec}", {}, write=True)
        for label, props in INDEXES.items():
            for prop in props:
                name = f"{label.lower()}_{prop}"
                if name not in have:
                    self._execute(f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{q(label)}) ON (n.{q(prop)})", {},
                                  write=True)
        for rel, (_, edge_props) in EDGES.items():
            name = f"{rel.lower()}_source"
            if any(n == "source" for n, _ in edge_props) and name not in have:
                self._execute(f"CREATE INDEX {name} IF NOT EXISTS FOR ()-[r:{q(rel)}]-() ON (r.source)", {},
                              write=True)

    def _execute(self, cypher: str, params: dict, write: bool) -> list[dict]:
        try:
            records, _, _ = self.driver.execute_query(
                cypher, params, database_=self.database,
                routing_=RoutingControl.WRITE if write else RoutingControl.READ)
        except (nx.ServiceUnavailable, nx.AuthError, nx.SessionExpired) as exc:
            raise self._connect_error(exc) from None
        except nx.CypherSyntaxError as exc:
            raise QueryError(f"query failed: {_message(exc)}") from None
        except nx.ClientError as exc:
            if "AccessMode" in (exc.code or "") or "read access mode" in str(exc):
                raise ReadOnlyQuery("this query writes to the graph; run it again with --write") from None
            if "DatabaseNotFound" in (exc.code or "") or "Security" in (exc.code or ""):
                raise self._connect_error(exc) from None
            raise QueryError(f"query failed: {_message(exc)}") from None
        except nx.Neo4jError as exc:
            raise QueryError(f"query failed: {_message(exc)}") from None
        return _rows(records)

    def read(self, cypher: str, params: dict | None = None) -> list[dict]:
        return self._execute(cypher, params or {}, write=False)

    # -- the load lock ------------------------------------------------------------------------
    def _lock(self) -> str:
        me = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        now = time.time()
        rows = self._execute(f"MERGE (l:{LOCK} {{name: 'load'}}) ON CREATE SET l.holder = $me, l.beat = $now "
                             "RETURN l.holder AS holder, l.beat AS beat", {"me": me, "now": now}, write=True)
        holder, beat = rows[0]["holder"], rows[0]["beat"] or 0
        if holder != me:
            if not self._holder_gone(holder, now - beat):
                host, pid = _holder_parts(holder)
                raise StoreLocked(f"Neo4j at {self.uri} is being loaded by another policygraph (pid {pid} on "
                                  f"{host}, seen {now - beat:.0f} s ago); wait for it to finish and run again")
            # Take the node's write lock first (SET claim), then test the holder: two loads that
            # both saw the same dead holder cannot both pass.
            rows = self._execute(f"MATCH (l:{LOCK} {{name: 'load'}}) SET l.claim = $me WITH l "
                                 "WHERE l.holder = $old SET l.holder = $me, l.beat = $now RETURN l.holder AS holder",
                                 {"old": holder, "me": me, "now": now}, write=True)
            if not rows or rows[0]["holder"] != me:
                raise StoreLocked(f"Neo4j at {self.uri} is being loaded by another policygraph; "
                                  f"wait for it to finish and run again")
        return me

    @staticmethod
    def _holder_gone(holder: str, silent_for: float) -> bool:
        host, pid = _holder_parts(holder)
        if host == socket.gethostname() and pid.isdigit():
            try:
                os.kill(int(pid), 0)
                return False           # alive on this machine: never taken from it
            except ProcessLookupError:
                return True            # a killed load on this machine
            except PermissionError:
                return False           # another user's live process
        return silent_for > STALE_AFTER

    def _beat(self, me: str) -> None:
        self._execute(f"MATCH (l:{LOCK} {{name: 'load'}}) WHERE l.holder = $me SET l.beat = $now",
                      {"me": me, "now": time.time()}, write=True)

    def _unlock(self, me: str) -> None:
        try:
            self._execute(f"MATCH (l:{LOCK} {{name: 'load'}}) WHERE l.holder = $me DELETE l", {"me": me}, write=True)
        except StoreError:
            pass      # the server is gone: the lock goes stale, and a later load takes it over

    @contextmanager
    def transaction(self, streaming: bool = False, documents: int | None = None):
        if self.read_only:
            raise ReadOnlyQuery("store opened read-only; open it without read_only to write")
        me = self._lock()
        # The holder's heartbeat, from its own thread: a long parse or a long last step is not
        # silence, so the lock is never taken from a live load.
        stop = threading.Event()

        def beat():
            while not stop.wait(BEAT_EVERY):
                try:
                    self._beat(me)
                except StoreError:
                    pass
        threading.Thread(target=beat, name="neo4j-lock-heartbeat", daemon=True).start()
        try:
            # The bookmark manager execute_query reads with: a read after this load sees it.
            with self.driver.session(database=self.database,
                                     bookmark_manager=self.driver.execute_query_bookmark_manager) as session:
                w = _Writer(session, load=streaming)
                yield w
                w.commit()
        except (nx.Neo4jError, nx.DriverError, OSError) as exc:
            raise self._load_error(exc, load=streaming) from None
        finally:
            stop.set()
            self._unlock(me)

    def unfinished(self) -> bool:
        return bool(self._execute(f"MATCH (m:{LOCK} {{name: 'unfinished'}}) RETURN m.name AS n", {}, write=False))

    def close(self) -> None:
        self.driver.close()
