"""The embedded store: LadybugDB (the continuation of Kùzu), on disk, in-process.

Layout: the store is a directory (default ./policygraph.db, see store.default_store_path)
holding `graph.lbug` (the database) and `write.lock`; while a write runs, also
`graph.lbug.staging` and `staging-csv/` (bulk-copy input), both removed afterwards.

Two ways to write, both all or nothing:
- A bulk write (a large load, a user's --write query) is many statements: deletes, bulk COPYs,
  clean-up. The engine runs COPY only outside a transaction, so they are applied to
  `graph.lbug.staging`, checkpointed, fsynced, and swapped in with os.replace — a single atomic
  rename. A load that raises, or a process killed at any instant, leaves `graph.lbug` exactly as
  it was; the stale staging file is discarded by the next writer. Readers keep the version they
  opened; they never block such a load.
- A small write (a few documents added or replaced, a removal) costs what it changes: copying
  the file is O(store size) and a COPY into a large relationship table costs more the larger it
  is. It runs in place, in the engine's own transaction (its write-ahead log rolls back a write
  that raised or was killed before COMMIT), with statements instead of COPY.
One writer at a time: an flock on `write.lock` (released by the OS if the writer dies).
"""
from __future__ import annotations

import csv
import datetime
import decimal
import fcntl
import operator
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import ladybug as lb

from ..base.runtime import chunks, gc_paused
from .cypher import outside_action
from .errors import QueryError, ReadOnlyQuery, StoreCorrupt, StoreError, StoreLocked, StoreNotFound
from .schema import BOOL, EDGES, NODES, STRING, STRINGS
from .schema import quote as q
from .values import NodeValue, PathValue, RelValue

DB_FILE = "graph.lbug"
_COPY_BATCH = 50000
_LIST_SEP = "\x1f"  # ASCII unit separator: never in policy text
# The engine's page cache for a write. Bounded (its default is a share of all memory), so a
# load's peak does not grow with the corpus: a large load fills it whatever its size. A COPY
# needs ~12 MB of it per column and thread (LadybugDB issue #760), so bulk copies run on one
# thread: the widest table (Policy, 22 columns) then fits with room for the rest.
BUFFER_POOL = 384 * 1024 * 1024
COPY_THREADS = 1
# A deferred node table is copied in slices of about this much CSV: what a COPY has inserted
# is checkpointed in the buffer pool, so a slice must fit it (a 145 MB slice of tasks did not
# fit 384 MB; 32 MB slices load a million tasks in ~330 MB).
_DEFER_BYTES = 32 * 1024 * 1024
# A relationship table is copied whole, once. Its edges from the few thousand agencies all
# sit in one node group of the engine's CSR, which every COPY and its checkpoint rewrite in
# the buffer pool: slices cost more the larger the table (quadratic in all), and the pool must
# hold the table anyway. It is sized for the largest one: measured on this engine, 2 M edges
# of ~90 B of CSV fit 768 MB, 4 M edges 1.5 GB — about 4x the CSV.
_POOL_PER_CSV_BYTE = 4
# A load of at most this many documents writes in place with statements (~0.1 s a document)
# rather than through a staging copy with COPY (seconds on a large store, whatever the load).
IN_PLACE_DOCUMENTS = 64


def schema_ddl() -> list[str]:
    out = []
    for label, props in NODES.items():
        cols = ", ".join(f"{q(n)} {t}" + (" PRIMARY KEY" if n == "id" else "") for n, t in props)
        out.append(f"CREATE NODE TABLE IF NOT EXISTS {q(label)}({cols})")
    for rel, (pairs, props) in EDGES.items():
        ends = ", ".join(f"FROM {q(a)} TO {q(b)}" for a, b in pairs)
        cols = ", ".join(f"{q(n)} {t}" for n, t in props)
        out.append(f"CREATE REL TABLE IF NOT EXISTS {q(rel)}({ends}, {cols})")
    return out


def _add_new_properties(conn: lb.Connection) -> None:
    """A store made before a property joined the schema gains it (at the end of its table, where
    the schema lists new properties, so bulk copies keep their column order)."""
    for table, props in [*NODES.items(), *((rel, p) for rel, (_, p) in EDGES.items())]:
        have = {row["name"] for row in _rows(conn.execute(f"CALL TABLE_INFO('{table}') RETURN *"))}
        for name, typ in props:
            if name not in have:
                conn.execute(f"ALTER TABLE {q(table)} ADD {q(name)} {typ}")


