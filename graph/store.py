"""One Store interface over the embedded store (LadybugDB) and Neo4j.

The load algorithm lives here, once; a backend supplies a read function and a write
transaction whose writer can run Cypher and bulk-insert/update rows. Every statement the
algorithm runs is in the Cypher subset both dialects accept (labels and properties backticked,
EXISTS { MATCH … } for pattern tests, no type()/labels()).
"""
from __future__ import annotations

import os

from .errors import StoreError
from .model import GraphData, make_id, source_key
from .schema import EDGES, NODES, edge_props, node_props, quote as q

DEFAULT_STORE = "policygraph.db"
_BATCH = 5000
# Shared nodes: a new mention fills gaps but never erases what an earlier document said.
_SHARED = {"Agency", "Jurisdiction", "Indicator"}
# Nodes a later chunk of the same load may update: shared ones, and policies (a citation's
# stub becomes the loaded policy when its document comes).
_UPDATABLE = _SHARED | {"Policy"}


def default_store_path() -> str:
    """./policygraph.db (a directory), unless POLICYGRAPH_STORE says otherwise."""
    return os.environ.get("POLICYGRAPH_STORE") or DEFAULT_STORE


def open_store(path: str | None = None, neo4j_uri: str | None = None, *, neo4j: bool = False,
               user: str | None = None, password: str | None = None,
               database: str | None = None, read_only: bool = False) -> "Store":
    """The embedded store at `path` (default: default_store_path()), or Neo4j when `neo4j_uri`
    is given or `neo4j=True` (then NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE)."""
    if neo4j_uri or neo4j:
        from .neo4j_store import Neo4jStore
        return Neo4jStore(uri=neo4j_uri, user=user, password=password, database=database,
                          read_only=read_only)
    from .ladybug_store import LadybugStore
    return LadybugStore(path or default_store_path(), read_only=read_only)


# -- values coming back from queries ---------------------------------------------------------

class NodeValue(dict):
    """A node in a result row: a plain dict of its properties plus `_label` (JSON-friendly);
    `eid` is the backend's internal id, used only to connect relationships in to_networkx."""
    def __init__(self, props: dict, label: str, eid: str):
        super().__init__(props)
        self["_label"] = label
        self.label, self.eid = label, eid


class RelValue(dict):
    def __init__(self, props: dict, rel_type: str, eid: str, start: str, end: str):
        super().__init__(props)
        self["_type"] = rel_type
        self.type, self.eid, self.start, self.end = rel_type, eid, start, end


class PathValue(dict):
    def __init__(self, nodes: list, rels: list):
        super().__init__(nodes=nodes, relationships=rels)


def _walk_values(value, nodes: list, rels: list) -> None:
    if isinstance(value, NodeValue):
        nodes.append(value)
    elif isinstance(value, RelValue):
        rels.append(value)
    elif isinstance(value, PathValue):
        for v in value["nodes"] + value["relationships"]:
            _walk_values(v, nodes, rels)
    elif isinstance(value, dict):
        for v in value.values():
            _walk_values(v, nodes, rels)
    elif isinstance(value, list):
        for v in value:
            _walk_values(v, nodes, rels)


def rows_to_networkx(rows: list[dict]):
    """Nodes and relationships found anywhere in the rows; a relationship is kept when both of
    its ends are also in the rows (return a, r, b — not r alone)."""
    import networkx as nx
    nodes: list[NodeValue] = []
    rels: list[RelValue] = []
    for row in rows:
        _walk_values(row, nodes, rels)
    g = nx.MultiDiGraph()
    key_of = {}
    for n in nodes:
        key = n.get("id") or n.eid
        key_of[n.eid] = key
        g.add_node(key, label=n.label,
                   **{k: v for k, v in n.items() if k not in ("id", "_label") and v is not None})
    for r in rels:
        if r.start in key_of and r.end in key_of:
            g.add_edge(key_of[r.start], key_of[r.end], key=r.get("id") or r.eid, type=r.type,
                       **{k: v for k, v in r.items() if k != "_type" and v is not None})
    return g


# -- the store --------------------------------------------------------------------------------

