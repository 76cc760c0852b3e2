"""Values coming back from queries, the same whichever backend answered.

A node is a plain dict of its properties plus `_label`, a relationship one plus `_type`, so rows
are JSON-friendly; `eid` (the backend's internal id) and the ends of relationships are kept
only to connect them again in a networkx graph.
"""
from __future__ import annotations


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
