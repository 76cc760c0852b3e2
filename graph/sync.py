"""The load algorithm, once for every backend: which documents are new, changed or unchanged,
what replaces what, and how cited policies meet the documents that later arrive.

It talks to a backend only through graph.backend (read, transaction → Writer). Every
statement it runs is in the Cypher subset both dialects accept (labels and properties
backticked, EXISTS { MATCH … } for pattern tests, no type()/labels()).
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterable

from ..base.runtime import chunks
from ..base.text import doc_key, source_key
from .backend import Backend
from .identity import is_revision, kept_apart_id, real_path
from .ledger import Ledger
from .model import GraphData
from .schema import EDGES, NODES, edge_props, node_props
from .schema import quote as q

_BATCH = 5000
# Shared nodes: a new mention fills gaps but never erases what an earlier document said.
SHARED = {"Agency", "Jurisdiction", "Indicator"}


def _stored_docs(read, where: str = "", key: str | None = None) -> dict[str, dict]:
    """The loaded documents in the store: id → source, fingerprint, signature, files (all, or
    those matching `where` with $k = key)."""
    rows = read(f"MATCH (p:Policy) WHERE p.source IS NOT NULL {'AND ' + where if where else ''} "
                "RETURN p.id AS id, p.source AS source, "
                "p.fingerprint AS fp, p.signature AS sig, p.sources AS sources, p.fingerprints AS fps, "
                "p.title AS title", {"k": key} if where else {})
    return {r["id"]: {**r, "sources": list(r["sources"] or []) or [real_path(r["source"])],
                      "fps": list(r["fps"] or [])} for r in rows}


def _titles(read, pid: str) -> list[str]:
    return [r["t"] for r in read("MATCH (p:Policy)-[:CONTAINS]->(t:Task) WHERE p.id = $id RETURN t.title AS t",
                                 {"id": pid})]


class _Plan:
    """What one chunk's documents do to the store."""

    def __init__(self):
        self.added: list[str] = []
        self.changed: list[str] = []         # incoming sources that replace a stored document
        self.delete: list[str] = []          # stored sources to take out first
        self.unchanged: list[str] = []
        self.duplicates: list[dict] = []     # another file of a document already there
        self.extra_files: dict[str, dict] = {}   # pid → its node's sources/fingerprints, grown
        self.warnings: list[str] = []


def _plan(data: GraphData, fps: dict[str, str], doc_of, owner_of, titles_of) -> _Plan:
    """Identity decides, not the path: a file holding a stored document again is unchanged (or
    changed, if its content is); another file with the same document (a copy, another format) is
    a duplicate — its path joins the node's sources; a later text that claims the same identity
    replaces the stored one when it is a revision of it, and is kept apart otherwise.
    doc_of(id), owner_of(file), titles_of(id): what the store (and the load so far) holds."""
    plan = _Plan()
    for row in data.nodes["Policy"].values():
        src = row.get("source")
        if not src:
            continue
        pid, fp, sig = row["id"], fps.get(src), row.get("signature")
        files = row.get("sources") or [real_path(src)]
        owner = owner_of(files[0])
        d = doc_of(pid)
        od = doc_of(owner) if owner is not None and owner != pid else None
        if d is not None and owner == pid:
            if d["fp"] == fp:
                plan.unchanged.append(src)
            else:
                plan.changed.append(src)
                plan.delete.append(d["source"])
        elif d is not None and d["sig"] == sig:
            grown = plan.extra_files.setdefault(pid, {"sources": list(d["sources"]), "fps": list(d["fps"])})
            for k, (f, ffp) in enumerate(zip(files, row.get("fingerprints") or [fp] * len(files))):
                plan.duplicates.append({"file": src if k == 0 else f, "of": d["source"], "title": d["title"]})
                if f not in grown["sources"]:
                    grown["sources"].append(f)
                    if ffp:
                        grown["fps"].append(ffp)
            continue
        elif d is not None:
            mine = [t["title"] for t in data.nodes["Task"].values() if t["source"] == src]
            # The file held a document of its own before (kept apart under another id): that
            # version goes, whatever this one turns out to be.
            stale = [od["source"]] if od is not None else []
            if is_revision(titles_of(pid), mine):
                plan.changed.append(src)
                plan.delete += [d["source"], *stale]
                plan.warnings.append(f"{src} replaces {d['source']}: a revision of the same document")
            else:
                (plan.changed if stale else plan.added).append(src)   # kept apart (another id)
                plan.delete += stale
                plan.warnings.append(f"{src} and {d['source']} claim the same identity with other texts: "
                                     "both kept")
        elif od is not None:
            plan.delete.append(od["source"])   # the file now holds another document
            plan.changed.append(src)
        else:
            plan.added.append(src)
        # Files of this batch that held the same document again (a copy, another format).
        plan.duplicates += [{"file": f, "of": src, "title": row.get("title")} for f in files[1:]]
    return plan