class Store:
    backend = "?"
    location = "?"

    # Backend primitives ------------------------------------------------------------------
    def _read(self, cypher: str, params: dict | None = None) -> list[dict]:
        raise NotImplementedError

    def _transaction(self):
        """Context manager yielding a writer (run/insert_nodes/update_nodes/insert_edges);
        everything inside commits together or not at all."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # Queries -----------------------------------------------------------------------------
    def query(self, cypher: str, params: dict | None = None, write: bool = False) -> list[dict]:
        """Rows as dicts. Read-only unless write=True; values only through `params`."""
        if not write:
            return self._read(cypher, params or {})
        with self._transaction() as w:
            return w.run(cypher, params or {})

    def counts(self) -> dict:
        out = {"nodes": {}, "edges": {}}
        for label in NODES:
            out["nodes"][label] = self._read(f"MATCH (n:{q(label)}) RETURN count(n) AS n")[0]["n"]
        for rel in EDGES:
            out["edges"][rel] = self._read(
                f"MATCH ()-[r:{q(rel)}]->() RETURN count(r) AS n")[0]["n"]
        return out

    def dump(self) -> GraphData:
        """The whole graph as GraphData (for export and networkx)."""
        g = GraphData()
        for label in NODES:
            cols = ", ".join(f"n.{q(p)} AS {q(p)}" for p in node_props(label))
            for row in self._read(f"MATCH (n:{q(label)}) RETURN {cols}"):
                g.nodes[label][row["id"]] = row
        for rel, (pairs, _) in EDGES.items():
            cols = ", ".join(f"r.{q(p)} AS {q(p)}" for p in edge_props(rel))
            for fl, tl in pairs:
                for row in self._read(f"MATCH (a:{q(fl)})-[r:{q(rel)}]->(b:{q(tl)}) "
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
            rows = self.query(query, params)
        return rows_to_networkx(rows)

    def export(self, fmt: str, dest: str) -> list[str]:
        """Write the graph as cypher|graphml|gexf|json|csv to dest (a directory for csv)."""
        from .export import export
        return export(self.dump(), fmt, dest)

    # Loading -----------------------------------------------------------------------------
    def _fingerprints(self, read) -> dict[str, str | None]:
        rows = read("MATCH (p:Policy) WHERE p.source IS NOT NULL "
                    "RETURN p.source AS source, p.fingerprint AS fp", {})
        return {r["source"]: r["fp"] for r in rows}

    def load(self, data: GraphData, progress=None) -> dict:
        """Add new documents, replace changed ones, skip unchanged ones — all or nothing.

        Returns {"added": [sources], "changed": [...], "skipped": [...], "counts": counts()}.
        `progress(step, done, total)` is called as the load advances (for a progress bar).
        """
        fps = data.fingerprints()

        def classify(existing):
            added = [s for s in fps if s not in existing]
            changed = [s for s in fps if s in existing and existing[s] != fps[s]]
            return added, changed, [s for s in fps if existing.get(s) == fps[s]]

        added, changed, skipped = classify(self._fingerprints(lambda c, p: self._read(c, p)))
        if added or changed:
            with self._transaction() as w:
                # Decide again under the write lock: another writer may have run meanwhile.
                added, changed, skipped = classify(self._fingerprints(w.run))
                todo = added + changed
                if todo:
                    _apply(w, data, todo, changed, fps, progress)
        return {"added": added, "changed": changed, "skipped": skipped, "counts": self.counts()}

    def load_many(self, chunks, progress=None) -> dict:
        """Load a stream of GraphData chunks in ONE transaction: memory stays one chunk deep,
        and the graph changes all at once or not at all (a killed load leaves it as it was)."""
        added, changed, skipped, absorbs = [], [], [], []
        with self._transaction() as w:
            existing = self._fingerprints(w.run)
            known = _KnownIds(w)
            stored = _StoredPolicies(_stored_policies(w))   # kept current: rows may not be written yet
            w.defer = True
            for data in chunks:
                fps = data.fingerprints()
                a = [s for s in fps if s not in existing]
                c = [s for s in fps if s in existing and existing[s] != fps[s]]
                skipped += [s for s in fps if existing.get(s) == fps[s]]
                if a or c:
                    absorbs += _apply(w, data, a + c, c, fps, progress, collect=False, known=known,
                                      stored=stored)
                existing.update(fps)
                added += a
                changed += c
                if progress:
                    progress("documents", len(added) + len(changed) + len(skipped), None)
            del known, stored, existing     # not needed by the copy: lower its peak memory
            w.flush()
            for old, new in absorbs:
                _absorb(w, old, new)
            if added or changed:
                _collect_garbage(w)
        return {"added": added, "changed": changed, "skipped": skipped, "counts": self.counts()}

    def remove(self, source: str) -> dict:
        """Take one document out (its tasks, targets and edges; the policy node stays as a
        referenced stub if another document still cites it). Returns {"removed": [...]}."""
        known = self._fingerprints(lambda c, p: self._read(c, p))
        hits = [s for s in known if s == source or source_key(s) == source_key(source)]
        if hits:
            with self._transaction() as w:
                _delete_sources(w, hits)
                _collect_garbage(w)
        return {"removed": hits, "counts": self.counts()}


# -- the load algorithm, shared by both backends ----------------------------------------------

def _chunks(items: list, n: int = _BATCH):
    for i in range(0, len(items), n):
        yield items[i:i + n]


def _existing_ids(w, match: str, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        found.update(r["id"] for r in w.run(f"{match} WHERE x.id IN $ids RETURN x.id AS id",
                                            {"ids": chunk}))
    return found


class _KnownIds:
    """Ids already in the store, read once per label/type on first use and kept up to date, so
    a streamed load asks the database nothing per chunk (an `IN $ids` scan per chunk grew with
    the graph and dominated large loads)."""

    def __init__(self, w):
        self.w, self.ids, self.written, self.match = w, {}, {}, {}
        self.values: dict[str, dict[str, dict]] = {}   # shared nodes: what this load has set

    def changing(self, kind: str, inserted: list[dict], updates: list[dict]) -> list[dict]:
        """The updates that would change a shared node (Agency, Jurisdiction, Indicator).

        Every chunk names the same agencies again; setting them to the values this load has
        already written was most of a large load's write time. Updates only fill in (None
        keeps what is there), so one changes a node only where it brings a value not yet set.
        """
        seen = self.values.setdefault(kind, {})
        for r in inserted:
            seen[r["id"]] = dict(r)
        out = []
        for r in updates:
            s = seen.get(r["id"])
            if s is not None and all(v is None or (k in s and s[k] == v) for k, v in r.items()):
                continue
            out.append(r)
            seen.setdefault(r["id"], {}).update((k, v) for k, v in r.items() if v is not None)
        return out

    def get(self, kind: str, match: str) -> set[str]:
        if kind not in self.ids:
            self.match[kind] = match
            self.ids[kind] = {r["id"] for r in self.w.run(f"{match} RETURN x.id AS id")}
            self.ids[kind] |= self.written.get(kind, set())
        return self.ids[kind]

    def add(self, kind: str, ids) -> None:
        ids = set(ids)
        self.ids[kind] |= ids
        self.written.setdefault(kind, set()).update(ids)   # may not be in the database yet

    def forget(self, kinds) -> None:
        """After deletions: read the database's ids again; keep what this load has written."""
        for k in kinds:
            self.ids.pop(k, None)


