"""From the §5 extract dict to node and edge tables (GraphData), with deterministic ids.

Ids are short hashes of normalised keys, so the same document always yields the same ids and a
re-load is a no-op. Everything here is pure Python: no store is needed to build or inspect a
graph, and both stores load the same GraphData.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..base.text import doc_key, source_key, title_key
from ..base.text import nfkc as _nfkc
from ..base.vocab import DEFAULT_MODE, LIST_KEY, RELATION, ROLES
from .identity import PolicyKeys, is_revision, kept_apart_id, policy_id, real_path, signature
from .ids import _edge_id, jurisdiction_id, make_id
from .schema import EDGES, NODES, edge_props, node_props

_NODE_KEYS = {label: tuple(node_props(label)) for label in NODES}
_EDGE_KEYS = {rel: tuple(edge_props(rel)) for rel in EDGES}


_WELL_FORMED_DOC = re.compile(r"〔\d{4}〕\d+号$")


@dataclass
class GraphData:
    """Node and edge tables: nodes[label][id] = props; edges[type][id] = props + from/to.

    Edges carry `from`, `to` (node ids) and `from_label`, `to_label`; every row carries every
    schema property (None when unknown), so stores can bulk-copy columns without guessing.
    """
    nodes: dict[str, dict[str, dict]] = field(default_factory=lambda: {k: {} for k in NODES})
    edges: dict[str, dict[str, dict]] = field(default_factory=lambda: {k: {} for k in EDGES})
    warnings: list[str] = field(default_factory=list)     # documents that claim one identity

    # -- building -------------------------------------------------------------------------
    def add_node(self, label: str, props: dict, *, fill: bool = True) -> str:
        # "" and None are one thing (CSV bulk copies cannot tell them apart anyway).
        row = {k: (None if (v := props.get(k)) == "" else v) for k in _NODE_KEYS[label]}
        nid = str(row["id"])
        old = self.nodes[label].get(nid)
        if old is None:
            self.nodes[label][nid] = row
        elif fill:  # a later mention may know more (an English name, a level): fill gaps only
            for k, v in row.items():
                if old.get(k) in (None, "", []) and v not in (None, "", []):
                    old[k] = v
        return nid

    def add_edge(self, rel: str, frm: str, to: str, props: dict, from_label: str, to_label: str,
                 *, key=()) -> str:
        eid = props.get("id") or _edge_id(rel, frm, to, *key)
        table = self.edges[rel]
        if eid not in table:
            row = {k: props.get(k) for k in _EDGE_KEYS[rel]}
            if "" in row.values():
                row = {k: (None if v == "" else v) for k, v in row.items()}
            row["id"], row["from"], row["to"] = eid, frm, to
            row["from_label"], row["to_label"] = from_label, to_label
            table[eid] = row
        return eid

    # -- reading --------------------------------------------------------------------------
    def node_rows(self, label: str) -> list[dict]:
        return [self.nodes[label][k] for k in sorted(self.nodes[label])]

    def edge_rows(self, rel: str) -> list[dict]:
        return [self.edges[rel][k] for k in sorted(self.edges[rel])]

    def counts(self) -> dict:
        return {"nodes": {k: len(v) for k, v in self.nodes.items()},
                "edges": {k: len(v) for k, v in self.edges.items()}}

    def sources(self) -> list[str]:
        return sorted({r["source"] for r in self.nodes["Policy"].values() if r.get("source")})

    def label_of(self, node_id: str) -> str | None:
        for label, rows in self.nodes.items():
            if node_id in rows:
                return label
        return None

    def subset(self, sources) -> GraphData:
        """What these documents contribute: their own nodes and edges, the shared nodes those
        edges reach, and the source-less edges (IN, SUCCEEDED_BY) hanging off those nodes."""
        return self._fragment(set(sources), self._index())

    def _index(self):
        label_of = {nid: label for label, rows in self.nodes.items() for nid in rows}
        owned_nodes, owned_edges, free = defaultdict(list), defaultdict(list), defaultdict(list)
        for label, rows in self.nodes.items():
            for row in rows.values():
                if row.get("source") is not None:
                    owned_nodes[row["source"]].append((label, row))
        for rel, rows in self.edges.items():
            for row in rows.values():
                if row.get("source") is None:
                    free[row["from"]].append((rel, row))
                else:
                    owned_edges[row["source"]].append((rel, row))
        return label_of, owned_nodes, owned_edges, free

    def _fragment(self, sources: set, index) -> GraphData:
        label_of, owned_nodes, owned_edges, free = index
        out = GraphData()
        wanted: set[str] = set()
        for s in sources:
            for label, row in owned_nodes.get(s, ()):
                out.nodes[label][row["id"]] = row
            for rel, row in owned_edges.get(s, ()):
                out.edges[rel][row["id"]] = row
                wanted.update((row["from"], row["to"]))
        stack = list(wanted)
        while stack:  # follow IN/SUCCEEDED_BY chains from the nodes already taken
            for rel, row in free.get(stack.pop(), ()):
                out.edges[rel][row["id"]] = row
                if row["to"] not in wanted:
                    wanted.add(row["to"])
                    stack.append(row["to"])
        for nid in wanted:
            label = label_of.get(nid)
            if label:
                out.nodes[label][nid] = self.nodes[label][nid]
        return out

    def fingerprints(self) -> dict[str, str]:
        # The loaders fingerprint each file (bytes + sidecar + parser and registry versions):
        # cheap, and exact. Hand-built GraphData falls back to hashing what each source adds.
        given = {r["source"]: r.get("fingerprint") for r in self.nodes["Policy"].values() if r.get("source")}
        if given and all(given.values()):
            return {s: str(fp) for s, fp in given.items()}
        index = self._index()
        return {s: _hash_json(self._fragment({s}, index).to_json()) for s in self.sources()}

    def to_json(self) -> dict:
        return {"nodes": [{"label": lbl, **row} for lbl in NODES for row in self.node_rows(lbl)],
                "edges": [{"type": rel, **row} for rel in EDGES for row in self.edge_rows(rel)]}

    def to_networkx(self):
        import networkx as nx
        g = nx.MultiDiGraph()
        for label in NODES:
            for row in self.node_rows(label):
                g.add_node(row["id"], label=label,
                           **{k: v for k, v in row.items() if k != "id" and v is not None})
        for rel in EDGES:
            for row in self.edge_rows(rel):
                props = {k: v for k, v in row.items()
                         if k not in ("from", "to", "from_label", "to_label") and v is not None}
                g.add_edge(row["from"], row["to"], key=row["id"], type=rel, **props)
        return g


def _hash_json(obj) -> str:
    blob = json.dumps(obj, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha1(blob.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------------

def _pick_title(titles: list[str]) -> str:
    # The most cited spelling; ties → the longest (fewest lost characters), then stable order.
    c = Counter(titles)
    return sorted(c, key=lambda t: (-c[t], -len(t), t))[0]


def _pick_doc(docs: list[str]) -> str | None:
    docs = [d for d in docs if d]
    if not docs:
        return None
    c = Counter(docs)
    return sorted(c, key=lambda d: (not _WELL_FORMED_DOC.search(d), -c[d], d))[0]


class _PolicyIndex:
    """Which Policy node every loaded document and every citation of one batch is (the rules
    are graph.identity's)."""

    def __init__(self, policies: list[dict]):
        self.loaded = PolicyKeys()
        self.pids: list[str | None] = []          # None: a duplicate of an earlier document
        self.duplicates: dict[str, list[dict]] = defaultdict(list)   # pid → its other files
        self.warnings: list[str] = []
        first: dict[str, dict] = {}
        for p in policies:
            pid = policy_id(p)
            if pid in first:
                if signature(p) == signature(first[pid]):
                    # The same document from another file (a copy, another format): one policy.
                    self.duplicates[pid].append(p)
                    self.pids.append(None)
                    continue
                # Two documents, one identity: the later replaces the earlier when it is a revision
                # of it; otherwise both stay, each its own node, and the user is told.
                if not is_revision([t.get("title") for t in first[pid]["tasks"]],
                                   [t.get("title") for t in p["tasks"]]):
                    self.warnings.append(f"{p['source']} and {first[pid]['source']} claim the same identity "
                                         f"({p.get('doc_number') or p.get('title')}) with other texts: both kept")
                pid = kept_apart_id(pid, p["source"])
            first.setdefault(pid, p)
            self.pids.append(pid)
            self.loaded.add([{"id": pid, "dk": doc_key(p.get("doc_number")), "tk": title_key(p.get("title")),
                              "status": p.get("status") or "final", "source": p["source"]}])
        refs = [r for p in policies for r in (p.get("implements") or []) + (p.get("cites") or [])]
        # Group citations: by document number when they have one, title-only ones join the
        # single numbered group that shares their title (ambiguous → their own title group).
        self.groups: dict[str, list[dict]] = defaultdict(list)
        title_to_docs: dict[str, set[str]] = defaultdict(set)
        for r in refs:
            dk, tk = doc_key(r.get("doc_number")), title_key(r.get("title"))
            if dk:
                self.groups["doc:" + dk].append(r)
                if tk:
                    title_to_docs[tk].add(dk)
        for r in refs:
            dk, tk = doc_key(r.get("doc_number")), title_key(r.get("title"))
            if not dk and tk:
                docs = title_to_docs.get(tk, set())
                key = "doc:" + next(iter(docs)) if len(docs) == 1 else "title:" + tk
                self.groups[key].append(r)
        self.group_of: dict[int, str] = {id(r): k for k, rs in self.groups.items() for r in rs}
        self.group_id: dict[str, str] = {k: self._resolve_group(k, rs)
                                         for k, rs in self.groups.items()}

    def _resolve_group(self, key: str, refs: list[dict]) -> str:
        kind, _, value = key.partition(":")
        dk = value if kind == "doc" else None
        for r in refs:  # a loaded document absorbs its citations when the identity rule says so
            m = self.loaded.match(dk, title_key(r.get("title")))
            if m:
                return m["id"]
        return make_id("Policy", key)

    def ref_id(self, ref: dict) -> str | None:
        key = self.group_of.get(id(ref))
        return self.group_id[key] if key else None

    def ref_props(self, key: str) -> dict:
        refs = self.groups[key]
        title = _pick_title([r.get("title") or "" for r in refs])
        doc = _pick_doc([r["doc_number"] for r in refs if r.get("doc_number")])
        # Where the referenced policy comes from, when its number or title says (国办发 → national).
        origin = next((r for r in refs if r.get("level")), {})
        return {"id": self.group_id[key], "title": title or None, "doc_number": doc,
                "status": "referenced", "doc_key": doc_key(doc), "title_key": title_key(title),
                "issuer": [], "sources": [], "fingerprints": [],
                "level": origin.get("level"), "jurisdiction": origin.get("jurisdiction")}


def _agency(g: GraphData, m: dict, jurisdiction: str | None, level: str | None) -> str:
    if isinstance(m, str):
        m = {"surface": m, "expanded": m}
    name = m.get("agency") or m.get("expanded") or m.get("surface")
    jur = m.get("agency_jurisdiction") or jurisdiction
    aid = m.get("agency_id") or make_id("Agency", _nfkc(name), _nfkc(jur))
    if aid in g.nodes["Agency"] and m.get("agency_id"):
        return aid   # a registry body is the same everywhere: its node and IN edge are in already
    resolved = m.get("resolved")
    g.add_node("Agency", {
        "id": aid, "name": name, "name_en": m.get("agency_en"),
        "short": m.get("expanded") or m.get("surface"), "jurisdiction": jur,
        "level": m.get("agency_level"), "kind": m.get("agency_kind"),
        "resolved": bool(m.get("agency")) if resolved is None else bool(resolved),
        "type": m.get("agency_type")})
    if jur:
        jid = g.add_node("Jurisdiction", {"id": jurisdiction_id(jur), "name": jur,
                                          "level": m.get("agency_level") or level})
        g.add_edge("IN", aid, jid, {}, "Agency", "Jurisdiction")
    return aid


def build_graph(extract: dict, successions: list[dict] | None = None) -> GraphData:
    """Turn the §5 extract dict into GraphData.

    `successions` (from the registry): [{from_id, to_id, year, to: {Agency props}}]; an edge is
    added only when its predecessor is in the graph, and chains are followed.
    """
    policies = extract.get("policies") or []
    g = GraphData()
    index = _PolicyIndex(policies)
    for key in sorted(index.groups):
        g.add_node("Policy", index.ref_props(key), fill=False)

    g.warnings.extend(index.warnings)
    for p, pid in zip(policies, index.pids):
        if pid is None:
            continue
        source = p["source"]
        jur, level = p.get("jurisdiction"), p.get("level")
        # A loaded document replaces the referenced stub it may have absorbed.
        g.nodes["Policy"].pop(pid, None)
        issuers = p.get("issuer") or []
        g.add_node("Policy", {
            "id": pid, "title": p.get("title"), "doc_number": p.get("doc_number"),
            "issuer": [i if isinstance(i, str) else (i.get("agency") or i.get("surface"))
                       for i in issuers],
            "issued": p.get("issued"), "jurisdiction": jur, "level": level,
            "status": p.get("status") or "final", "source": source,
            "start": p.get("start"), "end": p.get("end"), "raw": p.get("raw"),
            "doc_key": doc_key(p.get("doc_number")), "title_key": title_key(p.get("title")),
            "fingerprint": p.get("fingerprint"), "format": p.get("format"), "ocr": p.get("ocr"),
            "signature": signature(p),
            # Every file this document came from (real paths, so any path form finds it again),
            # with the fingerprint each was read with (a file seen before is not parsed again).
            "sources": [real_path(d["source"]) for d in [p, *index.duplicates.get(pid, [])]],
            "fingerprints": _fingerprints([p, *index.duplicates.get(pid, [])])})
        prov = {"source": source}
        if jur:
            jid = g.add_node("Jurisdiction", {"id": jurisdiction_id(jur),
                                              "name": jur, "level": level})
            g.add_edge("IN", pid, jid, prov, "Policy", "Jurisdiction", key=(source,))
        # Resolved issuers (registry bodies) when the extract has them, else the names as written.
        resolved_issuers = [{"surface": name, "expanded": name, "agency_id": a["id"], "agency": a["name"],
                             "agency_en": a["name_en"], "agency_jurisdiction": a["jurisdiction"],
                             "agency_level": a["level"], "agency_kind": a["kind"],
                             "agency_type": a.get("type"), "resolved": a["resolved"]}
                            for name, a in zip(issuers, p.get("issuer_agencies") or [])]
        for i in resolved_issuers or issuers:
            aid = _agency(g, i, jur, level)
            raw = i if isinstance(i, str) else i.get("surface")
            g.add_edge("ISSUED_BY", pid, aid, {**prov, "raw": raw}, "Policy", "Agency",
                       key=(source,))
        for rel, refs in (("IMPLEMENTS", p.get("implements")), ("CITES", p.get("cites"))):
            for r in refs or []:
                rid = index.ref_id(r)
                if not rid or rid == pid:
                    continue
                raw = r.get("raw") or (f"《{r.get('title') or ''}》"
                                       + (f"({r['doc_number']})" if r.get("doc_number") else ""))
                g.add_edge(rel, pid, rid, {**prov, "start": r.get("start"), "end": r.get("end"),
                                           "raw": raw}, "Policy", "Policy", key=(source,))
        _add_tasks(g, p, pid, source, jur, level)

    _add_successions(g, successions or [])
    return g


def _fingerprints(docs: list[dict]) -> list[str]:
    fps = [d.get("fingerprint") for d in docs]
    return [str(f) for f in fps] if all(fps) else []      # hand-made data has none


def _add_tasks(g: GraphData, p: dict, pid: str, source: str, jur, level) -> None:
    seen: Counter = Counter()
    skey = source_key(source)
    for seq, t in enumerate(p.get("tasks") or []):
        path = list(t.get("path") or [])
        base = (skey, "/".join(path), t.get("number"))
        seen[base] += 1  # the same number under the same heading twice: keep both apart
        tid = make_id("Task", *base, seen[base])
        clause = t.get("clause")
        span = {"source": source, "start": t.get("start"), "end": t.get("end")}
        g.add_node("Task", {"id": tid, "number": t.get("number"), "title": t.get("title"),
                            "text": t.get("text"), "path": path, "seq": seq, "clause": clause,
                            "raw": clause, "page": t.get("page"), **span})
        g.add_edge("CONTAINS", pid, tid, {**span, "raw": t.get("title")}, "Policy", "Task")
        for role in ROLES:
            for m in t.get(LIST_KEY[role]) or []:
                aid = _agency(g, m, jur, level)
                surface = m if isinstance(m, str) else m.get("surface")
                # The mode is the clause grammar's reading (loaders.clauses); a hand-made
                # mention without one gets its role's usual mode.
                mode = (None if isinstance(m, str) else m.get("mode")) or DEFAULT_MODE[role]
                g.add_edge(RELATION[role], aid, tid, {**span, "raw": clause, "mode": mode, "role": role,
                                                      "surface": surface}, "Agency", "Task", key=(role,))
        for n, tg in enumerate(t.get("targets") or []):
            gid = make_id("Target", tid, n, tg.get("text"))
            g.add_node("Target", {"id": gid, "text": tg.get("text"),
                                  "indicator": tg.get("indicator"), "value": tg.get("value"),
                                  "unit": tg.get("unit"), "comparator": tg.get("comparator"),
                                  "year": tg.get("year"), "source": source,
                                  "start": tg.get("start"), "end": tg.get("end"),
                                  "raw": tg.get("text")})
            g.add_edge("SETS", tid, gid, {**span, "raw": tg.get("text")}, "Task", "Target")
            name = _nfkc(tg.get("indicator"))
            if name:
                iid = g.add_node("Indicator", {"id": make_id("Indicator", name), "name": name})
                g.add_edge("MEASURES", gid, iid, {"source": source, "raw": tg.get("text")},
                           "Target", "Indicator")


def _add_successions(g: GraphData, successions: list[dict]) -> None:
    pending = list(successions)
    while pending:  # chains: A→B→C where B only enters the graph as A's successor
        progressed, rest = False, []
        for s in pending:
            if s["from_id"] not in g.nodes["Agency"]:
                rest.append(s)
                continue
            to = dict(s.get("to") or {})
            to["id"] = s["to_id"]
            if s["to_id"] not in g.nodes["Agency"]:
                _agency(g, {"agency_id": s["to_id"], "agency": to.get("name"),
                            "agency_en": to.get("name_en"), "expanded": to.get("short"),
                            "agency_jurisdiction": to.get("jurisdiction"),
                            "agency_level": to.get("level"), "agency_kind": to.get("kind"),
                            "agency_type": to.get("type"), "resolved": True}, to.get("jurisdiction"), to.get("level"))
            g.add_edge("SUCCEEDED_BY", s["from_id"], s["to_id"],
                       {"year": s.get("year"), "raw": s.get("raw")}, "Agency", "Agency")
            progressed = True
        if not progressed:
            break
        pending = rest
