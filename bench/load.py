"""Bulk load vs one MERGE per node and per edge, on the same synthetic GraphData.

    python bench/load.py [N_DOCUMENTS=1000]

Prints both timings and the ratio. The baseline writes into a fresh LadybugDB with the same
schema, one parameterised MERGE statement per node and per relationship (the way a naive
loader would), nodes before relationships.
"""
import shutil
import sys
import tempfile
import time
from pathlib import Path

import ladybug as lb

from policygraph.graph import build_graph, open_store
from policygraph.graph.backend_ladybug import schema_ddl
from policygraph.graph.sample import synthetic_extract
from policygraph.graph.schema import EDGES, NODES
from policygraph.graph.schema import quote as q


def row_merge_baseline(data, db_path: Path) -> float:
    db = lb.Database(str(db_path))
    conn = lb.Connection(db)
    for ddl in schema_ddl():
        conn.execute(ddl)
    t0 = time.perf_counter()
    for label, props in NODES.items():
        sets = ", ".join(f"n.{q(n)} = CAST($p_{n} AS {t})" for n, t in props if n != "id")
        cypher = f"MERGE (n:{q(label)} {{id: $id}}) SET {sets}"
        for row in data.node_rows(label):
            conn.execute(cypher, {("id" if n == "id" else f"p_{n}"): row.get(n) for n, _ in props})
    for rel, (pairs, props) in EDGES.items():
        sets = ", ".join(f"r.{q(n)} = CAST($p_{n} AS {t})" for n, t in props if n != "id")
        for fl, tl in pairs:
            cypher = (f"MATCH (a:{q(fl)} {{id: $src}}), (b:{q(tl)} {{id: $dst}}) "
                      f"MERGE (a)-[r:{q(rel)} {{id: $id}}]->(b) SET {sets}")
            for row in data.edge_rows(rel):
                if (row["from_label"], row["to_label"]) == (fl, tl):
                    conn.execute(cypher, {"src": row["from"], "dst": row["to"],
                                          **{("id" if n == "id" else f"p_{n}"): row.get(n) for n, _ in props}})
    elapsed = time.perf_counter() - t0
    conn.close()
    db.close()
    return elapsed


def row_merge_baseline_rows(data, db_path: Path, sample: int) -> tuple[float, int]:
    """(seconds, rows) for the row-at-a-time baseline on a sample of `data`: edges spread over
    every relationship type, the nodes they join, and other nodes up to `sample` rows."""
    from policygraph.graph.model import GraphData

    part = GraphData()
    per_rel = max(1, sample // (2 * len(EDGES)))
    for rel in EDGES:
        for row in data.edge_rows(rel)[:per_rel]:
            part.edges[rel][row["id"]] = row
            for end, lab in ((row["from"], row["from_label"]), (row["to"], row["to_label"])):
                part.nodes[lab][end] = data.nodes[lab][end]
    room = sample - sum(part.counts()["nodes"].values()) - sum(part.counts()["edges"].values())
    for label in NODES:
        for row in data.node_rows(label)[: max(0, room // len(NODES))]:
            part.nodes[label][row["id"]] = row
    c = part.counts()
    return row_merge_baseline(part, db_path), sum(c["nodes"].values()) + sum(c["edges"].values())


def main(n: int = 1000) -> float:
    data = build_graph(synthetic_extract(n))
    c = data.counts()
    rows = sum(c["nodes"].values()) + sum(c["edges"].values())
    print(f"{n} documents → {sum(c['nodes'].values())} nodes, {sum(c['edges'].values())} edges")
    tmp = Path(tempfile.mkdtemp(prefix="pg-bench-"))
    try:
        store = open_store(tmp / "bulk.db")
        t0 = time.perf_counter()
        store.load(data)
        bulk = time.perf_counter() - t0
        assert store.counts() == c, "bulk load lost rows"
        store.close()
        t0 = time.perf_counter()
        again = open_store(tmp / "bulk.db").load(data)
        reload = time.perf_counter() - t0
        baseline = row_merge_baseline(data, tmp / "rows.lbug")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"bulk load (staging copy, COPY FROM, swap): {bulk:8.2f} s  ({rows / bulk:,.0f} rows/s)")
    print(f"re-load, nothing changed:                  {reload:8.2f} s  "
          f"(unchanged {len(again['unchanged'])})")
    print(f"one MERGE per node and edge:               {baseline:8.2f} s  "
          f"({rows / baseline:,.0f} rows/s)")
    print(f"ratio: {baseline / bulk:.1f}x")
    return baseline / bulk


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