class _StoredPolicies:
    """The stored policies a load matches incoming ones against, by id, doc key and title key.

    Kept up to date chunk by chunk: rebuilding (and sorting) the index for every chunk made a
    streamed load grow with the square of the stored policies. For a key shared by several,
    a loaded policy wins over a referenced one, then the smallest id.
    """

    def __init__(self, rows: list[dict]):
        self.reset(rows)

    def reset(self, rows: list[dict]) -> None:
        self.by_id: dict[str, dict] = {}
        self.by_dk: dict[str, dict] = {}
        self.by_tk: dict[str, dict] = {}
        self.add(rows)

    def add(self, rows: list[dict]) -> None:
        for r in rows:
            if r["id"] in self.by_id:
                continue
            self.by_id[r["id"]] = r
            rank = (r["status"] == "referenced", r["id"])
            for key, index in ((r["dk"], self.by_dk), (r["tk"], self.by_tk)):
                if key:
                    cur = index.get(key)
                    if cur is None or rank < (cur["status"] == "referenced", cur["id"]):
                        index[key] = r

    def rows(self) -> list[dict]:
        return list(self.by_id.values())


def _stored_policies(w) -> list[dict]:
    return w.run("MATCH (p:Policy) RETURN p.id AS id, p.doc_key AS dk, p.title_key AS tk, "
                 "p.status AS status, p.source AS source")


