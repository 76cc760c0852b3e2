"""Neo4j next to the embedded store, in the same run: load throughput and question latency.

    python bench/neo4j.py --sizes 1000,5000 --out bench/neo4j.json

For each size, the same cached corpus (bench/corpus.py) is loaded end to end through the CLI's
path into a fresh embedded store and into an emptied Neo4j — the one NEO4J_URI names, else a
throwaway server started here (tools/neo4j_server.py; its transactions are capped at 512 MiB,
so a load that did not commit in bounded groups would fail) — then loaded again unchanged, and
every named query and researcher question is timed on both (p50/p95 over --rounds). Figures
are printed as Neo4j/embedded ratios; absolute numbers go to the JSON.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tools"))

import neo4j_server  # noqa: E402
from run import LOAD, QUERIES, child, corpus  # noqa: E402

EMPTY = """
from policygraph.graph import open_store
with open_store(neo4j=True) as s:       # a write takes the load lock: its node stays out of it
    while s.query("MATCH (n) WHERE NOT (n:PolicygraphLock AND n.name = 'load') WITH n LIMIT 5000 DETACH DELETE n "
                  "RETURN count(*) AS c", write=True)[0]["c"]:
        pass
print("{}")
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--out", default=str(HERE / "neo4j.json"))
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    server = None
    if not os.environ.get("NEO4J_URI"):
        server, env = neo4j_server.start(watch=os.getpid())
        os.environ.update(env)
    uri = os.environ["NEO4J_URI"]
    results: dict = {"date": date.today().isoformat(), "neo4j": uri, "sizes": {}}
    work = Path(tempfile.mkdtemp(prefix="pg-bench-neo4j-"))
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            d = corpus(n)
            row: dict = {}
            for name, where in (("embedded", str(work / f"store-{n}")), ("neo4j", uri)):
                if name == "neo4j":
                    child(EMPTY)
                first = child(LOAD, d, where)
                again = child(LOAD, d, where)
                qs = {k: v for k, v in child(QUERIES, where, args.rounds).items() if isinstance(v, dict)}
                row[name] = {"load_s": first["load_s"], "tasks": first["tasks"], "reload_s": again["load_s"],
                             "query_p50_ms": {k: round(v["p50"], 2) for k, v in qs.items()},
                             "query_p95_ms": {k: round(v["p95"], 2) for k, v in qs.items()}}
            e, n4 = row["embedded"], row["neo4j"]
            assert e["tasks"] == n4["tasks"], (e["tasks"], n4["tasks"])
            row["ratios"] = {"load": n4["load_s"] / e["load_s"], "reload": n4["reload_s"] / e["reload_s"],
                             "query_p95": {k: n4["query_p95_ms"][k] / max(e["query_p95_ms"][k], 0.01)
                                           for k in e["query_p95_ms"]}}
            results["sizes"][str(n)] = row
            print(f"N={n}: load embedded {e['load_s']:.1f} s, Neo4j {n4['load_s']:.1f} s "
                  f"({row['ratios']['load']:.1f}x; {e['tasks']} tasks each); unchanged reload "
                  f"{row['ratios']['reload']:.1f}x", flush=True)
            shutil.rmtree(work / f"store-{n}", ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if server is not None:
            neo4j_server.stop(server)
    sizes = list(results["sizes"])
    print("\nquestion and named-query p95, Neo4j / embedded (Neo4j p95 in ms):")
    print(f"{'query':62s}" + "".join(f"{'N=' + s:>22s}" for s in sizes))
    for k in sorted(results["sizes"][sizes[0]]["ratios"]["query_p95"]):
        cells = []
        for s in sizes:
            r = results["sizes"][s]
            cells.append(f"{r['ratios']['query_p95'][k]:8.1f}x {r['neo4j']['query_p95_ms'][k]:8.1f} ms")
        print(f"{k[:62]:62s}" + "".join(f"{c:>22s}" for c in cells))
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"\nwrote {args.out}")


if __name__ == "__main__":
    main()