def pending(backend: Backend, data: GraphData) -> bool:
    """Would loading data change anything? (A read: no transaction when nothing would.)"""
    docs = _stored_docs(backend.read)
    by_file = {f: pid for pid, d in docs.items() for f in d["sources"]}
    plan = _plan(data, data.fingerprints(), docs.get, by_file.get, lambda pid: _titles(backend.read, pid))
    return bool(plan.added or plan.changed or plan.extra_files)


def load_many(backend: Backend, chunks_: Iterable[GraphData], progress=None,
              documents: int | None = None, finish=None) -> dict:
    """Load a stream of GraphData chunks: memory stays one chunk deep. Each chunk ends at a
    boundary (whole documents): the embedded store commits the whole load at the end or not at
    all; Neo4j commits each chunk, so a killed load leaves every document as before or fully
    replaced. What is left to finish (stubs to absorb, then orphans to drop) goes to the writer
    at each boundary with the documents, so a load killed before its end is finished by the
    next (`w.resumed`). documents: at most how many documents the chunks hold (None: unknown),
    so a backend can write a small load in place. finish(store view, sources written): last, in
    the same unit — what keeps derived properties and edges up to date (pipeline)."""
    added: list[str] = []
    changed: list[str] = []
    unchanged: list[str] = []
    duplicates: list[dict] = []
    warnings: list[str] = []
    garbage = _Garbage()
    with contextlib.ExitStack() as stack:
        w = stack.enter_context(backend.transaction(streaming=True, documents=documents))
        resumed = w.resumed          # what a killed load left to finish, or None
        absorbs: list[tuple[str, str]] = [tuple(x) for x in (resumed or {}).get("absorbs", [])]
        # Documents and policies stored and written so far: this load's on disk (graph.ledger),
        # the store's copied in for a bulk load, asked for one by one by a small one.
        ledger = _Index(w, stack.enter_context(_ledger()), lazy=w.lookup == "each")
        known = _KnownIds(w)

        def titles_of(pid):
            titles = ledger.titles(pid)
            return _titles(w.run, pid) if titles is None else titles

        for data in chunks_:
            fps = data.fingerprints()
            plan = _plan(data, fps, ledger.doc, ledger.owner, titles_of)
            todo = plan.added + plan.changed
            if todo:
                absorbs += _apply(w, data, todo, plan.delete, fps, progress, known, ledger, garbage)
            if plan.extra_files:
                _grow_sources(w, plan.extra_files)
            w.boundary({"absorbs": absorbs})
            titles: dict[str, list[str]] = {}
            for t in data.nodes["Task"].values():
                titles.setdefault(t["source"], []).append(t["title"])
            ledger.put_docs(
                {"id": row["id"], "source": row["source"], "fp": fps.get(row["source"]),
                 "sig": row.get("signature"), "sources": list(row.get("sources") or [real_path(row["source"])]),
                 "fps": list(row.get("fingerprints") or []), "title": row.get("title"),
                 "titles": titles.get(row["source"], [])}
                for row in data.nodes["Policy"].values() if row.get("source") in todo)
            ledger.put_docs({**d, "sources": grown["sources"], "fps": grown["fps"]}
                            for pid, grown in plan.extra_files.items() if (d := ledger.doc(pid)))
            added += plan.added
            changed += plan.changed
            unchanged += plan.unchanged + [d["file"] for d in plan.duplicates]
            duplicates += plan.duplicates
            warnings += data.warnings + plan.warnings
            if progress:
                progress("documents", len(added) + len(changed) + len(unchanged), None)
        del known
        w.flush()
        for old, new in absorbs:
            _absorb(w, old, new, garbage)
        if resumed is not None:
            garbage.everything = True      # what a killed load touched is not known: sweep all
        garbage.collect(w)
        if finish:
            finish(Within(w, backend.name), added + changed)
    return {"added": added, "changed": changed, "unchanged": unchanged, "duplicates": duplicates,
            "warnings": warnings}