def _apply(w, data: GraphData, todo: list[str], changed: list[str], fps: dict,
           progress, collect: bool = True, known: "_KnownIds | None" = None,
           stored: "_StoredPolicies | None" = None) -> list:
    """Write what `todo` documents contribute. With `stored` (a streamed load), policy
    reconciliation reads that in-memory mirror and the absorptions are returned for the caller
    to run once everything is written; otherwise they run here."""
    step = (lambda name, i, n: progress(name, i, n)) if progress else (lambda *a: None)
    if changed:
        step("removing old versions", 0, len(changed))
        _delete_sources(w, changed)
        if known is not None:
            known.forget(list(known.ids))   # deletions: read the ids afresh
    # Every document of the chunk is to be written (the usual case): no need to cut a subset.
    part = data if set(todo) >= set(data.sources()) else data.subset(todo)
    for row in part.nodes["Policy"].values():
        if row.get("source") in fps:
            part.nodes["Policy"][row["id"]] = {**row, "fingerprint": fps[row["source"]]}
    if stored is not None and changed:
        # Deletions changed the database: read it again, keep what this load has not written yet.
        fresh = _stored_policies(w)
        in_db = {x["id"] for x in fresh}
        stored.reset(fresh + [r for r in stored.rows() if r["id"] not in in_db])
    part, absorb = _reconcile_policies(w, part, stored)
    if stored is not None:
        stored.add([{"id": r["id"], "dk": r.get("doc_key"), "tk": r.get("title_key"), "status": r.get("status"),
                    "source": r.get("source")} for r in part.node_rows("Policy")])
    total = len(NODES) + len(EDGES)
    for i, label in enumerate(NODES):
        step("nodes", i, total)
        rows = part.node_rows(label)
        if not rows:
            continue
        if known is not None:
            ids = known.get(label, f"MATCH (x:{q(label)})")
            have = {r["id"] for r in rows if r["id"] in ids}
            known.add(label, (r["id"] for r in rows))
        else:
            have = _existing_ids(w, f"MATCH (x:{q(label)})", [r["id"] for r in rows])
        new = [r for r in rows if r["id"] not in have]
        w.insert_nodes(label, new)
        if label == "Policy":  # a citation never overwrites what is already there
            rows = [r for r in rows if r.get("source")]
        updates = [r for r in rows if r["id"] in have]
        if known is not None and label in _SHARED:
            updates = known.changing(label, new, updates)
        w.update_nodes(label, updates, keep_existing=label in _SHARED)
    if stored is None:
        for old, new in absorb:
            _absorb(w, old, new)
    for i, rel in enumerate(EDGES):
        step("relationships", len(NODES) + i, total)
        rows = part.edge_rows(rel)
        if rows:
            if known is not None:
                # A document's own edges are new (a changed one was deleted first); only
                # source-less edges (IN, SUCCEEDED_BY) between shared nodes can exist already.
                fresh = set(todo)
                shared = [r for r in rows if r.get("source") not in fresh]
                ids = known.get(rel, f"MATCH ()-[x:{q(rel)}]->()") if shared else set()
                have = {r["id"] for r in shared if r["id"] in ids}
                if shared:
                    known.add(rel, (r["id"] for r in shared))
            else:
                have = _existing_ids(w, f"MATCH ()-[x:{q(rel)}]->()", [r["id"] for r in rows])
            w.insert_edges(rel, [r for r in rows if r["id"] not in have])
    if collect:
        step("cleaning up", total, total)
        _collect_garbage(w)
    return absorb if stored is not None else []


def _delete_sources(w, sources: list[str]) -> None:
    p = {"s": sources}
    w.run("MATCH (t:Target) WHERE t.source IN $s DETACH DELETE t", p)
    w.run("MATCH (t:Task) WHERE t.source IN $s DETACH DELETE t", p)
    for rel in EDGES:
        w.run(f"MATCH ()-[r:{q(rel)}]->() WHERE r.source IN $s DELETE r", p)
    # Another document still cites it: keep the node, as a citation would have made it.
    w.run("MATCH (p:Policy) WHERE p.source IN $s AND NOT EXISTS "
          "{ MATCH (p)<-[:IMPLEMENTS|CITES]-(:Policy) } DETACH DELETE p", p)
    w.run("MATCH (p:Policy) WHERE p.source IN $s SET p.status = 'referenced', "
          "p.source = NULL, p.fingerprint = NULL, p.`start` = NULL, p.`end` = NULL, "
          "p.raw = NULL", p)


