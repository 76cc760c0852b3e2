"""Export GraphData: a cypher-shell script, GraphML/GEXF (Gephi), JSON, neo4j-admin import CSV."""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from .model import GraphData
from .schema import BOOL, EDGES, FLOAT, INT, NODES, STRINGS
from .schema import quote as q

FORMATS = ("cypher", "graphml", "gexf", "json", "csv")
_SCRIPT_BATCH = 500
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def export(data: GraphData, fmt: str, dest: str) -> list[str]:
    """Write `data` as `fmt` to `dest` (a file; a directory for csv). Returns written paths."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    dest_path = Path(dest)
    if fmt == "csv":
        return write_admin_csv(data, dest_path)
    dest_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "cypher":
        dest_path.write_text(cypher_script(data), encoding="utf-8")
    elif fmt == "json":
        dest_path.write_text(json.dumps(data.to_json(), ensure_ascii=False, indent=1),
                             encoding="utf-8")
    else:
        import networkx as nx
        g = _flat(data.to_networkx())
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, str(dest_path))
    return [str(dest_path)]


def _flat(g):
    # GraphML/GEXF attributes are scalars: lists become "a; b", and each key needs one type.
    for _, attrs in list(g.nodes(data=True)) + [(None, d) for *_, d in g.edges(data=True)]:
        for k, v in list(attrs.items()):
            if isinstance(v, list):
                attrs[k] = "; ".join(map(str, v))
    return g


# -- Cypher script -----------------------------------------------------------------------------

def literal(v) -> str:
    """A Cypher literal (so the script needs no parameters)."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(literal(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k if _IDENT.match(k) else q(k)}: {literal(x)}"
                               for k, x in v.items()) + "}"
    s = str(v).replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n").replace("\r", "\\r")
    return f"'{s}'"


def cypher_script(data: GraphData) -> str:
    """Statements for cypher-shell on an empty Neo4j: constraints, nodes, then relationships,
    batched with UNWIND and keyed by MERGE so running it twice is harmless."""
    out = ["// policygraph export: cypher-shell -a URI -u USER -p PASS -f this-file"]
    for label in NODES:
        out.append(f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS "
                   f"FOR (n:{q(label)}) REQUIRE n.id IS UNIQUE;")
    for label in NODES:
        rows = data.node_rows(label)
        for i in range(0, len(rows), _SCRIPT_BATCH):
            batch = [{k: v for k, v in r.items() if v is not None} for r in rows[i:i + _SCRIPT_BATCH]]
            out.append(f"UNWIND {literal(batch)} AS row "
                       f"MERGE (n:{q(label)} {{id: row.id}}) SET n += row;")
    for rel in EDGES:
        rows = data.edge_rows(rel)
        groups: dict[tuple, list] = {}
        for r in rows:
            groups.setdefault((r["from_label"], r["to_label"]), []).append(r)
        for (fl, tl), part in groups.items():
            for i in range(0, len(part), _SCRIPT_BATCH):
                batch = [{"from": r["from"], "to": r["to"],
                          "props": {k: v for k, v in r.items() if v is not None and k not in
                                    ("from", "to", "from_label", "to_label")}}
                         for r in part[i:i + _SCRIPT_BATCH]]
                out.append(f"UNWIND {literal(batch)} AS row "
                           f"MATCH (a:{q(fl)} {{id: row.`from`}}) MATCH (b:{q(tl)} {{id: row.`to`}}) "
                           f"MERGE (a)-[r:{q(rel)} {{id: row.props.id}}]->(b) SET r += row.props;")
    return "\n".join(out) + "\n"


# -- neo4j-admin database import CSV -----------------------------------------------------------

_ADMIN_TYPE = {INT: "long", BOOL: "boolean", STRINGS: "string[]", FLOAT: "double"}


def _cell(v) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return ";".join(str(x) for x in v)  # neo4j-admin's default array delimiter
    return str(v)


def write_admin_csv(data: GraphData, dest: Path) -> list[str]:
    """nodes_<Label>.csv (id:ID, :LABEL, props) and rels_<TYPE>.csv (:START_ID, :END_ID, :TYPE,
    props), for `neo4j-admin database import full --nodes=… --relationships=…`."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for label, props in NODES.items():
        path = dest / f"nodes_{label}.csv"
        head = ["id:ID", ":LABEL"] + [n + (":" + _ADMIN_TYPE[t] if t in _ADMIN_TYPE else "")
                                      for n, t in props if n != "id"]
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(head)
            for r in data.node_rows(label):
                w.writerow([r["id"], label] + [_cell(r.get(n)) for n, _ in props if n != "id"])
        written.append(str(path))
    for rel, (_, props) in EDGES.items():
        path = dest / f"rels_{rel}.csv"
        head = [":START_ID", ":END_ID", ":TYPE"] + [
            n + (":" + _ADMIN_TYPE[t] if t in _ADMIN_TYPE else "") for n, t in props]
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(head)
            for r in data.edge_rows(rel):
                w.writerow([r["from"], r["to"], rel] + [_cell(r.get(n)) for n, _ in props])
        written.append(str(path))
    return written