def _grow_sources(w, grown: dict[str, dict]) -> None:
    """Another file of a stored document: its path (and fingerprint) joins the node's lists."""
    rows = [{**dict.fromkeys(node_props("Policy")), "id": pid, "sources": g["sources"], "fingerprints": g["fps"]}
            for pid, g in grown.items()]
    w.update_nodes("Policy", rows, keep_existing=True)


def known_files(read, fingerprints: list[str] | None = None) -> dict[str, str]:
    """fingerprint → real path of every file the store has read (to skip them before parsing),
    or of those read with the given fingerprints (a few: one scan each, not every document)."""
    docs = _stored_docs(read).values() if fingerprints is None else \
        [d for fp in fingerprints for d in _stored_docs(read, "$k IN p.fingerprints", fp).values()]
    out: dict[str, str] = {}
    for d in docs:
        out.update(zip(d["fps"], d["sources"]))
    return out


def remove(backend: Backend, source: str | None = None, doc_number: str | None = None,
           finish=None) -> list[str]:
    """Take out the document a file holds — whatever path form names it, and every file it came
    from — or the document with that 文号. Its tasks, targets and edges go; the policy node stays
    as a referenced stub if another document still cites it. Returns the sources removed."""
    hits = []
    if source is not None:
        for d in _stored_docs(backend.read).values():
            if source == d["source"] or source_key(source) == source_key(d["source"]) \
                    or real_path(source) in d["sources"]:
                hits.append(d["source"])
    if doc_number:
        rows = backend.read("MATCH (p:Policy) WHERE p.doc_key = $k AND p.source IS NOT NULL RETURN p.source AS s",
                            {"k": doc_key(doc_number)})
        hits += [r["s"] for r in rows if r["s"] not in hits]
    if hits:
        garbage = _Garbage()
        with backend.transaction(documents=0) as w:
            _delete_sources(w, hits, garbage)
            garbage.collect(w)
            if finish:
                finish(Within(w, backend.name), [])
    return hits


class Within:
    """A writer seen as a store (`query`, `dialect`): what `finish` reads and writes runs inside
    the load's transaction, through the named queries as on any store."""

    def __init__(self, w, dialect: str):
        self.w, self.dialect = w, dialect

    def query(self, cypher: str, params: dict | None = None, write: bool = False) -> list[dict]:
        return self.w.run(cypher, params or {})

    def insert_edges(self, rel: str, rows: list[dict]) -> None:
        """Edges in bulk, as the load writes its own (rows as GraphData edge rows)."""
        self.w.insert_edges(rel, rows)
        self.w.flush()


# -- the steps -------------------------------------------------------------------------------

def _stored_ids(w, kind: str, rows: list[dict], label: str | None = None) -> set[str]:
    """The ids of `rows` (nodes of `label`, or edges of type `kind`) that the store has, through
    the id index: one query with the ids where lists are indexed (w.lookup "list"), else one per
    id. An edge is found from its start node (edge ids have no index)."""
    found: set[str] = set()
    if label:
        if w.lookup == "list":
            for part in chunks([r["id"] for r in rows], _BATCH):
                found.update(x["id"] for x in w.run(f"MATCH (x:{q(label)}) WHERE x.id IN $ids RETURN x.id AS id",
                                                    {"ids": part}))
            return found
        return {r["id"] for r in rows
                if w.run(f"MATCH (x:{q(label)}) WHERE x.id = $id RETURN x.id AS id", {"id": r["id"]})}
    for fl in sorted({r["from_label"] for r in rows}):
        mine = [r for r in rows if r["from_label"] == fl]
        if w.lookup == "list":
            cypher = (f"UNWIND $rows AS r MATCH (a:{q(fl)})-[x:{q(kind)}]->() WHERE a.id = r.a AND x.id = r.id "
                      "RETURN x.id AS id")
            for part in chunks(mine, _BATCH):
                found.update(x["id"] for x in w.run(cypher, {"rows": [{"a": r["from"], "id": r["id"]} for r in part]}))
        else:
            cypher = f"MATCH (a:{q(fl)})-[x:{q(kind)}]->() WHERE a.id = $a AND x.id = $id RETURN x.id AS id"
            for r in mine:
                found.update(x["id"] for x in w.run(cypher, {"a": r["from"], "id": r["id"]}))
    return found