def _eid(v) -> str:
    return f"{v['table']}:{v['offset']}" if isinstance(v, dict) else str(v)


def _convert(v):
    """Ladybug values → plain Python (NodeValue/RelValue for graph elements)."""
    if isinstance(v, dict):
        if "_SRC" in v and "_DST" in v:
            props = {k: _convert(x) for k, x in v.items() if not k.startswith("_")}
            return RelValue(props, v.get("_LABEL"), _eid(v.get("_ID")), _eid(v["_SRC"]),
                            _eid(v["_DST"]))
        if "_LABEL" in v and "_ID" in v:
            props = {k: _convert(x) for k, x in v.items() if not k.startswith("_")}
            return NodeValue(props, v["_LABEL"], _eid(v["_ID"]))
        if "_NODES" in v and "_RELS" in v:
            return PathValue([_convert(x) for x in v["_NODES"]], [_convert(x) for x in v["_RELS"]])
        return {k: _convert(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_convert(x) for x in v]
    if isinstance(v, decimal.Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


# Column types whose values the driver already returns as plain Python (str, int, float, bool,
# None, lists of them): _convert would copy them unchanged, at ~2 µs a value on large results.
_PLAIN = re.compile(r"(STRING|BOOL|DOUBLE|FLOAT|SERIAL|U?INT(8|16|32|64|128))(\[\])*")


def _rows(result) -> list[dict]:
    cols = result.get_column_names()
    slow = [i for i, t in enumerate(result.get_column_data_types()) if not _PLAIN.fullmatch(t)]
    with gc_paused():
        rows = result.get_all()
        if slow:
            for row in rows:
                for i in slow:
                    row[i] = _convert(row[i])
        return [dict(zip(cols, row)) for row in rows]


def _query_error(exc: Exception) -> StoreError:
    msg = " ".join(str(exc).split())
    if "read-only database" in msg:
        return ReadOnlyQuery("this query writes to the graph; run it again with --write")
    return QueryError(f"query failed: {msg}")


# Nodes a streamed load may update after inserting them: shared ones, and policies (a
# citation's stub becomes the loaded policy when its document comes).
_UPDATABLE = {"Agency", "Jurisdiction", "Indicator", "Policy"}


class _Writer:
    def __init__(self, conn: lb.Connection, tmpdir: str | None = None, defer: bool = False,
                 statements: bool = False, grow=None):
        self.conn = conn
        self.grow = grow     # grow(pool bytes) → a connection to the same database with that pool
        # statements: rows are written by parameterised statements, one indexed lookup per
        # edge end (an UNWIND over rows joins by scanning both tables), inside a transaction.
        self.statements = statements
        self.tmpdir = tmpdir  # where bulk-copy CSVs go (inside the store: cleaned by writers)
        # Deferred mode (streamed loads): rows are appended to one CSV per table and copied once
        # at flush(). A COPY into a relationship table costs more the bigger the table already
        # is, so one COPY per table instead of one per chunk keeps a large load linear.
        self.defer = defer
        self._pending: dict[tuple, list] = {}
        # Nodes a deferred load creates that a later chunk may update (agencies, jurisdictions,
        # indicators, policies) stay in memory until flush(): they are not in the database yet
        # for an UPDATE to find.
        self._held: dict[str, dict[str, dict]] = {}
        self._late: list[tuple[list[dict], bool]] = []    # policy updates to run after the copy

    def run(self, cypher: str, params: dict | None = None) -> list[dict]:
        try:
            res = self.conn.execute(cypher, params or {})
        except RuntimeError as exc:
            raise _query_error(exc) from None
        return _rows(res[-1] if isinstance(res, list) else res)

    # Why CSV + COPY FROM (LOAD WITH HEADERS …): COPY is LadybugDB's bulk path (tens of times
    # faster than MERGE per row), and feeding it a CSV written by Python's csv module is ~3x
    # faster than passing the rows as a query parameter (the driver inspects every value).
    # Declared column types stop the CSV sniffer turning "1." into a number; lists travel as
    # one string joined by \x1f and are split back by string_split; quoted newlines need
    # parallel=false. An empty string and null are the same in CSV: build_graph stores None.
    def _copy(self, table: str, cols: list[tuple[str, str]], rows: list[dict], opts: str = ""):
        if not rows:
            return
        if self.defer:
            key = (table, opts)
            files = self._pending.setdefault(key, [])
            if not files or (files[-1][4] >= _DEFER_BYTES and table in NODES):
                # A new slice: one COPY must fit the buffer pool, so a table comes in a few slices.
                fd, tmp = tempfile.mkstemp(suffix=".csv", prefix=f"{table}-", dir=self.tmpdir)
                f = os.fdopen(fd, "w", newline="", encoding="utf-8")
                w = csv.writer(f)
                w.writerow([n for n, _ in cols])
                files.append([f, w, tmp, cols, 0])
            entry = files[-1]
            entry[1].writerows(_csv_rows(cols, rows))
            entry[4] = entry[0].tell()
            return
        fd, tmp = tempfile.mkstemp(suffix=".csv", prefix=f"{table}-", dir=self.tmpdir)
        try:
            with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
                w = csv.writer(f)
                w.writerow([n for n, _ in cols])
                w.writerows(_csv_rows(cols, rows))
            if self.grow and table in EDGES:
                # As flush() sizes the pool for the largest relationship table: the edges a load
                # adds after its copy (load --align's ECHOES, ~700,000 at 20,000 documents) are
                # one COPY too, and filled the pool sized for the load's own tables.
                self.conn = self.grow(_POOL_PER_CSV_BYTE * os.path.getsize(tmp))
            self._copy_file(table, cols, tmp, opts)
        finally:
            os.unlink(tmp)

    resumed = None     # a killed load here is rolled back whole: nothing is ever left to finish

    @property
    def lookup(self) -> str:
        """How the load asks which ids exist: rows held back for the bulk copy are not in the
        store yet ("all": read every id once); once copied, or never held, one indexed query per
        id ("each": a list, `IN` or `UNWIND`, is a scan on this engine)."""
        return "all" if self.defer else "each"

    def boundary(self, pending: dict | None = None) -> None:
        pass   # the whole load is one transaction here: it commits at the end, or not at all

    def flush(self) -> None:
        """Copy every deferred table: nodes first, then relationships."""
        held, self._held = self._held, {}
        for label, rows in held.items():
            self._copy(label, NODES[label], list(rows.values()))
        order = list(NODES) + list(EDGES)
        pending, self._pending, self.defer = self._pending, {}, False
        rel_bytes = [e[0].tell() for (table, _), files in pending.items() if table in EDGES for e in files]
        if self.grow and rel_bytes:
            self.conn = self.grow(_POOL_PER_CSV_BYTE * max(rel_bytes))
        for (table, opts) in sorted(pending, key=lambda k: order.index(k[0])):
            for f, _, tmp, cols, _ in pending[(table, opts)]:
                f.close()
                try:
                    self._copy_file(table, cols, tmp, opts)
                finally:
                    os.unlink(tmp)
        late, self._late = self._late, []
        for updates, keep_existing in late:
            self.update_nodes("Policy", updates, keep_existing)

    def _copy_file(self, table: str, cols: list[tuple[str, str]], tmp: str, opts: str) -> None:
        header = ", ".join(f"{q(n)} {STRING if t == STRINGS else t}" for n, t in cols)
        ret = ", ".join(
            f"CASE WHEN {q(n)} IS NULL THEN CAST([] AS STRING[]) "
            f"ELSE string_split({q(n)}, '{_LIST_SEP}') END" if t == STRINGS else q(n)
            for n, t in cols)
        self.run(f"COPY {q(table)} FROM (LOAD WITH HEADERS ({header}) FROM '{_lit(tmp)}' "
                 f"(header=true, parallel=false, quote='\"', escape='\"') RETURN {ret}){opts}")

    def insert_nodes(self, label: str, rows: list[dict]) -> None:
        if self.defer and label in _UPDATABLE:
            if label == "Policy":    # a loaded document's policy goes to disk now: they are many
                self._copy(label, NODES[label], [r for r in rows if r.get("source")])
                rows = [r for r in rows if not r.get("source")]
            self._held.setdefault(label, {}).update((r["id"], dict(r)) for r in rows)
            return
        if self.statements:
            props = ", ".join(f"{q(n)}: CAST(row.{q(n)} AS {t})" for n, t in NODES[label])
            for chunk in chunks(rows, _COPY_BATCH):
                self.run(f"UNWIND $rows AS row CREATE (n:{q(label)} {{{props}}})",
                         {"rows": [{n: r.get(n) for n, _ in NODES[label]} for r in chunk]})
            return
        self._copy(label, NODES[label], rows)

    def update_nodes(self, label: str, rows: list[dict], keep_existing: bool = False) -> None:
        held = self._held.get(label)
        if held:
            for r in (r for r in rows if r["id"] in held):
                row = held[r["id"]]
                row.update((k, v) for k, v in r.items() if v is not None or not keep_existing)
            rows = [r for r in rows if r["id"] not in held]
        if self.defer and label == "Policy" and rows:
            # It may be a policy this load wrote to disk (another file of its document): set
            # again once the copy has run. Stored ones are set now as well.
            self._late.append((rows, keep_existing))
        props = [(n, t) for n, t in NODES[label] if n != "id"]

        def sets(value):
            if keep_existing:
                return ", ".join(f"n.{q(n)} = coalesce(CAST({value(n)} AS {t}), n.{q(n)})" for n, t in props)
            return ", ".join(f"n.{q(n)} = CAST({value(n)} AS {t})" for n, t in props)
        if self.statements:      # one indexed match a row: an UNWIND would scan the table
            cypher = f"MATCH (n:{q(label)} {{id: $id}}) SET {sets(lambda n: f'$p_{n}')}"
            for r in rows:
                self.run(cypher, {"id": r["id"], **{f"p_{n}": r.get(n) for n, _ in props}})
            return
        for chunk in chunks(rows, _COPY_BATCH):
            self.run(f"UNWIND $rows AS row MATCH (n:{q(label)}) WHERE n.id = row.id "
                     f"SET {sets(lambda n: f'row.{q(n)}')}",
                     {"rows": [{n: r.get(n) for n, _ in NODES[label]} for r in chunk]})

    def insert_edges(self, rel: str, rows: list[dict]) -> None:
        pairs, props = EDGES[rel]
        if self.statements:
            sets = ", ".join(f"{q(n)}: CAST($p_{n} AS {t})" for n, t in props)
            for r in rows:
                made = self.run(f"MATCH (a:{q(r['from_label'])} {{id: $src}}), (b:{q(r['to_label'])} {{id: $dst}}) "
                                f"CREATE (a)-[:{q(rel)} {{{sets}}}]->(b) RETURN 1 AS made",
                                {"src": r["from"], "dst": r["to"], **{f"p_{n}": r.get(n) for n, _ in props}})
                if not made:    # as a COPY would: an edge to a node that is not there is an error
                    raise QueryError(f"query failed: {rel} {r['id']} joins a node that is not in the store")
            return
        cols = [("src_id", STRING), ("dst_id", STRING)] + props
        for fl, tl in pairs:
            part = rows if len(pairs) == 1 else [r for r in rows if (r["from_label"], r["to_label"]) == (fl, tl)]
            # A relationship table with several FROM/TO pairs needs to be told which one.
            self._copy(rel, cols, part, f" (from='{fl}', to='{tl}')" if len(pairs) > 1 else "")


def _lit(path: str) -> str:
    return path.replace("\\", "\\\\").replace("'", "\\'")


_ROW_KEY = {"src_id": "from", "dst_id": "to"}   # edge rows carry their ends as from/to


def _csv_rows(cols: list[tuple[str, str]], rows: list[dict]):
    """CSV rows for a table. Plain columns go through as they are (csv writes None as empty);
    only list and boolean columns need converting, so the common path is one itemgetter."""
    keys = [_ROW_KEY.get(n, n) for n, _ in cols]
    special = [(i, t) for i, (_, t) in enumerate(cols) if t in (STRINGS, BOOL)]
    get = operator.itemgetter(*keys)
    if not special:
        return (get(r) for r in rows) if len(keys) > 1 else ((get(r),) for r in rows)

    def convert(r):
        row = list(get(r))
        for i, t in special:
            row[i] = _csv_cell(row[i], t)
        return row
    return (convert(r) for r in rows)


def _csv_cell(v, t):
    if v is None:
        return ""
    if t == STRINGS:
        return _LIST_SEP.join(str(x) for x in v)
    if t == BOOL:
        return "true" if v else "false"
    return v


class _Staging:
    """The staging database of a bulk write. Its buffer pool starts bounded (BUFFER_POOL: the
    engine's default is a share of all memory) and grows only when a copy needs it (grow)."""

    def __init__(self, path: Path):
        self.path, self.pool = path, BUFFER_POOL
        self.db: lb.Database | None = None
        self.conn: lb.Connection = self._open()

    def _open(self) -> lb.Connection:
        self.db = lb.Database(str(self.path), buffer_pool_size=self.pool, max_num_threads=COPY_THREADS)
        self.conn = lb.Connection(self.db)
        return self.conn

    def grow(self, pool: int) -> lb.Connection:
        """A pool of `pool` bytes (at most ~70% of the memory available): the database is
        checkpointed, closed and opened again with it."""
        pool = min(pool, int(0.7 * _available_memory()))
        if pool > self.pool:
            self.conn.execute("CHECKPOINT")
            self.close()
            self.pool = pool
            return self._open()
        return self.conn

    def close(self) -> None:
        if self.db is not None:      # once: the transaction closes it on every way out
            self.conn.close()
            self.db.close()
            self.db = None


def _available_memory() -> int:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2


class LadybugBackend:
    """The embedded store (graph.backend contract)."""
    name = "ladybug"

    def __init__(self, path: str | os.PathLike, read_only: bool = False):
        self.path = Path(path)
        self.location = str(self.path)
        self.db_file = self.path / DB_FILE
        self.read_only = read_only
        self._db: lb.Database | None = None
        self._conn: lb.Connection | None = None
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"store {self.path} is a file; a store is a directory "
                             f"(try --store {self.path}.db)")
        if not self.db_file.exists():
            if read_only:
                raise StoreNotFound(f"no graph store at {self.path}; run `policygraph load` "
                                    f"first or point --store / POLICYGRAPH_STORE at one")
            with self.transaction():
                pass  # creates the database with the schema
        self._connect()  # fail now, not at the first query, on a damaged store

    # -- reading ---------------------------------------------------------------------------
    def _connect(self, recovered: bool = False) -> lb.Connection:
        if self._conn is None:
            try:
                db = self._db = lb.Database(str(self.db_file), read_only=True)
                conn = self._conn = lb.Connection(db)
                conn.execute("MATCH (p:Policy) RETURN count(p)")
            except RuntimeError as exc:
                self._disconnect()
                if "recovery is pending" not in str(exc) or recovered:
                    raise self._open_error(exc) from None
                self._recover()
                return self._connect(recovered=True)     # once: a recovery that did not take is an error
            return conn
        return self._conn

    def _recover(self) -> None:
        # A checkpoint was cut short (a killed writer, or a foreign program's): the data is
        # intact and opening the file read-write replays it. Under the write lock, so never
        # while a load of ours runs.
        with self._write_lock(recovering=True):
            try:
                lb.Database(str(self.db_file)).close()
            except RuntimeError as exc:
                raise self._open_error(exc) from None

    def _disconnect(self) -> None:
        for obj in (self._conn, self._db):
            if obj is not None:
                obj.close()
        self._db = self._conn = None

    def _open_error(self, exc: Exception) -> StoreError:
        msg = " ".join(str(exc).split())
        if "lock" in msg.lower():
            return StoreLocked(f"store {self.path} is open for writing by another program; "
                               f"close it (or wait for its load to finish) and retry")
        return StoreCorrupt(f"store {self.path} is damaged ({_first_sentence(msg)}); move it aside "
                            f"and load the documents again")

    def read(self, cypher: str, params: dict | None = None) -> list[dict]:
        action = outside_action(cypher)
        if action:
            raise ReadOnlyQuery(f"{action} acts outside the graph's data and is not run by a read-only "
                                f"query; run it again with --write if that is meant")
        return _Writer(self._connect()).run(cypher, params)

    def close(self) -> None:
        self._disconnect()

    # -- writing ---------------------------------------------------------------------------
    @contextmanager
    def _write_lock(self, recovering: bool = False):
        if self.read_only and not recovering:
            raise ReadOnlyQuery(f"store {self.path} was opened read-only; open it without "
                                f"read_only to write")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path / "write.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot write a store at {self.path} ({(exc.strerror or str(exc)).lower()}); "
                             f"give --store a directory you can write to") from None
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                pid = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
                raise StoreLocked(f"store {self.path} is being written by another process "
                                  f"(pid {pid}); wait for it to finish, or use another --store"
                                  ) from None
            os.ftruncate(fd, 0)
            os.pwrite(fd, str(os.getpid()).encode(), 0)
            _HELD_LOCKS.add(fd)
            yield
        finally:
            _HELD_LOCKS.discard(fd)
            os.close(fd)  # closing the descriptor releases the flock

    def unfinished(self) -> bool:
        return False

    @contextmanager
    def transaction(self, streaming: bool = False, documents: int | None = None):
        """documents: at most how many documents the write adds or replaces (None: unknown,
        as for a user's --write query, which may COPY); few → in place (module docstring)."""
        with self._write_lock():
            self._disconnect()
            staging = self.path / (DB_FILE + ".staging")
            csv_dir = self.path / "staging-csv"
            for leftover in (staging, Path(str(staging) + ".wal")):
                leftover.unlink(missing_ok=True)  # from a writer that was killed
            shutil.rmtree(csv_dir, ignore_errors=True)
            if documents is not None and documents <= IN_PLACE_DOCUMENTS and self.db_file.exists():
                with self._in_place() as w:
                    yield w
                return
            csv_dir.mkdir()
            if self.db_file.exists():
                self._probe_main()
                shutil.copyfile(self.db_file, staging)
                wal = Path(str(self.db_file) + ".wal")
                if wal.exists():  # left by a foreign writer: let the copy replay it
                    shutil.copyfile(wal, str(staging) + ".wal")
            engine = _Staging(staging)
            try:
                conn = engine.conn
                for ddl in schema_ddl():
                    conn.execute(ddl)
                _add_new_properties(conn)
                w = _Writer(conn, str(csv_dir), defer=streaming, grow=engine.grow)
                yield w
                w.conn.execute("CHECKPOINT")
                engine.close()
                _fsync(staging)
                os.replace(staging, self.db_file)
                _fsync(self.path)
            finally:
                engine.close()
                staging.unlink(missing_ok=True)
                Path(str(staging) + ".wal").unlink(missing_ok=True)
                shutil.rmtree(csv_dir, ignore_errors=True)

    @contextmanager
    def _in_place(self):
        try:
            db = lb.Database(str(self.db_file), buffer_pool_size=BUFFER_POOL)
        except RuntimeError as exc:
            raise self._open_error(exc) from None
        conn = lb.Connection(db)
        try:
            for ddl in schema_ddl():       # no-ops on a current store; each auto-commits
                conn.execute(ddl)
            _add_new_properties(conn)
            conn.execute("BEGIN TRANSACTION")
            try:
                yield _Writer(conn, statements=True)
            except BaseException:
                try:
                    conn.execute("ROLLBACK")
                except RuntimeError:
                    pass       # a failed statement has rolled the transaction back already
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()
            db.close()

    def _probe_main(self) -> None:
        # Another program (a notebook) holding graph.lbug read-write would lose its writes
        # when we swap the file: refuse, and notice damage before copying it.
        try:
            db = lb.Database(str(self.db_file))
            db.close()
        except RuntimeError as exc:
            raise self._open_error(exc) from None


# Lock descriptors this process holds. A forked child (a load's worker) closes its copies: an
# flock lasts while any descriptor to it is open, so a worker outliving a killed load would
# otherwise keep the store locked in the dead load's name.
_HELD_LOCKS: set[int] = set()


def _close_inherited_locks() -> None:
    for fd in _HELD_LOCKS:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCKS.clear()


os.register_at_fork(after_in_child=_close_inherited_locks)


def _first_sentence(msg: str, limit: int = 160) -> str:
    """The engine's message up to its first full stop, cut at a word, never mid-word."""
    head = re.split(r"(?<=[.;])\s", msg, maxsplit=1)[0].rstrip(".;")
    if len(head) > limit:
        head = head[:limit].rsplit(" ", 1)[0] + " …"
    return head


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