def _reconcile_policies(w, part: GraphData, stored: "_StoredPolicies | None" = None):
    """Match incoming policies with those already stored under another id (a citation with a
    damaged number; a document loaded after others cited it). Returns the remapped part and
    the (old referenced id, new loaded id) pairs whose stub must be absorbed."""
    if stored is None:
        stored = _StoredPolicies(_stored_policies(w))
    by_id, by_dk, by_tk = stored.by_id, stored.by_dk, stored.by_tk

    def match(dk, tk):
        if dk and dk in by_dk:
            return by_dk[dk]
        m = by_tk.get(tk) if tk else None
        return m if m and (not dk or not m["dk"]) else None

    alias, absorb = {}, []
    for row in part.node_rows("Policy"):
        ex = by_id.get(row["id"])
        if row.get("source"):
            if ex and ex["source"] and ex["source"] != row["source"]:
                # Same key, another document that stays: keep the two apart.
                alias[row["id"]] = make_id("Policy", row["id"], source_key(row["source"]))
            elif not ex:
                m = match(row["doc_key"], row["title_key"])
                if m and m["status"] == "referenced":
                    absorb.append((m["id"], row["id"]))
        elif not ex:
            m = match(row["doc_key"], row["title_key"])
            if m:
                alias[row["id"]] = m["id"]
    if not alias:
        return part, absorb
    out = GraphData()
    for label, rows in part.nodes.items():
        for nid, row in rows.items():
            if label == "Policy" and nid in alias:
                if row.get("source"):  # a kept-apart document: same row, its own id
                    out.nodes[label][alias[nid]] = {**row, "id": alias[nid]}
                continue
            out.nodes[label][nid] = row
    for rel, rows in part.edges.items():
        for eid, row in rows.items():
            out.edges[rel][eid] = {**row, "from": alias.get(row["from"], row["from"]),
                                   "to": alias.get(row["to"], row["to"])}
    return out, absorb


def _absorb(w, old: str, new: str) -> None:
    cols = ", ".join(f"r.{q(p)} AS {q(p)}" for p in edge_props("CITES"))
    for rel in ("IMPLEMENTS", "CITES"):
        rows = w.run(f"MATCH (a:Policy)-[r:{q(rel)}]->(o:Policy) WHERE o.id = $old "
                     f"RETURN a.id AS `from`, {cols}", {"old": old})
        keep = [{**r, "to": new, "from_label": "Policy", "to_label": "Policy"}
                for r in rows if r["from"] != new]
        w.run(f"MATCH (a:Policy)-[r:{q(rel)}]->(o:Policy) WHERE o.id = $old DELETE r",
              {"old": old})
        have = _existing_ids(w, f"MATCH ()-[x:{q(rel)}]->()", [r["id"] for r in keep])
        w.insert_edges(rel, [r for r in keep if r["id"] not in have])
    w.run("MATCH (o:Policy) WHERE o.id = $old DETACH DELETE o", {"old": old})


def _collect_garbage(w) -> None:
    """Drop shared nodes nothing refers to any more, so counts match what is loaded."""
    w.run("MATCH (p:Policy) WHERE p.status = 'referenced' AND NOT EXISTS "
          "{ MATCH (p)<-[:IMPLEMENTS|CITES]-(:Policy) } DETACH DELETE p")
    used = {r["id"] for r in w.run(
        "MATCH (a:Agency) WHERE EXISTS { MATCH (a)-[:LEADS|PARTICIPATES]->(:Task) } "
        "OR EXISTS { MATCH (a)<-[:ISSUED_BY]-(:Policy) } RETURN a.id AS id")}
    succ: dict[str, list[str]] = {}
    for r in w.run("MATCH (a:Agency)-[:SUCCEEDED_BY]->(b:Agency) RETURN a.id AS a, b.id AS b"):
        succ.setdefault(r["a"], []).append(r["b"])
    keep, stack = set(used), list(used)
    while stack:  # successors of bodies in use stay: lineage of the 2018 reform
        for b in succ.get(stack.pop(), []):
            if b not in keep:
                keep.add(b)
                stack.append(b)
    drop = [r["id"] for r in w.run("MATCH (a:Agency) RETURN a.id AS id") if r["id"] not in keep]
    for chunk in _chunks(drop):
        w.run("MATCH (a:Agency) WHERE a.id IN $ids DETACH DELETE a", {"ids": chunk})
    w.run("MATCH (i:Indicator) WHERE NOT EXISTS { MATCH (i)<-[:MEASURES]-(:Target) } "
          "DETACH DELETE i")
    w.run("MATCH (j:Jurisdiction) WHERE NOT EXISTS { MATCH (j)<-[:`IN`]-() } DETACH DELETE j")


__all__ = ["Store", "StoreError", "open_store", "default_store_path", "DEFAULT_STORE",
           "NodeValue", "RelValue", "PathValue", "rows_to_networkx"]