class _KnownIds:
    """Which of a chunk's rows the store already has: only shared nodes, policies and
    source-less edges are asked (a document's own tasks, targets and edges are new: a changed
    one was deleted first). How depends on the writer (`w.lookup`):
    "all" — a deferred writer's rows are not in the store yet: each kind's ids are read once on
    first use and kept up to date (an `IN $ids` scan per chunk grew with the graph);
    "each" — one indexed query per id, "list" — one query with the ids: a small load into a
    large store costs what it names, not what the store holds."""

    def __init__(self, w):
        self.w, self.ids, self.written = w, {}, {}
        self.mode = w.lookup
        self.values: dict[str, dict[str, dict]] = {}   # shared nodes: what this load has set

    def changing(self, kind: str, inserted: list[dict], updates: list[dict]) -> list[dict]:
        """The updates that would change a shared node (Agency, Jurisdiction, Indicator).

        Every chunk names the same agencies again; setting them to the values this load has
        already written was most of a large load's write time. Updates only fill in (None
        keeps what is there), so one changes a node only where it brings a value not yet set.
        (A deferred writer holds what it inserted and merges updates into it in memory, so
        only updates of stored nodes are remembered then.)
        """
        seen = self.values.setdefault(kind, {})
        if self.mode != "all":
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

    def existing(self, kind: str, rows: list[dict], label: str | None = None) -> set[str]:
        """The ids of `rows` (nodes of `label`, or edges of type `kind`) already stored."""
        if self.mode != "all":
            return _stored_ids(self.w, kind, rows, label)
        match = f"MATCH (x:{q(label)})" if label else f"MATCH ()-[x:{q(kind)}]->()"
        ids = self.get(kind, match)
        have = {r["id"] for r in rows if r["id"] in ids}
        self.add(kind, (r["id"] for r in rows))
        return have

    def get(self, kind: str, match: str) -> set[str]:
        if kind not in self.ids:
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


def _stored_policies(w, key: str | None = None, where: str = "p.id = $k") -> list[dict]:
    """The store's policies (id and keys): all, or those matching `where` with $k = key (by
    default the one with that id)."""
    cond = f" WHERE {where}" if key is not None else ""
    return w.run(f"MATCH (p:Policy){cond} RETURN p.id AS id, p.doc_key AS dk, p.title_key AS tk, "
                 "p.status AS status, p.source AS source", {"k": key} if key is not None else {})


class _Index:
    """The documents and policies a load plans against: those it wrote (the ledger) and those
    stored. A bulk load copies the stored ones into the ledger once (lazy=False); a small one
    (lazy) asks the store for the few ids, files and keys its documents name — an indexed
    lookup by id, one scan of the policies by file or key — so it costs what it changes, not
    what the store holds. Where both know a policy id, the store's row is the one (as the rows
    copied in first were)."""

    def __init__(self, w, ledger: Ledger, lazy: bool):
        self.w, self.ledger, self.lazy = w, ledger, lazy
        if not lazy:
            ledger.put_docs(_stored_docs(w.run).values())
            ledger.add_policies(_stored_policies(w))

    def doc(self, pid: str) -> dict | None:
        d = self.ledger.doc(pid)
        if d is None and self.lazy:
            d = _stored_docs(self.w.run, "p.id = $k", pid).get(pid)
        return d

    def owner(self, path: str) -> str | None:
        o = self.ledger.owner(path)
        if o is None and self.lazy:
            hits = _stored_docs(self.w.run, "($k IN p.sources OR p.source = $k)", path)
            o = next((pid for pid, d in sorted(hits.items()) if path in d["sources"]), None)
        return o

    def titles(self, pid: str) -> list[str] | None:
        return self.ledger.titles(pid)

    def put_docs(self, docs) -> None:
        self.ledger.put_docs(docs)

    def policy(self, pid: str) -> dict | None:
        if self.lazy:
            rows = _stored_policies(self.w, pid)
            if rows:
                return rows[0]
        return self.ledger.policy(pid)

    def match(self, dk: str | None, tk: str | None) -> dict | None:
        """identity.PolicyKeys.match over the store's policies and this load's."""
        if not self.lazy:
            return self.ledger.match(dk, tk)

        def best(col: str, key: str) -> dict | None:
            rows = _stored_policies(self.w, key, f"p.{col} = $k")
            stored = {r["id"] for r in rows}
            rows += [r for r in self.ledger.policies_with(col, key)
                     if r["id"] not in stored and not _stored_policies(self.w, r["id"])]
            return min(rows, key=lambda r: (r["status"] == "referenced", r["id"]), default=None)
        m = best("doc_key", dk) if dk else None
        if m:
            return m
        m = best("title_key", tk) if tk else None
        return m if m and (not dk or not m["dk"]) else None

    def add_policies(self, rows) -> None:
        self.ledger.add_policies(rows)

    def forget_sources(self, sources: list[str], still: list[dict]) -> None:
        # A small load writes in place: the store already says what is left of them.
        self.ledger.forget_sources(sources, [] if self.lazy else still)


@contextlib.contextmanager
def _ledger():
    ledger = Ledger()
    try:
        yield ledger
    finally:
        ledger.close()


def _apply(w, data: GraphData, todo: list[str], changed: list[str], fps: dict, progress,
           known: _KnownIds, stored: _Index, garbage: _Garbage) -> list:
    """Write what the `todo` documents of a chunk contribute. Policies are reconciled against
    `stored` (the store's policies plus what this load wrote); the stubs to absorb are returned
    for the caller to absorb once everything is written."""
    step = (lambda name, i, n: progress(name, i, n)) if progress else (lambda *a: None)
    if changed:
        step("removing old versions", 0, len(changed))
        pids = _delete_sources(w, changed, garbage)
        known.forget(list(known.ids))   # deletions: read the ids afresh
        # The deleted documents' policies are gone, or stubs now if another document cites them.
        stored.forget_sources(changed, [r for pid in pids for r in _stored_policies(w, pid)])
    # Every document of the chunk is to be written (the usual case): no need to cut a subset.
    part = data if set(todo) >= set(data.sources()) else data.subset(todo)
    for row in part.nodes["Policy"].values():
        if row.get("source") in fps:
            part.nodes["Policy"][row["id"]] = {**row, "fingerprint": fps[row["source"]]}
    part, absorb = _reconcile_policies(part, stored)
    stored.add_policies([_policy_keys(r) for r in part.node_rows("Policy")])
    total = len(NODES) + len(EDGES)
    fresh_sources = set(todo)
    for i, label in enumerate(NODES):
        step("nodes", i, total)
        rows = part.node_rows(label)
        if not rows:
            continue
        # A document's own nodes (tasks, targets) are new; shared ones and policies (a stub a
        # citation made) may be there already.
        asked = rows if label in SHARED or label == "Policy" else \
            [r for r in rows if r.get("source") not in fresh_sources]
        have = known.existing(label, asked, label=label) if asked else set()
        new = [r for r in rows if r["id"] not in have]
        w.insert_nodes(label, new)
        if label == "Policy":  # a citation never overwrites what is already there
            rows = [r for r in rows if r.get("source")]
        updates = [r for r in rows if r["id"] in have]
        if label in SHARED:
            updates = known.changing(label, new, updates)
        w.update_nodes(label, updates, keep_existing=label in SHARED)
    for i, rel in enumerate(EDGES):
        step("relationships", len(NODES) + i, total)
        rows = part.edge_rows(rel)
        if rows:
            # A document's own edges are new (a changed one was deleted first); only
            # source-less edges (IN, SUCCEEDED_BY) between shared nodes can exist already.
            shared = [r for r in rows if r.get("source") not in fresh_sources]
            have = known.existing(rel, shared) if shared else set()
            w.insert_edges(rel, [r for r in rows if r["id"] not in have])
    _clear_figures(w, {r["to"] for r in part.edge_rows("IN") if r["from_label"] == "Policy"})
    return absorb


def _clear_figures(w, jurisdictions) -> None:
    """A jurisdiction's derived figures (Jurisdiction.coordination) count its documents' tasks:
    those whose documents a load writes or takes out are cleared in the same unit, to be worked
    out anew at its end (`finish`) — a load killed before that leaves them cleared, never stale.
    (A jurisdiction new in a deferred load is not in the store yet; it comes without them.)"""
    if jurisdictions:     # one statement: a chunk of a bulk load names hundreds of them
        w.run("UNWIND $ids AS id MATCH (j:Jurisdiction) WHERE j.id = id AND j.coordination IS NOT NULL "
              "SET j.coordination = NULL", {"ids": sorted(jurisdictions)})


def _policy_keys(row: dict) -> dict:
    return {"id": row["id"], "dk": row.get("doc_key"), "tk": row.get("title_key"),
            "status": row.get("status"), "source": row.get("source")}


def _delete_sources(w, sources: list[str], garbage: _Garbage) -> list[str]:
    """Take out what the documents of `sources` own, found from their policy nodes (indexed):
    tasks, targets and every edge with their provenance (a document's edges all start at its
    policy, tasks or targets). The shared nodes they reached become candidates for `garbage`."""
    pids = [r["id"] for r in w.run("MATCH (p:Policy) WHERE p.source IN $s RETURN p.id AS id", {"s": sources})]
    for pid in pids:
        p = {"id": pid, "s": sources}
        _clear_figures(w, garbage.note(w, pid)["Jurisdiction"])
        w.run("MATCH (p:Policy)-[:CONTAINS]->(:Task)-[:SETS]->(g:Target) WHERE p.id = $id DETACH DELETE g", p)
        w.run("MATCH (p:Policy)-[:CONTAINS]->(t:Task) WHERE p.id = $id DETACH DELETE t", p)
        for rel, (pairs, _) in EDGES.items():
            if any(fl == "Policy" for fl, _ in pairs):
                w.run(f"MATCH (p:Policy)-[r:{q(rel)}]->() WHERE p.id = $id AND r.source IN $s DELETE r", p)
        # Another document still cites it: keep the node, as a citation would have made it.
        w.run("MATCH (p:Policy) WHERE p.id = $id AND NOT EXISTS "
              "{ MATCH (p)<-[:IMPLEMENTS|CITES]-(:Policy) } DETACH DELETE p", p)
        w.run("MATCH (p:Policy) WHERE p.id = $id SET p.status = 'referenced', "
              "p.source = NULL, p.fingerprint = NULL, p.`start` = NULL, p.`end` = NULL, "
              "p.raw = NULL", p)
    return pids


class _Garbage:
    """Shared nodes that may have lost their last use: those the deleted documents and absorbed
    stubs reached. Only they are checked (a sweep of every agency grew with the store)."""

    def __init__(self):
        self.everything = False
        self.nodes: dict[str, set[str]] = {"Policy": set(), "Agency": set(), "Indicator": set(), "Jurisdiction": set()}

    def note(self, w, pid: str) -> dict[str, set[str]]:
        """What the document or stub `pid` reaches, before it goes (returned by label, too)."""
        queries = {
            "Agency": ["MATCH (p:Policy)-[:CONTAINS]->(:Task)<-[:LEADS|PARTICIPATES]-(a:Agency) WHERE p.id = $id "
                       "RETURN DISTINCT a.id AS id",
                       "MATCH (p:Policy)-[:ISSUED_BY]->(a:Agency) WHERE p.id = $id RETURN a.id AS id"],
            "Indicator": ["MATCH (p:Policy)-[:CONTAINS]->(:Task)-[:SETS]->(:Target)-[:MEASURES]->(i:Indicator) "
                          "WHERE p.id = $id RETURN DISTINCT i.id AS id"],
            "Jurisdiction": ["MATCH (p:Policy)-[:`IN`]->(j:Jurisdiction) WHERE p.id = $id RETURN j.id AS id"],
            "Policy": ["MATCH (p:Policy)-[:IMPLEMENTS|CITES]->(o:Policy) WHERE p.id = $id RETURN o.id AS id"],
        }
        found: dict[str, set[str]] = {}
        for label, qs in queries.items():
            found[label] = {r["id"] for cypher in qs for r in w.run(cypher, {"id": pid})}
            self.nodes[label] |= found[label]
        return found

    def collect(self, w) -> None:
        """Drop the candidates nothing refers to any more, so counts match what is loaded."""
        if self.everything:
            _collect_garbage(w)
            return
        one = lambda cypher, i: w.run(cypher, {"id": i})    # noqa: E731 (indexed: one id a query)
        for pid in sorted(self.nodes["Policy"]):
            if one("MATCH (p:Policy) WHERE p.id = $id AND p.status = 'referenced' AND NOT EXISTS "
                   "{ MATCH (p)<-[:IMPLEMENTS|CITES]-(:Policy) } RETURN p.id AS id", pid):
                self.note(w, pid)
                one("MATCH (p:Policy) WHERE p.id = $id DETACH DELETE p", pid)
        # An agency stays while it is in use, or a body in use was succeeded by it (the
        # lineage of the 2018 reform); one dropped may leave its successors unused.
        todo, seen = sorted(self.nodes["Agency"]), set()
        while todo:
            aid = todo.pop()
            if aid in seen:
                continue
            seen.add(aid)
            if _agency_kept(one, aid):
                continue
            todo += [r["id"] for r in one("MATCH (a:Agency)-[:SUCCEEDED_BY]->(b:Agency) WHERE a.id = $id "
                                          "RETURN b.id AS id", aid)]
            self.nodes["Jurisdiction"].update(r["id"] for r in one(
                "MATCH (a:Agency)-[:`IN`]->(j:Jurisdiction) WHERE a.id = $id RETURN j.id AS id", aid))
            one("MATCH (a:Agency) WHERE a.id = $id DETACH DELETE a", aid)
        for iid in sorted(self.nodes["Indicator"]):
            one("MATCH (i:Indicator) WHERE i.id = $id AND NOT EXISTS { MATCH (i)<-[:MEASURES]-(:Target) } "
                "DETACH DELETE i", iid)
        for jid in sorted(self.nodes["Jurisdiction"]):
            one("MATCH (j:Jurisdiction) WHERE j.id = $id AND NOT EXISTS { MATCH (j)<-[:`IN`]-() } "
                "DETACH DELETE j", jid)


def _agency_kept(one, aid: str) -> bool:
    """In use, or reached from a body in use through SUCCEEDED_BY (its predecessors, walked back)."""
    stack, seen = [aid], {aid}
    while stack:
        a = stack.pop()
        # Two anchored matches: one query with `EXISTS … OR EXISTS …` scans every agency.
        if one("MATCH (a:Agency)-[:LEADS|PARTICIPATES]->(t:Task) WHERE a.id = $id RETURN t.id LIMIT 1", a) \
                or one("MATCH (a:Agency)<-[:ISSUED_BY]-(p:Policy) WHERE a.id = $id RETURN p.id LIMIT 1", a):
            return True
        for r in one("MATCH (p:Agency)-[:SUCCEEDED_BY]->(a:Agency) WHERE a.id = $id RETURN p.id AS id", a):
            if r["id"] not in seen:
                seen.add(r["id"])
                stack.append(r["id"])
    return False


def _reconcile_policies(part: GraphData, stored: _Index) -> tuple[GraphData, list]:
    """Match incoming policies with those already stored under another id (a citation with a
    damaged number; a document loaded after others cited it). Returns the remapped part and
    the (old referenced id, new loaded id) pairs whose stub must be absorbed."""
    alias, absorb = {}, []
    for row in part.node_rows("Policy"):
        ex = stored.policy(row["id"])
        if row.get("source"):
            if ex and ex["source"] and ex["source"] != row["source"]:
                # Same key, another document that stays: keep the two apart.
                alias[row["id"]] = kept_apart_id(row["id"], row["source"])
            elif not ex:
                m = stored.match(row["doc_key"], row["title_key"])
                if m and m["status"] == "referenced":
                    absorb.append((m["id"], row["id"]))
        elif not ex:
            m = stored.match(row["doc_key"], row["title_key"])
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


def _absorb(w, old: str, new: str, garbage: _Garbage) -> None:
    cols = ", ".join(f"r.{q(p)} AS {q(p)}" for p in edge_props("CITES"))
    for rel in ("IMPLEMENTS", "CITES"):
        rows = w.run(f"MATCH (a:Policy)-[r:{q(rel)}]->(o:Policy) WHERE o.id = $old "
                     f"RETURN a.id AS `from`, {cols}", {"old": old})
        keep = [{**r, "to": new, "from_label": "Policy", "to_label": "Policy"}
                for r in rows if r["from"] != new]
        w.run(f"MATCH (a:Policy)-[r:{q(rel)}]->(o:Policy) WHERE o.id = $old DELETE r",
              {"old": old})
        have = _stored_ids(w, rel, keep)
        w.insert_edges(rel, [r for r in keep if r["id"] not in have])
    garbage.note(w, old)            # the stub's own edges (its jurisdiction) go with it
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
    for chunk in chunks(drop, _BATCH):
        w.run("MATCH (a:Agency) WHERE a.id IN $ids DETACH DELETE a", {"ids": chunk})
    w.run("MATCH (i:Indicator) WHERE NOT EXISTS { MATCH (i)<-[:MEASURES]-(:Target) } "
          "DETACH DELETE i")
    w.run("MATCH (j:Jurisdiction) WHERE NOT EXISTS { MATCH (j)<-[:`IN`]-() } DETACH DELETE j")
